import { requirementApi } from "~/models/reporting-requirement-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/reporting-requirements/<id>: one requirement (staff).
// PATCH /api/v1/reporting-requirements/<id>: changes the fields sent, with the version read; a
// stale version answers 409 with the current record (`current`). Its periods follow, as on the edit page.

export const loader = /* @__PURE__ */ apiRecordLoader(requirementApi);
export const action = /* @__PURE__ */ apiUpdateAction(requirementApi);
