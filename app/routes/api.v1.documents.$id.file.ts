import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { openDocumentForDownload } from "~/models/document.server";
import { apiHandler } from "~/utils/api-response.server";
import { documentFileResponse } from "~/utils/document-file-response.server";
import { notFoundError } from "~/utils/errors.server";

// GET /api/v1/documents/<id>/file: the document's file, streamed, for a caller
// whose scope includes the document (404 otherwise, as the download page):
// the same scope, the same download audit (naming the token) and the same
// headers as /documents/<id>/download.

export const loader = /* @__PURE__ */ apiHandler(async ({ request, params, context }: LoaderFunctionArgs) => {
  const caller = await requireApiCaller(request, context);
  const opened = await openDocumentForDownload(caller, params.id ?? "");
  if (!opened) throw notFoundError("Document not found");
  return documentFileResponse(opened);
});
