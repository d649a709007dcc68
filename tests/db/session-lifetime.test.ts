import { describe, expect, it } from "vitest";
import { isSignedInExchange, readSessionState, SESSION_ABSOLUTE, SESSION_IDLE, startSession } from "~/auth/session.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

// The session lifetime of docs/decisions/0009-session-lifetime.md: an idle
// timeout that slides with each request and an absolute lifetime from the
// start, both enforced on the server; the cookie is a browser-session cookie.
// Time is moved by rewriting the stored timestamps (no waiting).

const MINUTE = 60_000;
const meta = { ip: "203.0.113.9", userAgent: "vitest" };

async function signedIn() {
  const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  const setCookie = await startSession(user.id, meta);
  const cookie = setCookie.split(";")[0];
  const session = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
  const request = () => new Request("http://localhost/portal", { headers: { Cookie: cookie } });
  return { user, setCookie, cookie, session, request };
}

/** Moves the session's clock: it started `startedAgo` ms ago and was last used `usedAgo` ms ago. */
async function age(id: string, startedAgo: number, usedAgo: number) {
  const now = Date.now();
  await prisma.session.update({
    where: { id },
    data: { createdAt: new Date(now - startedAgo), expiresAt: new Date(now - usedAgo + SESSION_IDLE.milliseconds()) },
  });
}

describe("session lifetime", () => {
  it("is one hour idle and twelve hours absolute", () => {
    expect(SESSION_IDLE.milliseconds()).toBe(60 * MINUTE);
    expect(SESSION_ABSOLUTE.milliseconds()).toBe(12 * 60 * MINUTE);
  });

  it("sets a browser-session cookie: no Max-Age, no Expires, HttpOnly and SameSite=Lax", async () => {
    const { setCookie } = await signedIn();
    expect(setCookie).not.toMatch(/max-age|expires/i);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it("moves the idle end forward with each request, up to the absolute end", async () => {
    const { session, request } = await signedIn();
    await age(session.id, 50 * MINUTE, 40 * MINUTE);
    const before = Date.now();
    const state = await readSessionState(request());
    expect(state.user).not.toBeNull();
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_IDLE.milliseconds() - MINUTE);
    // Near the absolute end, the idle end stops there.
    await age(session.id, 11 * 60 * MINUTE + 30 * MINUTE, 5 * MINUTE);
    await readSessionState(request());
    const capped = await prisma.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(capped.expiresAt.getTime()).toBe(capped.createdAt.getTime() + SESSION_ABSOLUTE.milliseconds());
  });

  it("ends after an hour without a request", async () => {
    const { session, request } = await signedIn();
    await age(session.id, 2 * 60 * MINUTE, 61 * MINUTE);
    const state = await readSessionState(request());
    expect(state.user).toBeNull();
    expect(state.setCookie).toMatch(/Max-Age=0/);
    expect(await prisma.session.count({ where: { id: session.id } })).toBe(0);
  });

  it("ends twelve hours after it started, however active", async () => {
    const { session, request } = await signedIn();
    await age(session.id, 12 * 60 * MINUTE + MINUTE, MINUTE);
    const state = await readSessionState(request());
    expect(state.user).toBeNull();
    expect(await prisma.session.count({ where: { id: session.id } })).toBe(0);
  });

  it("counts an exchange as signed in when the request carries a session cookie or the answer starts one", async () => {
    const { cookie, setCookie } = await signedIn();
    expect(isSignedInExchange(cookie, [])).toBe(true);
    expect(isSignedInExchange(`lang=ru; ${cookie}`, [])).toBe(true);
    expect(isSignedInExchange(null, [setCookie])).toBe(true);
    expect(isSignedInExchange("lang=ru", ["lang=ru; Path=/"])).toBe(false);
    expect(isSignedInExchange(undefined, [])).toBe(false);
  });
});
