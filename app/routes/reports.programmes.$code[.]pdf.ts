import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { writeContext } from "~/auth/write-context.server";
import { requestTranslator } from "~/i18n/request.server";
import { programmeReportPdf } from "~/reports/pdf.server";
import { prepareProgrammeExport } from "~/reports/programme-report.server";
import { fileNotFound } from "~/utils/file-response.server";
import { withDomainErrors } from "~/utils/respond.server";

// /reports/programmes/<code>.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD — the programme
// report as a PDF, for anyone whose scope includes the programme (404 otherwise),
// written in the reader's language.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const prepared = await prepareProgrammeExport(ctx, params.code ?? "", url.searchParams, "pdf", t);
  if (!prepared) return fileNotFound(request);
  return new Response(createReadableStreamFromReadable(programmeReportPdf(prepared.report, t)), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${prepared.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
