import { indicatorApi } from "~/models/indicator-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/indicators/<id>: one indicator in the caller's scope (404 outside it).
// PATCH /api/v1/indicators/<id>: changes the fields sent, with the version read; a
// stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(indicatorApi);
export const action = /* @__PURE__ */ apiUpdateAction(indicatorApi);
