import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { writeContext } from "~/auth/write-context.server";
import { requestTranslator } from "~/i18n/request.server";
import { openDocumentForDownload } from "~/models/document.server";
import { attachmentDisposition } from "~/models/file-store.server";
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
  return new Response(createReadableStreamFromReadable(opened.stream), {
    headers: {
      "Content-Type": opened.document.mimeType,
      "Content-Length": String(opened.size),
      "Content-Disposition": attachmentDisposition(opened.document.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // A stored file is never rendered as a page of this site, whatever it contains.
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    },
  });
});
