import { describe, expect, it } from "vitest";
import { english } from "../support/english";
import {
  currentTotpStep,
  decryptTotpKey,
  encryptTotpKey,
  matchTotpStep,
  newTotpKey,
  totpAt,
  totpKeyFromBase32,
} from "~/auth/mfa.server";
import { mfaRequiredFor } from "~/auth/permissions";
import { loadScope } from "~/auth/scope.server";
import { ctxFor, requestSourceFor } from "~/models/ctx.server";
import {
  disableMfa,
  enableMfa,
  getMfaOverview,
  MFA_LIMITS,
  prepareEnrolment,
  regenerateRecoveryCodes,
  resetMfa,
  verifyRecoveryCodeSignIn,
  verifyTotpSignIn,
} from "~/models/mfa.server";
import { MfaCodeFormSchema, MfaRecoveryFormSchema } from "~/schemas/mfa";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";
import { enrolMfa, totpCode, unusedTotpCode, wrongTotpCode } from "../factories/mfa";

const ip = "203.0.113.9";
/** The sign-in step: the password is given, the second factor not yet, so there is no Ctx, only the request. */
const source = requestSourceFor({ ip, userAgent: "vitest", requestId: "mfa-test" });
/** The signed-in user's own context, for changes to their second factor. */
const own = async (actor: { id: string; email: string; role: "STAFF" | "ADMIN" | "PARTNER" | "DONOR" }) =>
  ctxFor(actor, await loadScope(actor), { ip, userAgent: "vitest", requestId: "mfa-test" });

async function makeUser(role: "STAFF" | "ADMIN" | "PARTNER" | "DONOR" = "STAFF") {
  const { user, password } = await createUser(prisma, { role, countries: role === "PARTNER" ? ["BY"] : undefined });
  return { actor: { id: user.id, email: user.email, role: user.role, isDemo: user.isDemo }, password };
}

const auditCount = (userId: string, action: string) => prisma.auditEvent.count({ where: { entityId: userId, action } });

describe("TOTP codes", () => {
  it("match RFC 6238's SHA-1 test vector", () => {
    // RFC 6238 appendix B: key "12345678901234567890", T = 59 s -> 94287082 (8 digits); 6 digits -> 287082.
    const key = new TextEncoder().encode("12345678901234567890");
    expect(totpAt(key, Math.floor(59 / 30))).toBe("287082");
    expect(totpAt(key, Math.floor(1111111109 / 30))).toBe("081804");
  });

  it("accept the previous, current and next 30-second step and nothing further", () => {
    const key = newTotpKey();
    const now = Date.now();
    const step = currentTotpStep(now);
    for (const offset of [-1, 0, 1]) expect(matchTotpStep(key, totpAt(key, step + offset), now)).toBe(step + offset);
    for (const offset of [-3, -2, 2, 3]) {
      const code = totpAt(key, step + offset);
      // A far step's code may collide with a near one by chance (1 in 10^6); only assert when it does not.
      if (![-1, 0, 1].some((o) => totpAt(key, step + o) === code)) expect(matchTotpStep(key, code, now)).toBeNull();
    }
  });

  it("keys are encrypted at rest and bound to their user", () => {
    const key = newTotpKey();
    const stored = encryptTotpKey("user-a", key);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(Buffer.from(key).toString("base64url"));
    expect(decryptTotpKey("user-a", stored)).toEqual(key);
    expect(decryptTotpKey("user-b", stored)).toBeNull();
    expect(decryptTotpKey("user-a", `${stored.slice(0, -2)}AA`)).toBeNull();
  });

  it("forms accept spaced codes and refuse anything that is not a code", () => {
    expect(MfaCodeFormSchema.parse({ intent: "totp", code: " 123 456 " }).code).toBe("123456");
    expect(MfaCodeFormSchema.safeParse({ intent: "totp", code: "12345" }).success).toBe(false);
    expect(MfaCodeFormSchema.safeParse({ intent: "totp", code: "abcdef" }).success).toBe(false);
    expect(MfaRecoveryFormSchema.parse({ intent: "recovery", recoveryCode: "ABCD-EFGH-IJKL-MNOP" }).recoveryCode).toBe("abcdefghijklmnop");
    expect(MfaRecoveryFormSchema.safeParse({ intent: "recovery", recoveryCode: "abcd-efgh" }).success).toBe(false);
  });

  it("are required for admin and staff, optional for partners and donors and for demo accounts", () => {
    expect(mfaRequiredFor({ role: "ADMIN", isDemo: false })).toBe(true);
    expect(mfaRequiredFor({ role: "STAFF", isDemo: false })).toBe(true);
    expect(mfaRequiredFor({ role: "STAFF", isDemo: true })).toBe(false);
    expect(mfaRequiredFor({ role: "PARTNER", isDemo: false })).toBe(false);
    expect(mfaRequiredFor({ role: "DONOR", isDemo: false })).toBe(false);
  });
});

