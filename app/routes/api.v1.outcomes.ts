import { outcomeApi } from "~/models/outcome-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/outcomes: the outcomes list page's query (its filters, sorting and pages) in the caller's scope.
// POST /api/v1/outcomes: creates from the outcome form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(outcomeApi);
export const action = /* @__PURE__ */ apiCreateAction(outcomeApi);
