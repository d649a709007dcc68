import type { Role } from "@prisma/client";
import type { Scope } from "~/auth/scope.server";
import { forbiddenError } from "~/utils/errors.server";

// The context a model write runs in: who acts, what they may reach, and where
// the request came from (for the audit trail). Built once per action by
// writeContext (app/auth/write-context.server.ts) from the signed-in user and
// the request context scripts/server.ts puts in Remix's load context; tests,
// the seed and scripts build one with ctxFor.
//
// Writes take it as their first argument and check the scope themselves, so a
// route that forgot its guard still cannot let a partner or donor write what
// only staff may: the check no longer lives only in the route.

export type Actor = { id: string; email: string };

/** The acting user; the role is there for writes only admins may make (user accounts). */
export type CtxActor = Actor & { role?: Role };

export type Ctx = {
  actor: CtxActor;
  scope: Scope;
  /** The client's address (behind a trusted proxy, the one it reports); null outside a request. */
  ip: string | null;
  userAgent: string | null;
  /** The request's id, also in its log lines and on its error page; null outside a request. */
  requestId: string | null;
  /** Issue 19: the personal access token the request came with (the JSON API); the audit trail names it. */
  apiToken?: { id: string; name: string };
  /** Issue 19: the spreadsheet import a write is part of (ADR 0042); the audit trail names it. */
  importId?: string;
};

/**
 * Where a request came from, without anyone acting yet: what the writes on the
 * way to being signed in (sign-in, the second-factor step, a password reset,
 * accepting an invitation) take instead of a Ctx, for the audit trail, the
 * sign-in limits and the new session's metadata. Built by requestSource
 * (app/auth/write-context.server.ts); a Ctx is one too.
 */
export type RequestSource = Pick<Ctx, "ip" | "userAgent" | "requestId">;

/** A request source outside a request (tests, scripts): whatever is not given is null. */
export function requestSourceFor(source: Partial<RequestSource> = {}): RequestSource {
  return { ip: source.ip ?? null, userAgent: source.userAgent ?? null, requestId: source.requestId ?? null };
}

/** A context for a write made outside a request (seed, scripts, tests): staff scope unless said otherwise. */
export function ctxFor(actor: CtxActor, scope: Scope = { kind: "staff" }, source: Partial<RequestSource> = {}): Ctx {
  return {
    actor: actor.role ? { id: actor.id, email: actor.email, role: actor.role } : { id: actor.id, email: actor.email },
    scope,
    ...requestSourceFor(source),
  };
}

/**
 * Refuses (403) a write only staff may make (records of the workspace:
 * programmes, agreements, activities, ...). Partners and donors see some of
 * these records, so "forbidden" says nothing they do not already know.
 */
export function assertStaff(ctx: Ctx): asserts ctx is Ctx & { scope: { kind: "staff" } } {
  if (ctx.scope.kind !== "staff") throw forbiddenError();
}

/** Refuses (403) a write only an administrator may make (user accounts and their access). */
export function assertAdmin(ctx: Ctx): void {
  if (ctx.scope.kind !== "staff" || ctx.actor.role !== "ADMIN") throw forbiddenError();
}

/**
 * Refuses (403) a write a user may make only to their own account (their
 * password, their second factor) when the context's actor is someone else.
 */
export function assertSelf(ctx: Ctx, userId: string): void {
  if (ctx.actor.id !== userId) throw forbiddenError();
}

/** What the audit trail records about the request that made a change. */
export function auditSource(ctx: Ctx): { actor: Actor; apiToken?: { id: string; name: string }; importId?: string } & RequestSource {
  const source = auditFrom({ id: ctx.actor.id, email: ctx.actor.email }, ctx);
  const withToken = ctx.apiToken ? { ...source, apiToken: { id: ctx.apiToken.id, name: ctx.apiToken.name } } : source;
  return ctx.importId ? { ...withToken, importId: ctx.importId } : withToken;
}

/** The same for a request without a Ctx: `actor` is the account being signed in to, or null when there is none. */
export function auditFrom(actor: Actor, source: RequestSource): { actor: Actor } & RequestSource;
export function auditFrom(actor: Actor | null, source: RequestSource): { actor: Actor | null } & RequestSource;
export function auditFrom(actor: Actor | null, source: RequestSource): { actor: Actor | null } & RequestSource {
  return { actor: actor && { id: actor.id, email: actor.email }, ip: source.ip, userAgent: source.userAgent, requestId: source.requestId };
}
