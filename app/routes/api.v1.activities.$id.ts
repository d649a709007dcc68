import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { ConflictError, getActivityForApi, updateActivityFromApi } from "~/models/activity-api.server";
import { apiHandler, apiJson, domainProblem, problem, readJsonObject } from "~/utils/api-response.server";
import { notFoundError } from "~/utils/errors.server";

// GET /api/v1/activities/<id>: one activity in the caller's scope (404 outside it).
// PATCH /api/v1/activities/<id>: changes the fields sent, with the version
// read; a stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiHandler(async ({ request, params, context }: LoaderFunctionArgs) => {
  const caller = await requireApiCaller(request, context);
  const activity = await getActivityForApi(caller.scope, params.id ?? "");
  if (!activity) throw notFoundError("Activity not found");
  return apiJson(activity);
});

export const action = /* @__PURE__ */ apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PATCH") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, PATCH" });
  const caller = await requireApiCaller(request, context);
  const id = params.id ?? "";
  try {
    return apiJson(await updateActivityFromApi(caller, id, await readJsonObject(request)));
  } catch (error) {
    if (error instanceof ConflictError) return domainProblem(request, error, () => getActivityForApi(caller.scope, id));
    throw error;
  }
});
