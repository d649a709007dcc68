import { pulledByteStream } from "~/reports/pulled-stream.server";

// Answers of the public IATI files (/iati/activities.xml, /iati/organisation.xml):
// no sign-in, streamed as they are written, cacheable for a short while (the
// IATI Registry and data users fetch them; a publication shows within minutes).

/** How long a public file may be cached, in seconds. */
export const PUBLIC_FILE_MAX_AGE = 300;

/** A public XML file: streamed for GET; for HEAD only its headers, without building it. */
export function publicXmlResponse(request: Request, chunks: () => AsyncIterable<string | Uint8Array>): Response {
  const headers = {
    "Content-Type": "application/xml; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": `public, max-age=${PUBLIC_FILE_MAX_AGE}`,
    "Access-Control-Allow-Origin": "*",
  };
  if (request.method === "HEAD") return new Response(null, { headers });
  return new Response(pulledByteStream(asBytes(chunks())), { headers });
}

/** Text chunks as UTF-8; byte chunks as they are. */
async function* asBytes(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}
