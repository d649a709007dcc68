import type { AppLoadContext } from "@remix-run/node";
import type { Ctx, RequestSource } from "~/models/ctx.server";
import { requireUser, type Viewer } from "./auth.server";

// The request side of a model write's context (Ctx): the signed-in user and
// their scope, read the way every route reads them (requireUser, or a stricter
// guard passed in), and the client's address, user agent and request id that
// scripts/server.ts puts in Remix's load context.

/**
 * Where this request came from, for the writes made before anyone is fully
 * signed in (sign-in, the second-factor step, password reset, accepting an
 * invitation): they have no actor and scope yet, only the request.
 */
export function requestSource(context: AppLoadContext): RequestSource {
  return { ip: context.clientIp ?? null, userAgent: context.userAgent ?? null, requestId: context.requestId ?? null };
}

/** The context of a write from a viewer the route has already read. */
export function contextOf(viewer: Pick<Viewer, "user" | "scope">, context: AppLoadContext): Ctx {
  return {
    actor: { id: viewer.user.id, email: viewer.user.email, role: viewer.user.role },
    scope: viewer.scope,
    ...requestSource(context),
  };
}

/**
 * The context of this action's writes: `guard` (requireUser by default, or
 * requireStaff / requireAdmin / requirePartner) reads the user and refuses the
 * request as it always did; the viewer comes back too for what else the route needs.
 */
export async function writeContext<V extends Viewer>(
  request: Request,
  context: AppLoadContext,
  guard: (request: Request) => Promise<V> = requireUser as (request: Request) => Promise<V>,
): Promise<Ctx & { viewer: V }> {
  const viewer = await guard(request);
  return { ...contextOf(viewer, context), viewer };
}
