import type { Role } from "@prisma/client";
import {
  decryptTotpKey,
  encryptTotpKey,
  formatTotpKey,
  hashRecoveryCode,
  matchTotpStep,
  newRecoveryCodes,
  newTotpKey,
  normaliseRecoveryCode,
  normaliseTotp,
  recoveryCodeMatches,
  totpKeyUri,
  totpQrSvg,
} from "~/auth/mfa.server";
import { verifyPassword } from "~/auth/password.server";
import { mfaRequiredFor } from "~/auth/permissions";
import { message } from "~/i18n/translate";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertAdmin, assertSelf, auditFrom, auditSource, type Ctx, type RequestSource } from "./ctx.server";
import { clearLimit, exceededLimit, hitLimits } from "./rate-limit.server";

// The second factor: enrolment, checking codes at sign-in, recovery codes,
// turning MFA off. Every change is one transaction with its audit event.
// Changes to one's own second factor take the signed-in user's Ctx (and
// refuse anyone else's); the sign-in step, where the session has not passed
// the second factor yet, takes only the request's source.
// See docs/decisions/0005-multi-factor-sign-in.md.

/** Wrong codes allowed per user per window, counted across sign-in, enrolment and re-authentication. */
export const MFA_LIMITS = { perUser: 5, windowSeconds: 15 * 60 };

type Actor = { id: string; email: string; role: Role; isDemo: boolean };

export type MfaFailure =
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

const limitKey = (userId: string) => `mfa:user:${userId}`;

async function limited(actor: Actor, source: RequestSource): Promise<MfaFailure | null> {
  const state = await exceededLimit([{ key: limitKey(actor.id), max: MFA_LIMITS.perUser }]);
  if (!state) return null;
  const retryAfterSeconds = Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 1000));
  await recordAudit({ ...auditFrom(actor, source), action: "mfa_limited", entityType: "User", entityId: actor.id });
  return {
    ok: false,
    reason: "rate_limited",
    retryAfterSeconds,
    message: message("auth.mfa.limited", { minutes: Math.ceil(retryAfterSeconds / 60) }),
  };
}

async function failed(actor: Actor, source: RequestSource, step: string, message: string): Promise<MfaFailure> {
  await hitLimits([limitKey(actor.id)], MFA_LIMITS.windowSeconds);
  await recordAudit({ ...auditFrom(actor, source), action: "mfa_failed", entityType: "User", entityId: actor.id, metadata: { step } });
  return { ok: false, reason: "invalid", message };
}

// Messages for translation (the page shows them with t.text).
const WRONG_CODE = message("auth.mfa.wrongCode");
const USED_CODE = message("auth.mfa.usedCode");

export type MfaOverview = {
  enabled: boolean;
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
};

export async function getMfaOverview(user: Actor): Promise<MfaOverview> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  const recoveryCodesLeft = row.totpEnabledAt
    ? await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })
    : 0;
  return { enabled: !!row.totpEnabledAt, enabledAt: row.totpEnabledAt, required: mfaRequiredFor(user), recoveryCodesLeft };
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/**
 * The key being enrolled, kept (encrypted) in totpSecret while totpEnabledAt
 * is null, so reloading the page shows the same QR code that was scanned.
 * Returns null when MFA is already on.
 */
export async function prepareEnrolment(user: Actor, options: { restart?: boolean } = {}): Promise<Enrolment | null> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
  if (row.totpEnabledAt) return null;
  let key = row.totpSecret && !options.restart ? decryptTotpKey(user.id, row.totpSecret) : null;
  if (!key) {
    key = newTotpKey();
    // Only while not enabled: a concurrent enrolment that finished first wins.
    const written = await prisma.user.updateMany({
      where: { id: user.id, totpEnabledAt: null },
      data: { totpSecret: encryptTotpKey(user.id, key), totpLastStep: null },
    });
    if (written.count === 0) return null;
  }
  const uri = totpKeyUri(user.email, key);
  return { secret: formatTotpKey(key), uri, qrSvg: await totpQrSvg(uri) };
}

async function storeRecoveryCodes(tx: Tx, userId: string, codes: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!) })) });
}

/**
 * Accepts `code` for the user's TOTP key (enabled, or being enrolled) and
 * records its time step, atomically, so the same code is refused the second
 * time even when two requests race.
 */
async function acceptTotp(userId: string, code: string): Promise<"ok" | "wrong" | "used"> {
  const normalised = normaliseTotp(code);
  if (!normalised) return "wrong";
  const row = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true } });
  const key = row.totpSecret ? decryptTotpKey(userId, row.totpSecret) : null;
  if (!key) return "wrong";
  const step = matchTotpStep(key, normalised);
  if (step === null) return "wrong";
  const claimed = await prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return claimed.count === 1 ? "ok" : "used";
}

/** Confirms the enrolment with the first code; returns the recovery codes, which are shown once. */
export async function enableMfa(
  ctx: Ctx,
  user: Actor,
  code: string,
): Promise<{ ok: true; recoveryCodes: string[]; enabledAt: Date } | MfaFailure> {
  assertSelf(ctx, user.id);
  const stop = await limited(user, ctx);
  if (stop) return stop;
  const current = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true } });
  if (current.totpEnabledAt) return { ok: false, reason: "invalid", message: message("auth.mfa.alreadyOn") };
  const result = await acceptTotp(user.id, code);
  if (result !== "ok") return failed(user, ctx, "enrolment", result === "used" ? USED_CODE : WRONG_CODE);
  const recoveryCodes = newRecoveryCodes();
  const enabledAt = new Date();
  await prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: user.id, totpEnabledAt: null }, data: { totpEnabledAt: enabledAt } });
    if (updated.count !== 1) throw new Error("MFA was enabled by another request at the same time.");
    await storeRecoveryCodes(tx, user.id, recoveryCodes);
    await recordAudit({ ...auditSource(ctx), action: "mfa_enabled", entityType: "User", entityId: user.id }, tx);
  });
  await clearLimit(limitKey(user.id));
  return { ok: true, recoveryCodes, enabledAt };
}

