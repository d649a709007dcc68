import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { createProgrammeFromApi, listProgrammesForApi } from "~/models/programme-api.server";
import { apiHandler, apiJson, problem, readJsonObject } from "~/utils/api-response.server";

// GET /api/v1/programmes: the programmes list page's query (q, sort, dir,
// page, country, status, organisation, from, to, archived) in the caller's scope.
// POST /api/v1/programmes: creates a programme from the programme form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiHandler(async ({ request, context }: LoaderFunctionArgs) => {
  const caller = await requireApiCaller(request, context);
  return apiJson(await listProgrammesForApi(caller.scope, new URL(request.url).searchParams));
});

export const action = /* @__PURE__ */ apiHandler(async ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, POST" });
  const caller = await requireApiCaller(request, context);
  const created = await createProgrammeFromApi(caller, await readJsonObject(request));
  return apiJson(created, { status: 201, headers: { Location: `/api/v1/programmes/${encodeURIComponent(created.code)}` } });
});
