import { getOutcomeForApi, updateOutcomeFromApi } from "~/models/outcome-api.server";
import { apiReadLoader, apiUpdateAction } from "~/utils/api-routes.server";

// GET /api/v1/outcomes/<id>: one outcome in the caller's scope (404 outside it).
// PATCH /api/v1/outcomes/<id>: changes the fields sent, with the version read; a
// stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiReadLoader(getOutcomeForApi, "Outcome");

export const action = /* @__PURE__ */ apiUpdateAction(updateOutcomeFromApi, getOutcomeForApi);
