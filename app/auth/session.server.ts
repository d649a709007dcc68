import { ConcordSessionAdapter, type DatabaseUserAttributes } from "./session-adapter.server";
import { Lucia, TimeSpan, type Session, type User as LuciaUser } from "lucia";
import type { Role } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { mfaRequiredFor } from "./permissions";
import { oncePerRequest } from "~/utils/request-memo.server";
import type { RequestSource } from "~/models/ctx.server";

// Sessions are rows in "Session" (lucia v3, kept deliberately small: lucia is
// in maintenance upstream). The cookie is HttpOnly and SameSite=Lax — Lax is
// what makes cross-site form posts arrive without the cookie, so keep it if
// you change the cookie. Over HTTPS it is Secure and carries the __Host-
// prefix (no Domain, Path=/), so no sibling subdomain can set or read it.
//
// A session id is never reused across a change of privilege: signing in,
// passing the second factor and enrolling in MFA each end the old session and
// start a new one (session fixation), see rotateSession.

export function secureOrigin(): boolean {
  return env().PUBLIC_ORIGIN?.startsWith("https://") ?? false;
}

// How long a session lives (docs/decisions/0009-session-lifetime.md, ASVS
// 5.0 V7.3): it ends after SESSION_IDLE without a request (each request moves
// its end forward), and SESSION_ABSOLUTE after it started however active it
// was; then the user signs in again. The cookie itself is a browser-session
// cookie (no Max-Age): closing the browser forgets it.
export const SESSION_IDLE = new TimeSpan(60, "m");
export const SESSION_ABSOLUTE = new TimeSpan(12, "h");
/** A request moves a session's end forward only when that gains more than this (one write a minute at most). */
const EXTEND_STEP_MS = 60_000;

type DatabaseSessionAttributes = {
  ip: string | null;
  userAgent: string | null;
  /** True once the second factor was given in this session (or at enrolment). */
  mfaVerified: boolean;
  createdAt?: Date;
};

let instance: Lucia<DatabaseSessionAttributes, DatabaseUserAttributes> | undefined;

export function lucia() {
  instance ??= new Lucia(new ConcordSessionAdapter(prisma), {
    sessionExpiresIn: SESSION_IDLE,
    sessionCookie: {
      name: secureOrigin() ? "__Host-concord_session" : "concord_session",
      // lucia's "expires: false" means Max-Age of 400 days; browserSessionCookie drops it.
      expires: false,
      attributes: { secure: secureOrigin(), sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => ({
      ip: attributes.ip,
      userAgent: attributes.userAgent,
      mfaVerified: attributes.mfaVerified === true,
      createdAt: attributes.createdAt,
    }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      isDemo: attributes.isDemo,
      deactivatedAt: attributes.deactivatedAt,
      locale: attributes.locale,
      // Only whether MFA is on; the secret itself never leaves app/models/mfa.server.ts.
      totpEnabledAt: attributes.totpEnabledAt,
    }),
  });
  return instance;
}


declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof lucia>;
    DatabaseUserAttributes: DatabaseUserAttributes;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
  }
}

export type SessionUser = LuciaUser;
export type { Session };

/** The Set-Cookie for a session: a browser-session cookie (lucia would add Max-Age=400 days). */
function sessionCookie(sessionId: string): string {
  return lucia().createSessionCookie(sessionId).serialize().replace(/; Max-Age=\d+/i, "");
}

/** When the session must end at the latest: its start plus SESSION_ABSOLUTE. */
function absoluteEnd(session: Session): number {
  return (session.createdAt ?? new Date()).getTime() + SESSION_ABSOLUTE.milliseconds();
}

/**
 * Whether an answer belongs to one signed-in person: the request carried a
 * session cookie (valid or not) or the answer starts a session. Such answers
 * are never stored by a browser or proxy (scripts/server.ts sends
 * Cache-Control: private, no-store on them: pages, data JSON and downloads).
 */
export function isSignedInExchange(cookieHeader: string | null | undefined, setCookies: string[]): boolean {
  const l = lucia();
  return Boolean(cookieHeader && l.readSessionCookie(cookieHeader)) || setCookies.some((c) => Boolean(l.readSessionCookie(c)));
}

