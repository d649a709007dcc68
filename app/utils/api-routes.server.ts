import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/auth/api-auth.server";
import type { Scope } from "~/auth/scope.server";
import type { Ctx } from "~/models/ctx.server";
import { apiHandler, apiJson, domainProblem, problem, readJsonObject } from "./api-response.server";
import { ConflictError, notFoundError } from "./errors.server";

// The loaders and actions of an /api/v1 record type (issue 19, point 5; ADR
// 0041), built from the type's *-api.server.ts functions. The programme and
// activity routes spell the same steps out; the record types added after
// them (deliverables, outcomes, indicators) share these, so each route file
// names only its model functions and the five operations cannot drift apart
// between types. Each returns one function, so a route module keeps
// `export const loader = /* @__PURE__ */ apiCollectionLoader(...)` and the browser
// build drops it as it drops any loader.

type Id = { id: string };

/** GET <base>: one page of the list, by the list page's URL parameters, in the caller's scope. */
export function apiCollectionLoader(list: (scope: Scope, params: URLSearchParams) => Promise<unknown>) {
  return apiHandler(async ({ request, context }: LoaderFunctionArgs) => {
    const caller = await requireApiCaller(request, context);
    return apiJson(await list(caller.scope, new URL(request.url).searchParams));
  });
}

/** POST <base>: creates from the form's fields; 201 with Location <base>/<id>. */
export function apiCreateAction(base: string, create: (ctx: Ctx, body: Record<string, unknown>) => Promise<Id>) {
  return apiHandler(async ({ request, context }: ActionFunctionArgs) => {
    if (request.method !== "POST") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, POST" });
    const caller = await requireApiCaller(request, context);
    const created = await create(caller, await readJsonObject(request));
    return apiJson(created, { status: 201, headers: { Location: `${base}/${encodeURIComponent(created.id)}` } });
  });
}

/** GET <base>/<id>: the record in the caller's scope; 404 outside it. */
export function apiReadLoader(read: (scope: Scope, id: string) => Promise<unknown | null>, what: string) {
  return apiHandler(async ({ request, params, context }: LoaderFunctionArgs) => {
    const caller = await requireApiCaller(request, context);
    const record = await read(caller.scope, params.id ?? "");
    if (!record) throw notFoundError(`${what} not found`);
    return apiJson(record);
  });
}

/** PATCH <base>/<id>: the fields sent, with the version read; a stale version is 409 with the current record. */
export function apiUpdateAction(
  update: (ctx: Ctx, id: string, body: Record<string, unknown>) => Promise<unknown>,
  read: (scope: Scope, id: string) => Promise<unknown | null>,
) {
  return apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
    if (request.method !== "PATCH") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "GET, PATCH" });
    const caller = await requireApiCaller(request, context);
    const id = params.id ?? "";
    try {
      return apiJson(await update(caller, id, await readJsonObject(request)));
    } catch (error) {
      if (error instanceof ConflictError) return domainProblem(request, error, () => read(caller.scope, id));
      throw error;
    }
  });
}

/** GET <base>/<id>/archive: only POST is an operation there. */
export const apiPostOnlyLoader = () =>
  apiHandler(async ({ request }: LoaderFunctionArgs) => problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "POST" }));

/** POST <base>/<id>/archive: archives (a soft delete staff can undo on the page); a repeat answers the same record. */
export function apiArchiveAction(archive: (ctx: Ctx, id: string) => Promise<unknown>) {
  return apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
    if (request.method !== "POST") return problem(request, "method-not-allowed", 405, undefined, {}, { Allow: "POST" });
    const caller = await requireApiCaller(request, context);
    return apiJson(await archive(caller, params.id ?? ""));
  });
}
