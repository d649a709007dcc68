import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { requireApiCaller, type ApiCaller } from "~/auth/api-auth.server";
import type { Scope } from "~/auth/scope.server";
import type { Ctx } from "~/models/ctx.server";
import { ConflictError, notFoundError } from "./errors.server";
import { parseAsForm, requireApiVersion } from "./api-input.server";
import { apiHandler, apiJson, domainProblem, problem, readJsonObject } from "./api-response.server";

// The three route modules every record type of /api/v1 has (issue 19, point 5;
// ADR 0041): the collection (GET list, POST create), one record (GET,
// PATCH with the version, 409 with the current record) and its archive action.
// Programmes and activities spell these out in their route files; the record
// types after them (agreements, organisations, funding, documents,
// deliverables, outcomes, indicators) describe themselves once as an
// ApiResource and their route files are one line each, so the rules (methods,
// 405 with Allow, 201 with Location, 409 with `current`) cannot drift between
// them.

/** A record type served by /api/v1: the model functions behind its routes, each scoped by the caller. */
export type ApiResource<R extends { id: string }> = {
  /** The collection's path, e.g. "/api/v1/agreements": a created record's Location is under it. */
  path: string;
  /** The message of the 404 (a record missing or outside the caller's scope). */
  notFound: string;
  list: (caller: ApiCaller, params: URLSearchParams) => Promise<unknown>;
  read: (caller: ApiCaller, id: string) => Promise<R | null>;
  /**
   * Reads the request's body itself: JSON for most, multipart/form-data for a
   * document's upload. Absent for a record type that is never created through
   * the API (progress reports: their requirement's periods make them); then
   * POST on the collection is 405.
   */
  create?: (caller: ApiCaller, request: Request) => Promise<R>;
  /** `request` for what the body does not say (the writer's language: Accept-Language). */
  update: (caller: ApiCaller, id: string, body: Record<string, unknown>, request: Request) => Promise<R>;
  /** Absent for a record type without archiving (then it has no archive route). */
  archive?: (caller: ApiCaller, id: string) => Promise<R>;
};

const notAllowed = (request: Request, allow: string) => problem(request, "method-not-allowed", 405, undefined, {}, { Allow: allow });

/** GET <path>: one page of the list page's query in the caller's scope. */
export function apiCollectionLoader<R extends { id: string }>(resource: ApiResource<R>) {
  return apiHandler(async ({ request, context }: LoaderFunctionArgs) => {
    const caller = await requireApiCaller(request, context);
    return apiJson(await resource.list(caller, new URL(request.url).searchParams));
  });
}

/** POST <path>: creates a record (201 with its Location). */
export function apiCreateAction<R extends { id: string }>(resource: ApiResource<R>) {
  return apiHandler(async ({ request, context }: ActionFunctionArgs) => {
    if (!resource.create) return notAllowed(request, "GET");
    if (request.method !== "POST") return notAllowed(request, "GET, POST");
    const caller = await requireApiCaller(request, context);
    const created = await resource.create(caller, request);
    return apiJson(created, { status: 201, headers: { Location: `${resource.path}/${encodeURIComponent(created.id)}` } });
  });
}

/** GET <path>/<id>: one record in the caller's scope (404 outside it). */
export function apiRecordLoader<R extends { id: string }>(resource: ApiResource<R>) {
  return apiHandler(async ({ request, params, context }: LoaderFunctionArgs) => {
    const caller = await requireApiCaller(request, context);
    const record = await resource.read(caller, params.id ?? "");
    if (!record) throw notFoundError(resource.notFound);
    return apiJson(record);
  });
}

/** PATCH <path>/<id>: the fields sent (JSON), with the version read; a stale version is 409 with the current record. */
export function apiUpdateAction<R extends { id: string }>(resource: ApiResource<R>) {
  return versionedWrite(resource, "PATCH", "GET, PATCH", resource.update);
}

/**
 * POST <path>/<id>/<step>: a workflow step (a progress report's submit,
 * return, approve, reopen) with the version read in its JSON body; a stale
 * version is 409 with the current record, as a PATCH's. GET on the route is
 * apiArchiveLoader's 405.
 */
export function apiStepAction<R extends { id: string }>(
  resource: ApiResource<R>,
  step: (caller: ApiCaller, id: string, body: Record<string, unknown>, request: Request) => Promise<R>,
) {
  return versionedWrite(resource, "POST", "POST", step);
}

