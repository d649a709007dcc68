import { progressReportApi, progressReportSteps } from "~/models/progress-report-api.server";
import { apiArchiveLoader, apiStepAction } from "~/utils/api-resource.server";

// POST /api/v1/progress-reports/<id>/reopen, with the version read: reopens an approved report (staff) with a `reason`.
// The report page's rules and messages (the same model function); a stale version is 409 with the current report.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiStepAction(progressReportApi, progressReportSteps.reopen);
