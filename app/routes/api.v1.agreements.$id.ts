import { agreementApi } from "~/models/agreement-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/agreements/<id>: one record in the caller's scope (404 outside it).
// PATCH /api/v1/agreements/<id>: changes the fields sent, with the version read (staff);
// a stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(agreementApi);
export const action = /* @__PURE__ */ apiUpdateAction(agreementApi);
