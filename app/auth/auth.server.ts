import { redirect } from "@remix-run/node";
import { homePathFor, isStaffRole } from "./permissions";
import { oncePerRequest } from "~/utils/request-memo.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { loadScope, type Scope } from "./scope.server";
import { mfaState, readSessionState as readSession, type MfaState, type SessionUser } from "./session.server";

export { mfaState, type MfaState };

export type Viewer = { user: SessionUser; sessionId: string; scope: Scope };

/** The user's scope, read once per read-only request (its loaders share it). */
function scopeFor(request: Request, user: SessionUser): Promise<Scope> {
  return oncePerRequest(request, `scope:${user.id}`, () => loadScope(user));
}

export const MFA_VERIFY_PATH = "/sign-in/mfa";
export const MFA_SETUP_PATH = "/account/mfa";

// The only routes, besides the two MFA steps (which use requireMfaStep and
// requireMfaSetup), that a half-authenticated session may reach.
const OPEN_TO_PENDING_SESSIONS = new Set(["/sign-out"]);

// Every redirect target from a request goes through this one helper.
export { safeRedirectPath };

/** The page the request was for, to come back to afterwards (without Remix's `_data` parameter). */
function returnPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  const search = url.searchParams.toString();
  return url.pathname + (search ? `?${search}` : "");
}

function withCookie(setCookie: string | null) {
  return setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined;
}

function signInRedirect(request: Request, setCookie: string | null): never {
  const params = new URLSearchParams({ redirectTo: returnPath(request) });
  throw redirect(`/sign-in?${params}`, withCookie(setCookie));
}

/** Sends a half-authenticated session to the step it still has to take. */
function mfaRedirect(request: Request, state: Exclude<MfaState, "passed">, setCookie: string | null): never {
  const url = new URL(request.url);
  const target = state === "verify" ? MFA_VERIFY_PATH : MFA_SETUP_PATH;
  // From one MFA step (or sign-in) to the other, keep the destination it carried.
  const back = [MFA_VERIFY_PATH, MFA_SETUP_PATH, "/sign-in"].includes(url.pathname)
    ? url.searchParams.get("redirectTo")
    : url.pathname === "/"
      ? null
      : returnPath(request);
  const safe = back ? safeRedirectPath(back, "") : "";
  throw redirect(safe ? `${target}?${new URLSearchParams({ redirectTo: safe })}` : target, withCookie(setCookie));
}

/**
 * The signed-in user whose session has passed MFA, or null for anonymous
 * requests. A half-authenticated session is sent to its MFA step (it is not
 * "anonymous": it must not see the sign-in form's or public pages' signed-in
 * variants either).
 */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const { user, session, setCookie } = await readSession(request);
  if (!user || !session) return null;
  const state = mfaState(user, session);
  if (state !== "passed") mfaRedirect(request, state, setCookie);
  return { user, sessionId: session.id, scope: await scopeFor(request, user) };
}

/** Any signed-in user who has passed MFA; anonymous requests go to sign-in and come back afterwards. */
export async function requireUser(request: Request): Promise<Viewer> {
  const { user, session, setCookie } = await readSession(request);
  if (!user || !session) signInRedirect(request, setCookie);
  const state = mfaState(user, session);
  if (state !== "passed" && !OPEN_TO_PENDING_SESSIONS.has(new URL(request.url).pathname)) {
    mfaRedirect(request, state, setCookie);
  }
  return { user, sessionId: session.id, scope: await scopeFor(request, user) };
}

/**
 * For /sign-in/mfa: a session that has given its password and now owes a
 * code. Anyone else is sent where they belong.
 */
export async function requireMfaStep(request: Request): Promise<{ user: SessionUser; sessionId: string }> {
  const { user, session, setCookie } = await readSession(request);
  if (!user || !session) throw redirect("/sign-in", withCookie(setCookie));
  const state = mfaState(user, session);
  if (state === "enrol") mfaRedirect(request, state, setCookie);
  if (state === "passed") {
    const redirectTo = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirectPath(redirectTo, homePathFor(user.role)), withCookie(setCookie));
  }
  return { user, sessionId: session.id };
}

/**
 * For /account/mfa: any signed-in user who has passed MFA, and also an admin
 * or staff member who has not enrolled yet (enrolling is how they pass). A
 * session that still owes a code is sent to the code step: knowing the
 * password alone must not let anyone change the second factor.
 */
export async function requireMfaSetup(request: Request): Promise<Viewer & { mfa: MfaState }> {
  const { user, session, setCookie } = await readSession(request);
  if (!user || !session) signInRedirect(request, setCookie);
  const state = mfaState(user, session);
  if (state === "verify") mfaRedirect(request, state, setCookie);
  return { user, sessionId: session.id, scope: await scopeFor(request, user), mfa: state };
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
