import { progressReportApi, progressReportSteps } from "~/models/progress-report-api.server";
import { apiArchiveLoader, apiStepAction } from "~/utils/api-resource.server";

// POST /api/v1/progress-reports/<id>/return, with the version read: returns a submitted report to its reporter (staff) with `comments` by section, at least one.
// The report page's rules and messages (the same model function); a stale version is 409 with the current report.

export const loader = /* @__PURE__ */ apiArchiveLoader();
export const action = /* @__PURE__ */ apiStepAction(progressReportApi, progressReportSteps.return);
