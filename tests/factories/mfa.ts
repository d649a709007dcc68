import type { PrismaClient } from "@prisma/client";
import {
  currentTotpStep,
  encryptTotpKey,
  formatTotpKey,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpKey,
  normaliseRecoveryCode,
  totpAt,
  totpKeyFromBase32,
} from "../../app/auth/mfa.server";

// Multi-factor helpers for tests: enrol a user directly (as if they had gone
// through /account/mfa) and compute codes the way an authenticator app does.

export async function enrolMfa(db: PrismaClient, userId: string) {
  const key = newTotpKey();
  const recoveryCodes = newRecoveryCodes();
  await db.user.update({
    where: { id: userId },
    data: {
      totpSecret: encryptTotpKey(userId, key),
      totpEnabledAt: new Date(),
      totpLastStep: null,
      recoveryCodes: {
        create: recoveryCodes.map((code) => ({ codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!) })),
      },
    },
  });
  return { key, secret: formatTotpKey(key), recoveryCodes };
}

/** The code an authenticator app shows now (or `offset` steps away). */
export function totpCode(key: Uint8Array | string, offset = 0): string {
  const k = typeof key === "string" ? totpKeyFromBase32(key) : key;
  return totpAt(k, currentTotpStep() + offset);
}

/**
 * A code the server will accept now for this user: a step inside the ±1
 * window that is later than the last step it accepted (each step works once).
 * Waits for the next step when the window is used up.
 */
export async function unusedTotpCode(db: PrismaClient, userId: string, key: Uint8Array | string): Promise<string> {
  const k = typeof key === "string" ? totpKeyFromBase32(key) : key;
  for (;;) {
    const { totpLastStep } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpLastStep: true } });
    const now = currentTotpStep();
    // Not the step about to expire: leave time for the request to arrive.
    const step = [now, now + 1].find((s) => totpLastStep === null || s > totpLastStep);
    if (step !== undefined) return totpAt(k, step);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A six-digit code that is none of the window's valid ones. */
export function wrongTotpCode(key: Uint8Array | string): string {
  const valid = new Set([-1, 0, 1].map((o) => totpCode(key, o)));
  for (let n = 0; ; n++) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}
