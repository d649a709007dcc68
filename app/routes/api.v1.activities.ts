import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { createActivityFromApi, listActivitiesForApi } from "~/models/activity-api.server";
import { apiHandler, apiJson, problem, readJsonObject } from "~/utils/api-response.server";

// GET /api/v1/activities: the activities list page's query (q, sort, dir,
// page, programme, country, kind, status, organisation, from, to, archived) in the caller's scope.
// POST /api/v1/activities: creates an activity from the activity form's fields (staff).
// docs/decisions/0041-json-api-and-tokens.md; the operations are in /api/v1/openapi.json.

export const loader = /* @__PURE__ */ apiHandler(async ({ request, context }: LoaderFunctionArgs) => {
  const caller = await requireApiCaller(request, context);
  return apiJson(await listActivitiesForApi(caller.scope, new URL(request.url).searchParams));
});

export const action = /* @__PURE__ */ apiHandler(async ({ request, context }: ActionFunctionArgs) => {
  if (request.method !== "POST") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, POST" });
  const caller = await requireApiCaller(request, context);
  const created = await createActivityFromApi(caller, await readJsonObject(request));
  return apiJson(created, { status: 201, headers: { Location: `/api/v1/activities/${encodeURIComponent(created.id)}` } });
});
