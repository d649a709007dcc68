import { requirementApi } from "~/models/reporting-requirement-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/reporting-requirements: the requirements (staff; others 403), by programme, frequency and reporter, in pages.
// POST /api/v1/reporting-requirements: creates from the requirement form's fields and `programmeCode` (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(requirementApi);
export const action = /* @__PURE__ */ apiCreateAction(requirementApi);
