import { agreementApi } from "~/models/agreement-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/agreements: the agreements list page's query (its filters, sorting, 25 a page) in the caller's scope.
// POST /api/v1/agreements: creates an agreement from the form's fields (staff).
// The rules of every record type's routes: app/utils/api-resource.server.ts; the operations: /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(agreementApi);
export const action = /* @__PURE__ */ apiCreateAction(agreementApi);
