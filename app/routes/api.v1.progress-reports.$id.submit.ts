import { progressReportApi, progressReportSteps } from "~/models/progress-report-api.server";
import { apiArchiveLoader, apiStepAction } from "~/utils/api-resource.server";

// POST /api/v1/progress-reports/<id>/submit, with the version read: submits the report (its reporter, or staff for them): the narrative and every indicator's value must be there.
// The report page's rules and messages (the same model function); a stale version is 409 with the current report.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiStepAction(progressReportApi, progressReportSteps.submit);
