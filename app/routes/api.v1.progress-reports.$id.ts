import { progressReportApi } from "~/models/progress-report-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/progress-reports/<id>: one report as its page loads it, in the caller's scope (404 outside it).
// PATCH /api/v1/progress-reports/<id>: saves the draft (the report form's fields, the version read;
// a stale version answers 409 with the current record), for whoever may fill it in.

export const loader = /* @__PURE__ */ apiRecordLoader(progressReportApi);
export const action = /* @__PURE__ */ apiUpdateAction(progressReportApi);
