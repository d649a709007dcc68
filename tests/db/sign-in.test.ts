import { describe, expect, it } from "vitest";
import { getViewer, requireMfaSetup, requireMfaStep, requireStaff, requireUser } from "~/auth/auth.server";
import {
  endAllSessions,
  endOtherSessions,
  listSessions,
  readSession,
  readSessionState,
  rotateSession,
  startSession,
} from "~/auth/session.server";
import { requestSourceFor } from "~/models/ctx.server";
import { authenticate } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";
import { enrolMfa } from "../factories/mfa";

const ip = "203.0.113.7";
const from = requestSourceFor({ ip, userAgent: "vitest", requestId: "sign-in-test" });

describe("authenticate", () => {
  it("accepts the right password, records the sign-in and its time", async () => {
    const { user, password } = await createUser(prisma, { role: "STAFF" });
    const result = await authenticate(user.email.toUpperCase(), password, from);
    expect(result).toMatchObject({ ok: true, secondStep: "enrol" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastSignInAt).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { actorId: user.id, action: "sign_in" } })).toBe(1);
  });

  it("gives the same answer for a wrong password, an unknown account and a deactivated one", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const { user: gone, password: gonePassword } = await createUser(prisma, { role: "STAFF", deactivated: true });
    expect(await authenticate(user.email, "not-the-password", from)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate("nobody@test.concord", "whatever-password", from)).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(gone.email, gonePassword, from)).toEqual({ ok: false, reason: "invalid" });
    expect(await prisma.auditEvent.count({ where: { action: "sign_in_failed" } })).toBe(3);
  });

  it("refuses demo accounts outside demo mode (see sign-in-demo.test.ts for demo mode)", async () => {
    const { user, password } = await createUser(prisma, { role: "STAFF", isDemo: true });
    expect(await authenticate(user.email, password, from)).toEqual({ ok: false, reason: "invalid" });
  });

  it("records where the request came from (address, user agent, request id) with every outcome", async () => {
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await authenticate(user.email, "not-the-password", from);
    await authenticate(user.email, password, from);
    const events = await prisma.auditEvent.findMany({
      where: { action: { in: ["sign_in", "sign_in_failed"] }, entityId: user.id },
      select: { action: true, ip: true, userAgent: true, requestId: true },
      orderBy: { action: "asc" },
    });
    expect(events).toEqual([
      { action: "sign_in", ip, userAgent: "vitest", requestId: "sign-in-test" },
      { action: "sign_in_failed", ip, userAgent: "vitest", requestId: "sign-in-test" },
    ]);
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

describe("what a correct password leads to", () => {
  it("is the code step with MFA on, enrolment for admin and staff without it, nothing more for partners and donors", async () => {
    const staff = await createUser(prisma, { role: "STAFF" });
    const admin = await createUser(prisma, { role: "ADMIN" });
    const partner = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const donor = await createUser(prisma, { role: "DONOR" });
    await enrolMfa(prisma, donor.user.id);
    expect(await authenticate(staff.user.email, staff.password, from)).toMatchObject({ ok: true, secondStep: "enrol" });
    expect(await authenticate(admin.user.email, admin.password, from)).toMatchObject({ ok: true, secondStep: "enrol" });
    expect(await authenticate(partner.user.email, partner.password, from)).toMatchObject({ ok: true, secondStep: "none" });
    expect(await authenticate(donor.user.email, donor.password, from)).toMatchObject({ ok: true, secondStep: "verify" });
  });
});

const cookieOf = (setCookie: string) => setCookie.split(";")[0];
const requestWith = (cookie: string, url = "http://localhost/programmes?status=ACTIVE", init: RequestInit = {}) =>
  new Request(url, { ...init, headers: { Cookie: cookie } });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a Response to be thrown");
}

describe("multi-factor enforcement", () => {
  it("sends a session that owes a code to /sign-in/mfa from every guard, keeping where it was going", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    await enrolMfa(prisma, user.id);
    const cookie = cookieOf(await startSession(user.id, { ip, userAgent: "vitest" }));
    for (const guard of [requireUser, requireStaff, getViewer, requireMfaSetup]) {
      const response = await thrown(guard(requestWith(cookie)));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/sign-in/mfa?redirectTo=%2Fprogrammes%3Fstatus%3DACTIVE");
    }
    // The POST to an action is refused the same way.
    const post = await thrown(requireStaff(requestWith(cookie, "http://localhost/agreements/new", { method: "POST" })));
    expect(post.headers.get("Location")).toBe("/sign-in/mfa?redirectTo=%2Fagreements%2Fnew");
    expect((await requireMfaStep(requestWith(cookie))).user.id).toBe(user.id);
    // Nothing that shows who is signed in (the page shell) sees this session's user.
    expect((await readSession(requestWith(cookie))).user).toBeNull();
    // Signing out stays possible.
    expect((await requireUser(requestWith(cookie, "http://localhost/sign-out", { method: "POST" }))).user.id).toBe(user.id);
  });

  it("sends admin and staff who have not enrolled to /account/mfa, and only lets them reach that", async () => {
    const { user } = await createUser(prisma, { role: "ADMIN" });
    const cookie = cookieOf(await startSession(user.id, { ip, userAgent: "vitest" }));
    const response = await thrown(requireUser(requestWith(cookie, "http://localhost/workspace")));
    expect(response.headers.get("Location")).toBe("/account/mfa?redirectTo=%2Fworkspace");
    expect((await requireMfaSetup(requestWith(cookie, "http://localhost/account/mfa"))).mfa).toBe("enrol");
    const step = await thrown(requireMfaStep(requestWith(cookie, "http://localhost/sign-in/mfa")));
    expect(step.headers.get("Location")).toBe("/account/mfa");
  });

  it("lets a verified session, and a partner without MFA, through; the code step then sends them on", async () => {
    const staff = await createUser(prisma, { role: "STAFF" });
    await enrolMfa(prisma, staff.user.id);
    const verified = cookieOf(await startSession(staff.user.id, { ip, userAgent: "vitest" }, { mfaVerified: true }));
    expect((await requireStaff(requestWith(verified))).user.id).toBe(staff.user.id);
    const onward = await thrown(requireMfaStep(requestWith(verified, "http://localhost/sign-in/mfa?redirectTo=%2Fagreements")));
    expect(onward.headers.get("Location")).toBe("/agreements");

    const partner = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const plain = cookieOf(await startSession(partner.user.id, { ip, userAgent: "vitest" }));
    expect((await requireUser(requestWith(plain))).user.id).toBe(partner.user.id);
    // Once the partner turns MFA on, their sessions that have not given a code owe one.
    await enrolMfa(prisma, partner.user.id);
    expect((await thrown(requireUser(requestWith(plain)))).headers.get("Location")).toMatch(/^\/sign-in\/mfa\?/);
  });
});

