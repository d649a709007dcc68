import { indicatorApi } from "~/models/indicator-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/indicators: the indicators list page's query (its filters, sorting and pages) in the caller's scope.
// POST /api/v1/indicators: creates from the indicator form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(indicatorApi);
export const action = /* @__PURE__ */ apiCreateAction(indicatorApi);
