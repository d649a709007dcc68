import { openApiDocument } from "~/api/openapi.server";
import { apiJson } from "~/utils/api-response.server";

// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from
// the zod schemas (app/api/openapi.server.ts). Public: it describes the API,
// holds no data, and clients fetch it before they have a token.
export async function loader() {
  return apiJson(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
