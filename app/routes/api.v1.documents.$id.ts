import { documentApi } from "~/models/document-api.server";
import { apiRecordLoader, apiUpdateAction } from "~/utils/api-resource.server";

// GET /api/v1/documents/<id>: one record in the caller's scope (404 outside it).
// PATCH /api/v1/documents/<id>: changes the fields sent, with the version read (staff);
// a stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiRecordLoader(documentApi);
export const action = /* @__PURE__ */ apiUpdateAction(documentApi);