describe("session rotation", () => {
  it("ends the session the request came with and starts a new one", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const old = cookieOf(await startSession(user.id, { ip, userAgent: "vitest" }));
    const rotated = await rotateSession(requestWith(old), user.id, { ip, userAgent: "vitest" }, true);
    expect(cookieOf(rotated.cookie)).not.toBe(old);
    expect((await readSessionState(requestWith(old))).session).toBeNull();
    const fresh = await readSessionState(requestWith(cookieOf(rotated.cookie)));
    expect(fresh.session?.id).toBe(rotated.sessionId);
    expect(fresh.session?.mfaVerified).toBe(true);
  });

  it("can carry over whether the old session had passed MFA", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const verified = cookieOf(await startSession(user.id, { ip, userAgent: "vitest" }, { mfaVerified: true }));
    const plain = cookieOf(await startSession(user.id, { ip, userAgent: "vitest" }));
    const fromVerified = await rotateSession(requestWith(verified), user.id, { ip, userAgent: "vitest" }, "keep");
    const fromPlain = await rotateSession(requestWith(plain), user.id, { ip, userAgent: "vitest" }, "keep");
    expect((await prisma.session.findUniqueOrThrow({ where: { id: fromVerified.sessionId } })).mfaVerified).toBe(true);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: fromPlain.sessionId } })).mfaVerified).toBe(false);
    // Another user's verified session does not lend its state.
    const { user: other } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const foreign = cookieOf(await startSession(other.id, { ip, userAgent: "vitest" }, { mfaVerified: true }));
    const fromForeign = await rotateSession(requestWith(foreign), user.id, { ip, userAgent: "vitest" }, "keep");
    expect((await prisma.session.findUniqueOrThrow({ where: { id: fromForeign.sessionId } })).mfaVerified).toBe(false);
  });

  it("can end every other session and keep this one", async () => {
    const { user } = await createUser(prisma, { role: "DONOR" });
    const keep = cookieOf(await startSession(user.id, { ip, userAgent: "laptop" }));
    await startSession(user.id, { ip: "198.51.100.4", userAgent: "phone" });
    await startSession(user.id, { ip: "198.51.100.5", userAgent: "tablet" });
    const keepId = (await readSession(requestWith(keep))).session!.id;
    expect((await listSessions(user.id)).map((s) => s.userAgent).sort()).toEqual(["laptop", "phone", "tablet"]);
    expect(await endOtherSessions(user.id, keepId)).toBe(2);
    expect((await listSessions(user.id)).map((s) => s.id)).toEqual([keepId]);
    expect((await readSession(requestWith(keep))).user?.id).toBe(user.id);
  });
});
