import { progressReportApi } from "~/models/progress-report-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/progress-reports: the /progress-reports page's query (status, programme, country, due;
// sorting, pages) in the caller's scope. No POST (405): a requirement's periods make the reports.

export const loader = /* @__PURE__ */ apiCollectionLoader(progressReportApi);
export const action = /* @__PURE__ */ apiCreateAction(progressReportApi);
