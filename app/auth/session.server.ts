import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Lucia, TimeSpan, type Session, type User as LuciaUser } from "lucia";
import type { Role } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

// Sessions are rows in "Session" (lucia v3, kept deliberately small: lucia is
// in maintenance upstream). The cookie is HttpOnly and SameSite=Lax — Lax is
// what makes cross-site form posts arrive without the cookie, so keep it if
// you change the cookie. Over HTTPS it is Secure and carries the __Host-
// prefix (no Domain, Path=/), so no sibling subdomain can set or read it.

function secureOrigin(): boolean {
  return env().PUBLIC_ORIGIN?.startsWith("https://") ?? false;
}

export const SESSION_IDLE = new TimeSpan(12, "h");

type DatabaseSessionAttributes = { ip: string | null; userAgent: string | null };

let instance: Lucia<DatabaseSessionAttributes, DatabaseUserAttributes> | undefined;

export function lucia() {
  instance ??= new Lucia(new PrismaAdapter(prisma.session, prisma.user), {
    sessionExpiresIn: SESSION_IDLE,
    sessionCookie: {
      name: secureOrigin() ? "__Host-concord_session" : "concord_session",
      expires: false,
      attributes: { secure: secureOrigin(), sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      isDemo: attributes.isDemo,
      deactivatedAt: attributes.deactivatedAt,
      locale: attributes.locale,
    }),
  });
  return instance;
}

type DatabaseUserAttributes = {
  email: string;
  name: string;
  role: Role;
  isDemo: boolean;
  deactivatedAt: Date | null;
  locale: string | null;
};

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof lucia>;
    DatabaseUserAttributes: DatabaseUserAttributes;
    DatabaseSessionAttributes: DatabaseSessionAttributes;
  }
}

export type SessionUser = LuciaUser;

/** Reads and validates the session cookie; returns the Set-Cookie to send back when it changed. */
export async function readSession(
  request: Request,
): Promise<{ user: LuciaUser | null; session: Session | null; setCookie: string | null }> {
  const l = lucia();
  const sessionId = l.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, session: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionId);
  if (!session) return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  if (user.deactivatedAt || (user.isDemo && !env().CONCORD_DEMO)) {
    await l.invalidateSession(session.id);
    return { user: null, session: null, setCookie: l.createBlankSessionCookie().serialize() };
  }
  const setCookie = session.fresh ? l.createSessionCookie(session.id).serialize() : null;
  return { user, session, setCookie };
}

export async function startSession(userId: string, meta: { ip: string | null; userAgent: string | null }): Promise<string> {
  const l = lucia();
  const session = await l.createSession(userId, {
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return l.createSessionCookie(session.id).serialize();
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
