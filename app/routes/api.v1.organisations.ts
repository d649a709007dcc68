import { organisationApi } from "~/models/organisation-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/organisations: the organisations list page's query (its filters, sorting, 25 a page), for staff
// as the page is (partners' and donors' tokens: 403).
// POST /api/v1/organisations: creates an organisation from the form's fields (staff).
// The rules of every record type's routes: app/utils/api-resource.server.ts; the operations: /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(organisationApi);
export const action = /* @__PURE__ */ apiCreateAction(organisationApi);
