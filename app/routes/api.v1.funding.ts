import { fundingApi } from "~/models/funding-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/funding: the funding list page's query (its filters, sorting, 25 a page) in the caller's scope.
// POST /api/v1/funding: creates a funding line from the form's fields (staff).
// The rules of every record type's routes: app/utils/api-resource.server.ts; the operations: /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(fundingApi);
export const action = /* @__PURE__ */ apiCreateAction(fundingApi);
