import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeContext } from "~/auth/write-context.server";
import { requestTranslator } from "~/i18n/request.server";
import { programmeActivitiesCsv } from "~/reports/programme-csv.server";
import { csvResponse } from "~/reports/csv.server";
import { prepareProgrammeExport } from "~/reports/programme-report.server";
import { fileNotFound } from "~/utils/file-response.server";
import { withDomainErrors } from "~/utils/respond.server";

// /reports/programmes/<code>.csv?from=YYYY-MM-DD&to=YYYY-MM-DD — the programme
// report's activities as CSV, for anyone whose scope includes the programme
// (404 otherwise), in the reader's language.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await writeContext(request, context);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const prepared = await prepareProgrammeExport(ctx, params.code ?? "", url.searchParams, "csv", t);
  if (!prepared) return fileNotFound(request);
  const response = csvResponse(programmeActivitiesCsv(prepared.report, t), prepared.filename);
  response.headers.set("Cache-Control", "private, no-store");
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
});
