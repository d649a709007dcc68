import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import { ConflictError, getProgrammeForApi, updateProgrammeFromApi } from "~/models/programme-api.server";
import { apiHandler, apiJson, domainProblem, problem, readJsonObject } from "~/utils/api-response.server";
import { notFoundError } from "~/utils/errors.server";

// GET /api/v1/programmes/<code>: one programme in the caller's scope (404 outside it).
// PATCH /api/v1/programmes/<code>: changes the fields sent, with the version
// read; a stale version answers 409 with the current record (`current`).

export const loader = /* @__PURE__ */ apiHandler(async ({ request, params, context }: LoaderFunctionArgs) => {
  const caller = await requireApiCaller(request, context);
  const programme = await getProgrammeForApi(caller.scope, params.code ?? "");
  if (!programme) throw notFoundError("Programme not found");
  return apiJson(programme);
});

export const action = /* @__PURE__ */ apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
  if (request.method !== "PATCH") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, PATCH" });
  const caller = await requireApiCaller(request, context);
  const code = params.code ?? "";
  try {
    return apiJson(await updateProgrammeFromApi(caller, code, await readJsonObject(request)));
  } catch (error) {
    if (error instanceof ConflictError) return domainProblem(request, error, () => getProgrammeForApi(caller.scope, code));
    throw error;
  }
});