describe("enrolment", () => {
  it("keeps the same key across reloads, encrypted, until confirmed with a code; then makes 10 hashed recovery codes", async () => {
    const { actor } = await makeUser();
    const first = await prepareEnrolment(actor);
    const again = await prepareEnrolment(actor);
    expect(first).not.toBeNull();
    expect(again!.secret).toBe(first!.secret);
    expect(first!.uri).toMatch(/^otpauth:\/\/totp\/Concord:/);
    expect(first!.uri).toContain("digits=6");
    expect(first!.uri).toContain("period=30");
    expect(first!.qrSvg).toMatch(/^<svg/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
    expect(row.totpSecret).not.toContain(first!.secret.replace(/ /g, ""));
    expect(row.totpEnabledAt).toBeNull();

    const key = totpKeyFromBase32(first!.secret);
    const wrong = await enableMfa(await own(actor), actor, wrongTotpCode(key));
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    expect(await auditCount(actor.id, "mfa_failed")).toBe(1);

    const result = await enableMfa(await own(actor), actor, totpCode(key));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);
    for (const code of result.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const stored = await prisma.recoveryCode.findMany({ where: { userId: actor.id } });
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.codeHash).toMatch(/^sha256\$/);
      for (const code of result.recoveryCodes) expect(s.codeHash).not.toContain(code.replace(/-/g, ""));
    }
    expect((await getMfaOverview(actor)).enabled).toBe(true);
    expect(await auditCount(actor.id, "mfa_enabled")).toBe(1);
    // Enabled: no new key is handed out any more.
    expect(await prepareEnrolment(actor)).toBeNull();
  });

  it("starting over gives a new key and the old one stops working", async () => {
    const { actor } = await makeUser("PARTNER");
    const first = await prepareEnrolment(actor);
    const second = await prepareEnrolment(actor, { restart: true });
    expect(second!.secret).not.toBe(first!.secret);
    expect((await enableMfa(await own(actor), actor, totpCode(first!.secret))).ok).toBe(false);
    expect((await enableMfa(await own(actor), actor, totpCode(second!.secret))).ok).toBe(true);
  });
});

