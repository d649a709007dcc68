import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeContext } from "~/auth/write-context.server";
import { startIatiExport } from "~/reports/iati.server";
import { pulledByteStream } from "~/reports/pulled-stream.server";
import { fileNotFound } from "~/utils/file-response.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /reports/iati.xml?programme=<code>: one programme as an IATI 2.03
// activity file; without the parameter, every programme in the viewer's
// scope. Anonymous -> sign-in; a programme outside the scope -> 404; without
// the centre's publisher settings -> a page saying an administrator must enter
// them (a DomainError, shown by the error page). The XML is streamed as it is
// built (see app/reports/iati.server.ts), one programme's bytes at a time:
// pulledByteStream asks the writer for the next programme only when the
// server has taken the previous one (no read-ahead; Readable.from buffered up
// to 16 programmes).
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context);
  const code = new URL(request.url).searchParams.get("programme")?.trim() || null;
  const started = await startIatiExport(ctx, { code });
  if (!started) return fileNotFound(request);
  return new Response(pulledByteStream(started.chunks), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${started.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
