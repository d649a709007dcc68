import { fundingApi } from "~/models/funding-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/funding/<id>: one record in the caller's scope (404 outside it).
// PATCH /api/v1/funding/<id>: changes the fields sent, with the version read (staff);
// a stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(fundingApi);
export const action = /* @__PURE__ */ apiUpdateAction(fundingApi);
