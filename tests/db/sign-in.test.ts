import { describe, expect, it } from "vitest";
import { endAllSessions, readSession, startSession } from "~/auth/session.server";
import { authenticate, SIGN_IN_LIMITS } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

const ip = "203.0.113.7";

describe("authenticate", () => {
  it("accepts the right password, records the sign-in and its time", async () => {
    const { user, password } = await createUser(prisma, { role: "STAFF" });
    const result = await authenticate(user.email.toUpperCase(), password, ip);
    expect(result.ok).toBe(true);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastSignInAt).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { actorId: user.id, action: "sign_in" } })).toBe(1);
  });

  it("gives the same answer for a wrong password, an unknown account and a deactivated one", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const { user: gone, password: gonePassword } = await createUser(prisma, { role: "STAFF", deactivated: true });
    expect(await authenticate(user.email, "not-the-password", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate("nobody@test.concord", "whatever-password", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(gone.email, gonePassword, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await prisma.auditEvent.count({ where: { action: "sign_in_failed" } })).toBe(3);
  });

  it("refuses an account after repeated failures, even with the right password", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await authenticate(user.email, `wrong-${i}`, `198.51.100.${i}`)).ok).toBe(false);
    }
    const limited = await authenticate(user.email, password, "198.51.100.99");
    expect(limited.ok).toBe(false);
    expect(limited).toMatchObject({ reason: "rate_limited" });
    if (!limited.ok && limited.reason === "rate_limited") {
      expect(limited.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
    }
  });

  it("refuses demo accounts outside demo mode (see sign-in-demo.test.ts for demo mode)", async () => {
    const { user, password } = await createUser(prisma, { role: "STAFF", isDemo: true });
    expect(await authenticate(user.email, password, ip)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sessions", () => {
  it("are stored in the database, read back from the cookie and end for a deactivated user", async () => {
    const { user } = await createUser(prisma, { role: "DONOR" });
    const setCookie = await startSession(user.id, { ip, userAgent: "vitest" });
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0];
    const request = new Request("http://localhost/", { headers: { Cookie: cookie } });
    const read = await readSession(request);
    expect(read.user?.id).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    const after = await readSession(request);
    expect(after.user).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("end everywhere at once when the user signs out everywhere", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const cookies = [
      await startSession(user.id, { ip, userAgent: "laptop" }),
      await startSession(user.id, { ip, userAgent: "phone" }),
    ].map((c) => c.split(";")[0]);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    const blank = await endAllSessions(user.id);
    expect(blank).toMatch(/Max-Age=0/i);
    for (const cookie of cookies) {
      const read = await readSession(new Request("http://localhost/", { headers: { Cookie: cookie } }));
      expect(read.user).toBeNull();
    }
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
