import { deliverableApi } from "~/models/deliverable-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/deliverables: the deliverables list page's query (its filters, sorting and pages) in the caller's scope.
// POST /api/v1/deliverables: creates from the deliverable form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(deliverableApi);
export const action = /* @__PURE__ */ apiCreateAction(deliverableApi);
