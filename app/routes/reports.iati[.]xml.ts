import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { Readable } from "node:stream";
import { writeContext } from "~/auth/write-context.server";
import { startIatiExport } from "~/reports/iati.server";
import { fileNotFound } from "~/utils/file-response.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /reports/iati.xml?programme=<code>: one programme as an IATI 2.03
// activity file; without the parameter, every programme in the viewer's
// scope. Anonymous -> sign-in; a programme outside the scope -> 404; without
// the centre's publisher settings -> a page saying an administrator must enter
// them (a DomainError, shown by the error page). The XML is streamed as it is
// built (see app/reports/iati.server.ts).
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context);
  const code = new URL(request.url).searchParams.get("programme")?.trim() || null;
  const started = await startIatiExport(ctx, { code });
  if (!started) return fileNotFound(request);
  return new Response(createReadableStreamFromReadable(Readable.from(started.chunks)), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${started.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
