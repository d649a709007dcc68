import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeContext } from "~/auth/write-context.server";
import { requestTranslator } from "~/i18n/request.server";
import { openDocumentForDownload } from "~/models/document.server";
import { documentFileResponse } from "~/utils/document-file-response.server";
import { withDomainErrors } from "~/utils/respond.server";

// A document's file, for any signed-in user whose scope includes the
// document; for everyone else it does not exist (404, never 403).
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context);
  const opened = await openDocumentForDownload(ctx, params.id ?? "");
  if (!opened) {
    const t = await requestTranslator(request);
    throw new Response(t("documents.download.notFound"), { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return documentFileResponse(opened);
});
