import { outcomeApi } from "~/models/outcome-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/outcomes/<id>: one outcome in the caller's scope (404 outside it).
// PATCH /api/v1/outcomes/<id>: changes the fields sent, with the version read; a
// stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(outcomeApi);
export const action = /* @__PURE__ */ apiUpdateAction(outcomeApi);