/** The sign-in step with an authenticator code (`user` has given their password in this session). */
export async function verifyTotpSignIn(user: Actor, code: string, source: RequestSource): Promise<{ ok: true } | MfaFailure> {
  const stop = await limited(user, source);
  if (stop) return stop;
  const result = await acceptTotp(user.id, code);
  if (result !== "ok") return failed(user, source, "sign_in", result === "used" ? USED_CODE : WRONG_CODE);
  await clearLimit(limitKey(user.id));
  await recordAudit({ ...auditFrom(user, source), action: "mfa_verified", entityType: "User", entityId: user.id, metadata: { method: "totp" } });
  return { ok: true };
}

/** Finds an unused recovery code matching `code` and marks it used (once, even under races). */
async function consumeRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return false;
  const unused = await prisma.recoveryCode.findMany({ where: { userId, usedAt: null }, select: { id: true, codeHash: true } });
  for (const candidate of unused) {
    if (recoveryCodeMatches(candidate.codeHash, normalised)) {
      const marked = await prisma.recoveryCode.updateMany({ where: { id: candidate.id, usedAt: null }, data: { usedAt: new Date() } });
      return marked.count === 1;
    }
  }
  return false;
}

/** The sign-in step with a recovery code; says how many are left. */
export async function verifyRecoveryCodeSignIn(
  user: Actor,
  code: string,
  source: RequestSource,
): Promise<{ ok: true; remaining: number } | MfaFailure> {
  const stop = await limited(user, source);
  if (stop) return stop;
  if (!(await consumeRecoveryCode(user.id, code))) {
    return failed(user, source, "recovery_code", message("auth.mfa.wrongRecovery"));
  }
  await clearLimit(limitKey(user.id));
  const remaining = await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  await recordAudit({ ...auditFrom(user, source), action: "recovery_code_used", entityType: "User", entityId: user.id, metadata: { remaining } });
  return { ok: true, remaining };
}

/**
 * Re-authentication for changing the second factor: the password, or a
 * current code (six digits can never be a password: passwords are at least 8
 * characters).
 */
async function checkProof(user: Actor, proof: string, source: RequestSource, step: string): Promise<{ ok: true } | MfaFailure> {
  const stop = await limited(user, source);
  if (stop) return stop;
  let ok: boolean;
  let refusal = message("auth.mfa.wrongProof");
  if (normaliseTotp(proof)) {
    const result = await acceptTotp(user.id, proof);
    ok = result === "ok";
    if (result === "used") refusal = USED_CODE;
  } else {
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    ok = !!row.passwordHash && (await verifyPassword(row.passwordHash, proof));
  }
  if (!ok) return failed(user, source, step, refusal);
  await clearLimit(limitKey(user.id));
  return { ok: true };
}

export async function regenerateRecoveryCodes(
  ctx: Ctx,
  user: Actor,
  proof: string,
): Promise<{ ok: true; recoveryCodes: string[]; createdAt: Date } | MfaFailure> {
  assertSelf(ctx, user.id);
  const overview = await getMfaOverview(user);
  if (!overview.enabled) return { ok: false, reason: "invalid", message: message("auth.mfa.notOn") };
  const checked = await checkProof(user, proof, ctx, "regenerate");
  if (!checked.ok) return checked;
  const recoveryCodes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    await storeRecoveryCodes(tx, user.id, recoveryCodes);
    await recordAudit({ ...auditSource(ctx), action: "recovery_codes_regenerated", entityType: "User", entityId: user.id }, tx);
  });
  return { ok: true, recoveryCodes, createdAt: new Date() };
}

/** Turns MFA off, for roles where it is optional. */
export async function disableMfa(ctx: Ctx, user: Actor, proof: string): Promise<{ ok: true } | MfaFailure> {
  assertSelf(ctx, user.id);
  if (mfaRequiredFor(user)) {
    return { ok: false, reason: "invalid", message: message("auth.mfa.requiredCannotOff") };
  }
  const overview = await getMfaOverview(user);
  if (!overview.enabled) return { ok: false, reason: "invalid", message: message("auth.mfa.notOn") };
  const checked = await checkProof(user, proof, ctx, "disable");
  if (!checked.ok) return checked;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit({ ...auditSource(ctx), action: "mfa_disabled", entityType: "User", entityId: user.id }, tx);
  });
  return { ok: true };
}

/**
 * An administrator clears someone's second factor (a lost phone and no
 * recovery codes left). The user enrols again at their next sign-in if their
 * role requires it. The caller ends the user's sessions.
 */
export async function resetMfa(ctx: Ctx, userId: string): Promise<void> {
  assertAdmin(ctx);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    // Whoever holds a session made with the lost factor is signed out with it.
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit({ ...auditSource(ctx), action: "mfa_reset", entityType: "User", entityId: userId }, tx);
  });
}
