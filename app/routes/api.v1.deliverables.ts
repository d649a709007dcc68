import { createDeliverableFromApi, listDeliverablesForApi } from "~/models/deliverable-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-routes.server";

// GET /api/v1/deliverables: the deliverables list page's query (its filters, sorting and pages) in the caller's scope.
// POST /api/v1/deliverables: creates from the deliverable form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(listDeliverablesForApi);

export const action = /* @__PURE__ */ apiCreateAction("/api/v1/deliverables", createDeliverableFromApi);