describe("the sign-in step", () => {
  it("accepts a code once: the same code a second time is refused", async () => {
    const { actor } = await makeUser();
    const { key } = await enrolMfa(prisma, actor.id);
    const code = totpCode(key);
    expect(await verifyTotpSignIn(actor, code, source)).toEqual({ ok: true });
    const replay = await verifyTotpSignIn(actor, code, source);
    expect({ ...replay, message: english((replay as { message?: string }).message) }).toMatchObject({ ok: false, reason: "invalid", message: expect.stringContaining("already been used") });
    expect(await auditCount(actor.id, "mfa_verified")).toBe(1);
    expect(await auditCount(actor.id, "mfa_failed")).toBe(1);
  });

  it("lets only one of two simultaneous requests with the same code through", async () => {
    const { actor } = await makeUser();
    const { key } = await enrolMfa(prisma, actor.id);
    const code = totpCode(key);
    const results = await Promise.all([verifyTotpSignIn(actor, code, source), verifyTotpSignIn(actor, code, source)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("accepts each recovery code once, says how many are left, and audits it", async () => {
    const { actor } = await makeUser("DONOR");
    const { recoveryCodes } = await enrolMfa(prisma, actor.id);
    const used = await verifyRecoveryCodeSignIn(actor, recoveryCodes[3].toUpperCase().replace(/-/g, " "), source);
    expect(used).toEqual({ ok: true, remaining: 9 });
    expect(await verifyRecoveryCodeSignIn(actor, recoveryCodes[3], source)).toMatchObject({ ok: false, reason: "invalid" });
    expect(await prisma.recoveryCode.count({ where: { userId: actor.id, usedAt: { not: null } } })).toBe(1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: actor.id, action: "recovery_code_used" } });
    expect(event.metadata).toEqual({ remaining: 9 });
  });

  it(`refuses every code after ${MFA_LIMITS.perUser} wrong ones, the right one too, and audits it`, async () => {
    const { actor } = await makeUser();
    const { key, recoveryCodes } = await enrolMfa(prisma, actor.id);
    for (let i = 0; i < MFA_LIMITS.perUser; i++) {
      expect(await verifyTotpSignIn(actor, wrongTotpCode(key), source)).toMatchObject({ ok: false, reason: "invalid" });
    }
    const limited = await verifyTotpSignIn(actor, await unusedTotpCode(prisma, actor.id, key), source);
    expect({ ...limited, message: english((limited as { message?: string }).message) }).toMatchObject({ ok: false, reason: "rate_limited", message: expect.stringContaining("Too many wrong codes") });
    expect(await verifyRecoveryCodeSignIn(actor, recoveryCodes[0], source)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await auditCount(actor.id, "mfa_failed")).toBe(MFA_LIMITS.perUser);
    expect(await auditCount(actor.id, "mfa_limited")).toBe(2);
    // The recovery code was not spent while refused.
    expect(await prisma.recoveryCode.count({ where: { userId: actor.id, usedAt: null } })).toBe(10);
  });
});

describe("changing the second factor", () => {
  it("new recovery codes need the password or a code, and replace the old ones", async () => {
    const { actor, password } = await makeUser();
    const { recoveryCodes: old } = await enrolMfa(prisma, actor.id);
    expect(await regenerateRecoveryCodes(await own(actor), actor, "not-my-password")).toMatchObject({ ok: false, reason: "invalid" });
    const result = await regenerateRecoveryCodes(await own(actor), actor, password);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await verifyRecoveryCodeSignIn(actor, old[0], source)).toMatchObject({ ok: false });
    expect(await verifyRecoveryCodeSignIn(actor, result.recoveryCodes[0], source)).toEqual({ ok: true, remaining: 9 });
    expect(await auditCount(actor.id, "recovery_codes_regenerated")).toBe(1);
  });

  it("cannot be turned off by admin or staff", async () => {
    const { actor, password } = await makeUser("ADMIN");
    await enrolMfa(prisma, actor.id);
    const refused = await disableMfa(await own(actor), actor, password);
    expect({ ...refused, message: english((refused as { message?: string }).message) }).toMatchObject({ ok: false, message: expect.stringContaining("required for your role") });
    expect((await getMfaOverview(actor)).enabled).toBe(true);
  });

  it("can be turned off by a partner with a current code, and is audited", async () => {
    const { actor } = await makeUser("PARTNER");
    const { key } = await enrolMfa(prisma, actor.id);
    expect(await disableMfa(await own(actor), actor, wrongTotpCode(key))).toMatchObject({ ok: false });
    expect(await disableMfa(await own(actor), actor, totpCode(key))).toEqual({ ok: true });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
    expect([row.totpSecret, row.totpEnabledAt]).toEqual([null, null]);
    expect(await prisma.recoveryCode.count({ where: { userId: actor.id } })).toBe(0);
    expect(await auditCount(actor.id, "mfa_disabled")).toBe(1);
  });

  it("can be reset by an administrator", async () => {
    const { actor } = await makeUser();
    const { actor: admin } = await makeUser("ADMIN");
    await enrolMfa(prisma, actor.id);
    await resetMfa(await own(admin), actor.id);
    expect((await getMfaOverview(actor)).enabled).toBe(false);
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id, action: "mfa_reset", entityId: actor.id } })).toBe(1);
  });

  it("is changed only by its owner, and reset only by an administrator", async () => {
    const { actor, password } = await makeUser("PARTNER");
    const { actor: other } = await makeUser("PARTNER");
    const { actor: staff } = await makeUser("STAFF");
    const { key } = await enrolMfa(prisma, actor.id);
    await expect(disableMfa(await own(other), actor, password)).rejects.toMatchObject({ code: "forbidden" });
    await expect(regenerateRecoveryCodes(await own(other), actor, totpCode(key))).rejects.toMatchObject({ code: "forbidden" });
    await expect(enableMfa(await own(other), actor, totpCode(key))).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetMfa(await own(staff), actor.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getMfaOverview(actor)).enabled).toBe(true);
    expect(await prisma.recoveryCode.count({ where: { userId: actor.id } })).toBe(10);
  });

  it("records the request's address, user agent and id with the sign-in step and with changes", async () => {
    const { actor } = await makeUser("PARTNER");
    const { key } = await enrolMfa(prisma, actor.id);
    expect(await verifyTotpSignIn(actor, totpCode(key), source)).toEqual({ ok: true });
    expect(await disableMfa(await own(actor), actor, await unusedTotpCode(prisma, actor.id, key))).toEqual({ ok: true });
    const events = await prisma.auditEvent.findMany({
      where: { entityId: actor.id, action: { in: ["mfa_verified", "mfa_disabled"] } },
      select: { action: true, actorId: true, ip: true, userAgent: true, requestId: true },
      orderBy: { action: "asc" },
    });
    expect(events).toEqual([
      { action: "mfa_disabled", actorId: actor.id, ip, userAgent: "vitest", requestId: "mfa-test" },
      { action: "mfa_verified", actorId: actor.id, ip, userAgent: "vitest", requestId: "mfa-test" },
    ]);
  });
});
