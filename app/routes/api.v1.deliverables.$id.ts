import { deliverableApi } from "~/models/deliverable-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/deliverables/<id>: one deliverable in the caller's scope (404 outside it).
// PATCH /api/v1/deliverables/<id>: changes the fields sent, with the version read; a
// stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(deliverableApi);
export const action = /* @__PURE__ */ apiUpdateAction(deliverableApi);
