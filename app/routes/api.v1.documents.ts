import { documentApi } from "~/models/document-api.server";
import { apiCollectionLoader, apiCreateAction } from "~/utils/api-resource.server";

// GET /api/v1/documents: the documents list page's query (its filters, sorting, 25 a page) in the caller's scope.
// POST /api/v1/documents: uploads a document (staff): multipart/form-data, the file in `file` and the
// upload form's fields in the other parts, through the document store's checks.
// The rules of every record type's routes: app/utils/api-resource.server.ts; the operations: /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiCollectionLoader(documentApi);
export const action = /* @__PURE__ */ apiCreateAction(documentApi);
