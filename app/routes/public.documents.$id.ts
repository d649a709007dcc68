import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getPublicDocument } from "~/models/iati-publication.server";
import { attachmentDisposition, openStoredFile } from "~/models/file-store.server";
import { fileNotFound } from "~/utils/file-response.server";
import { PUBLIC_FILE_MAX_AGE } from "~/utils/public-file.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /public/documents/:id: the file of a document marked public whose
// programme is published (PUBLIC_DOCUMENT), for anyone, at the address the
// IATI files link to. Anything else is 404 for everyone, signed in or not,
// and never a redirect to sign-in (an IATI reader cannot sign in). Downloads
// are not audited one by one: the file is public.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const document = await getPublicDocument(params.id ?? "");
  if (!document) return fileNotFound(request);
  const etag = `"${document.sha256}"`;
  const headers = {
    "Content-Type": document.mimeType,
    // Shown in the browser where it can be, under its own name when saved.
    "Content-Disposition": attachmentDisposition(document.originalName).replace(/^attachment/, "inline"),
    "X-Content-Type-Options": "nosniff",
    // Whatever the file contains, it never runs as a page of this site.
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; sandbox",
    "Cache-Control": `public, max-age=${PUBLIC_FILE_MAX_AGE}`,
    ETag: etag,
    "Last-Modified": document.updatedAt.toUTCString(),
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  if (request.method === "HEAD") return new Response(null, { headers: { ...headers, "Content-Length": String(document.sizeBytes) } });
  const file = await openStoredFile(document.sha256);
  if (!file) return fileNotFound(request);
  return new Response(createReadableStreamFromReadable(file.stream), {
    headers: { ...headers, "Content-Length": String(file.size) },
  });
});
