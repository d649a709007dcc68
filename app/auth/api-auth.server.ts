import type { AppLoadContext } from "@remix-run/node";
import { authenticateApiToken } from "~/models/api-token.server";
import type { Ctx } from "~/models/ctx.server";
import { exceededLimit, hitLimits } from "~/models/rate-limit.server";
import { apiTranslator, problem } from "~/utils/api-response.server";
import { loadScope } from "./scope.server";
import { mfaState, readSessionState } from "./session.server";
import { requestSource } from "./write-context.server";

// Who calls the JSON API (/api/v1, issue 19; docs/decisions/0041-json-api-and-tokens.md).
// - A personal access token in `Authorization: Bearer cnc_…`: the token's
//   owner, with the owner's scope read now. Read-only tokens are refused on
//   writes (403).
// - For reads only, a signed-in session from the same origin (the browsable
//   reference, a quick look in the browser). Writes never take the cookie:
//   without cookies there is nothing for a cross-site request to ride on, so
//   the API needs no CSRF token.
// Each caller is rate limited per token (or per signed-in user).

/** Calls one token (or one signed-in user) may make per window; beyond it, 429 with Retry-After. */
export const API_RATE_LIMIT = { max: 300, windowSeconds: 60 };

export type ApiCaller = Ctx & { via: "token" | "session" };

const SAFE_METHODS = new Set(["GET", "HEAD"]);

function bearerOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

/** The session may read only when the browser says the request comes from our own pages (or was typed). */
function sameOriginBrowser(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

function unauthorized(request: Request): Response {
  return problem(request, "unauthorized", 401, apiTranslator(request)("api.problem.unauthorizedDetail"), {}, { "WWW-Authenticate": 'Bearer realm="concord"' });
}

/**
 * The caller of this API request, or a thrown problem response: 401 without
 * a valid credential, 403 for a write with a read-only token, 429 past the
 * rate limit.
 */
export async function requireApiCaller(request: Request, context: AppLoadContext): Promise<ApiCaller> {
  const write = !SAFE_METHODS.has(request.method.toUpperCase());
  const bearer = bearerOf(request);
  let caller: ApiCaller;
  let readOnly = false;
  if (bearer !== null) {
    const holder = await authenticateApiToken(bearer);
    if (!holder) throw unauthorized(request);
    readOnly = holder.token.readOnly;
    caller = {
      actor: { id: holder.user.id, email: holder.user.email, role: holder.user.role },
      scope: holder.scope,
      ...requestSource(context),
      apiToken: { id: holder.token.id, name: holder.token.name },
      via: "token",
    };
  } else {
    if (write || !sameOriginBrowser(request)) throw unauthorized(request);
    const { user, session } = await readSessionState(request);
    if (!user || !session || mfaState(user, session) !== "passed") throw unauthorized(request);
    caller = { actor: { id: user.id, email: user.email, role: user.role }, scope: await loadScope(user), ...requestSource(context), via: "session" };
  }
  const key = caller.apiToken ? `api:token:${caller.apiToken.id}` : `api:user:${caller.actor.id}`;
  const limited = await exceededLimit([{ key, max: API_RATE_LIMIT.max }]);
  if (limited) {
    const retry = Math.max(1, Math.ceil((limited.resetAt.getTime() - Date.now()) / 1000));
    throw problem(request, "rate-limited", 429, undefined, {}, { "Retry-After": String(retry) });
  }
  await hitLimits([key], API_RATE_LIMIT.windowSeconds);
  if (write && readOnly) throw problem(request, "read-only", 403, apiTranslator(request)("api.problem.readOnly"));
  return caller;
}