function versionedWrite<R extends { id: string }>(
  resource: ApiResource<R>,
  method: string,
  allow: string,
  write: (caller: ApiCaller, id: string, body: Record<string, unknown>, request: Request) => Promise<R>,
) {
  return apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
    if (request.method !== method) return notAllowed(request, allow);
    const caller = await requireApiCaller(request, context);
    const id = params.id ?? "";
    try {
      return apiJson(await write(caller, id, await readJsonObject(request), request));
    } catch (error) {
      if (error instanceof ConflictError) return domainProblem(request, error, () => resource.read(caller, id));
      throw error;
    }
  });
}

/** Any method but POST on an archive (or workflow step) route: 405. */
export function apiArchiveLoader() {
  return apiHandler(async ({ request }: LoaderFunctionArgs) => notAllowed(request, "POST"));
}

/** POST <path>/<id>/archive: archives the record (a soft delete staff can undo on its page); a repeat answers the same record. */
export function apiArchiveAction<R extends { id: string }>(resource: ApiResource<R>) {
  return apiHandler(async ({ request, params, context }: ActionFunctionArgs) => {
    if (request.method !== "POST" || !resource.archive) return notAllowed(request, "POST");
    const caller = await requireApiCaller(request, context);
    return apiJson(await resource.archive(caller, params.id ?? ""));
  });
}

/**
 * An ApiResource over a record's form and model functions, the way every
 * record type's API works (ADR 0041): a record is represented from what the
 * scoped `get` finds; POST parses the body with the form's schema; PATCH
 * merges the fields sent over the edit form's values (`defaults`), requires
 * the version and parses the result with the same schema; archive is
 * idempotent. `guard` refuses a caller before anything is read (organisations:
 * staff only); `readCreate` reads a create's body when it is not JSON (a
 * document's upload: it checks the caller, parses and checks the values and
 * the file itself, and hands `create` both).
 */
export function formApiResource<D extends { id: string; archivedAt: Date | null }, R extends { id: string }, S extends z.ZodTypeAny, C = z.output<S>>(o: {
  path: string;
  notFound: string;
  /** What the refusals call it ("agreement"). */
  what: string;
  schema: S;
  list: (caller: ApiCaller, params: URLSearchParams) => Promise<unknown>;
  get: (scope: Scope, id: string) => Promise<D | null>;
  defaults: (record: D) => Record<string, unknown>;
  represent: (record: D) => R;
  create: (ctx: Ctx, input: C) => Promise<{ id: string }>;
  update: (ctx: Ctx, id: string, version: number, data: z.output<S>) => Promise<unknown>;
  setArchived: (ctx: Ctx, id: string, archived: boolean) => Promise<unknown>;
  guard?: (caller: ApiCaller) => void;
  readCreate?: (caller: ApiCaller, request: Request) => Promise<C>;
}): ApiResource<R> {
  const guard = o.guard ?? (() => {});
  const found = async (scope: Scope, id: string) => {
    const record = await o.get(scope, id);
    if (!record) throw notFoundError(o.notFound);
    return record;
  };
  return {
    path: o.path,
    notFound: o.notFound,
    async list(caller, params) {
      guard(caller);
      return o.list(caller, params);
    },
    async read(caller, id) {
      guard(caller);
      const record = await o.get(caller.scope, id);
      return record && o.represent(record);
    },
    async create(caller, request) {
      guard(caller);
      const input = o.readCreate ? await o.readCreate(caller, request) : (parseAsForm(o.schema, createValues(await readJsonObject(request)), o.what) as C);
      const created = await o.create(caller, input);
      return o.represent(await found(caller.scope, created.id));
    },
    async update(caller, id, body) {
      guard(caller);
      const current = await found(caller.scope, id);
      const { values, version } = patchedValues(o.defaults(current), body);
      await o.update(caller, current.id, version, parseAsForm(o.schema, values, o.what));
      return o.represent(await found(caller.scope, id));
    },
    async archive(caller, id) {
      guard(caller);
      const current = await found(caller.scope, id);
      if (!current.archivedAt) await o.setArchived(caller, current.id, true);
      return o.represent(await found(caller.scope, id));
    },
  };
}

/**
 * A PATCH body over the stored values: the fields sent replace the form's
 * values, the others stay as stored, and `version` is required (400 on
 * `version` without it). What the form's schema then parses.
 */
export function patchedValues(stored: Record<string, unknown>, body: Record<string, unknown>): { values: Record<string, unknown>; version: number } {
  const version = requireApiVersion(body);
  return { values: { ...stored, ...body, version: String(version) }, version };
}

/** A POST body as the form's values: a `version` sent is ignored (a new record has none). */
export function createValues(body: Record<string, unknown>): Record<string, unknown> {
  const { version: _ignored, ...values } = body;
  return values;
}

export type { ApiCaller, Ctx };
