import { createReadableStreamFromReadable } from "@remix-run/node";
import type { openDocumentForDownload } from "~/models/document.server";
import { attachmentDisposition } from "~/models/file-store.server";

// A document's stored file as the answer to a download, with the same headers
// whichever door it is asked through (the download page's route and
// GET /api/v1/documents/<id>/file): always an attachment, never sniffed, never
// rendered as a page of this site whatever it contains.

type Opened = NonNullable<Awaited<ReturnType<typeof openDocumentForDownload>>>;

export function documentFileResponse(opened: Opened): Response {
  return new Response(createReadableStreamFromReadable(opened.stream), {
    headers: {
      "Content-Type": opened.document.mimeType,
      "Content-Length": String(opened.size),
      "Content-Disposition": attachmentDisposition(opened.document.originalName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    },
  });
}
