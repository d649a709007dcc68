import { redirect } from "@remix-run/node";
import { homePathFor, isStaffRole } from "./permissions";
import { loadScope, type Scope } from "./scope.server";
import { readSession, type SessionUser } from "./session.server";

export type Viewer = { user: SessionUser; sessionId: string; scope: Scope };

/** Only a same-site path may be a redirect target after sign-in. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

function signInRedirect(request: Request, setCookie: string | null): never {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
  throw redirect(`/sign-in?${params}`, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  const { user, session } = await readSession(request);
  if (!user || !session) return null;
  return { user, sessionId: session.id, scope: await loadScope(user) };
}

/** Any signed-in user; anonymous requests go to sign-in and come back afterwards. */
export async function requireUser(request: Request): Promise<Viewer> {
  const { user, session, setCookie } = await readSession(request);
  if (!user || !session) signInRedirect(request, setCookie);
  return { user, sessionId: session.id, scope: await loadScope(user) };
}

function forbidden(): never {
  throw new Response("You do not have access to this page.", { status: 403 });
}

export async function requireStaff(request: Request): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (!isStaffRole(viewer.user.role)) forbidden();
  return viewer;
}

export async function requireAdmin(request: Request): Promise<Viewer> {
  const viewer = await requireUser(request);
  if (viewer.user.role !== "ADMIN") forbidden();
  return viewer;
}

export async function requirePartner(request: Request): Promise<Viewer & { scope: { kind: "partner" } }> {
  const viewer = await requireUser(request);
  if (viewer.scope.kind !== "partner") forbidden();
  return viewer as Viewer & { scope: { kind: "partner"; countries: string[] } };
}

export async function requireDonor(request: Request): Promise<Viewer & { scope: { kind: "donor" } }> {
  const viewer = await requireUser(request);
  if (viewer.scope.kind !== "donor") forbidden();
  return viewer as Viewer & { scope: { kind: "donor"; organisationIds: string[] } };
}

export { homePathFor };