/** The session id the request's cookie names, valid or not. */
export function sessionIdFromRequest(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

/** Where a session stands with the second factor. */
export type MfaState =
  /** Second factor given in this session, or the user has none and needs none. */
  | "passed"
  /** MFA is on for the user and this session has not given a code yet. */
  | "verify"
  /** MFA is required for the role (admin, staff) and the user has not enrolled yet. */
  | "enrol";

export function mfaState(user: LuciaUser, session: Pick<Session, "mfaVerified">): MfaState {
  if (session.mfaVerified) return "passed";
  if (user.totpEnabledAt) return "verify";
  if (mfaRequiredFor(user)) return "enrol";
  return "passed";
}

/**
 * The signed-in user, for anything that shows or uses who is signed in (the
 * page shell): null unless the session has passed multi-factor sign-in, so a
 * half-authenticated session counts as nobody. Guards use readSessionState.
 */
export async function readSession(
  request: Request,
): Promise<{ user: LuciaUser | null; session: Session | null; setCookie: string | null }> {
  const state = await readSessionState(request);
  if (state.user && state.session && mfaState(state.user, state.session) !== "passed") {
    return { user: null, session: null, setCookie: state.setCookie };
  }
  return state;
}

/** Reads and validates the session cookie, passed MFA or not; returns the Set-Cookie to send back when it changed. */
export async function readSessionState(
  request: Request,
): Promise<{ user: LuciaUser | null; session: Session | null; setCookie: string | null }> {
  const l = lucia();
  const sessionId = sessionIdFromRequest(request);
  if (!sessionId) return { user: null, session: null, setCookie: null };
  // A page's root and route loaders share one lookup (never across a write).
  const { session, user } = await oncePerRequest(request, `session:${sessionId}`, () => l.validateSession(sessionId));
  if (!session) return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  const now = Date.now();
  if (user.deactivatedAt || (user.isDemo && !env().CONCORD_DEMO) || now >= absoluteEnd(session)) {
    await l.invalidateSession(session.id);
    return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  }
  // The idle timeout slides with each request, never past the absolute end.
  const end = Math.min(now + SESSION_IDLE.milliseconds(), absoluteEnd(session));
  if (end - session.expiresAt.getTime() > EXTEND_STEP_MS || session.expiresAt.getTime() > end) {
    session.expiresAt = new Date(end);
    // updateMany: a session ended by a parallel request (sign-out) is simply not found.
    await prisma.session.updateMany({ where: { id: session.id }, data: { expiresAt: session.expiresAt } });
  }
  const setCookie = session.fresh ? sessionCookie(session.id) : null;
  return { user, session, setCookie };
}

/** What a new session records about the browser that started it: a RequestSource (or a Ctx) carries it. */
export type SessionMeta = Pick<RequestSource, "ip" | "userAgent">;

/**
 * Starts a session and returns its Set-Cookie. `mfaVerified` is false unless
 * the caller has just checked a second factor (tests may start a session that
 * counts as verified, see tests/e2e/support/fixtures.ts).
 */
export async function startSession(userId: string, meta: SessionMeta, options: { mfaVerified?: boolean } = {}): Promise<string> {
  const { cookie } = await createSession(userId, meta, options.mfaVerified ?? false);
  return cookie;
}

async function createSession(userId: string, meta: SessionMeta, mfaVerified: boolean) {
  const l = lucia();
  const session = await l.createSession(userId, {
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    mfaVerified,
  });
  return { sessionId: session.id, cookie: sessionCookie(session.id) };
}

/**
 * Ends the session the request came with (if any) and starts a new one for
 * `userId`, so an id an attacker planted or observed before a privilege
 * change is worthless after it. `mfaVerified: "keep"` carries over whether
 * the old session (of the same user) had given its second factor, e.g. when
 * a password change starts a new session on this device.
 */
export async function rotateSession(
  request: Request,
  userId: string,
  meta: SessionMeta,
  mfaVerified: boolean | "keep",
): Promise<{ sessionId: string; cookie: string }> {
  const previous = sessionIdFromRequest(request);
  let verified = mfaVerified === true;
  if (previous) {
    if (mfaVerified === "keep") {
      const { session } = await lucia().validateSession(previous);
      verified = session?.userId === userId && session.mfaVerified;
    }
    await lucia().invalidateSession(previous);
  }
  return createSession(userId, meta, verified);
}

export async function endSession(sessionId: string): Promise<string> {
  const l = lucia();
  await l.invalidateSession(sessionId);
  return l.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string): Promise<string> {
  const l = lucia();
  await l.invalidateUserSessions(userId);
  return l.createBlankSessionCookie().serialize();
}

/** Ends every session of the user except `keepSessionId` (e.g. after a password change on this device). */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<number> {
  const l = lucia();
  const sessions = await l.getUserSessions(userId);
  let ended = 0;
  for (const s of sessions) {
    if (s.id === keepSessionId) continue;
    await l.invalidateSession(s.id);
    ended++;
  }
  return ended;
}

export type SessionSummary = {
  id: string;
  createdAt: Date | null;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  mfaVerified: boolean;
};

/** The user's active sessions, newest first. */
export async function listSessions(userId: string): Promise<SessionSummary[]> {
  const sessions = await lucia().getUserSessions(userId);
  return sessions
    .filter((s) => s.expiresAt.getTime() > Date.now())
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt ?? null,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent,
      mfaVerified: s.mfaVerified,
    }))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}
