import type { User } from "@prisma/client";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/auth/password.server";
import { mfaRequiredFor } from "~/auth/permissions";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { recordAudit } from "./audit.server";
import { auditFrom, type RequestSource } from "./ctx.server";
import {
  clearLimitsStartingWith,
  exceededLimit,
  hitLimits,
  isRemembered,
  recordThrottledFailure,
  rememberKey,
  throttledUntil,
  type Throttle,
} from "./rate-limit.server";

// Failed sign-ins are throttled, never locked (docs/decisions/0010-sign-in-throttling.md):
// - per account and address: after 3 failures from one address, that address
//   waits 2 s, 4 s, 8 s ... up to 15 min before its next attempt is checked;
// - per account from every address: after 10 failures, 1 s, 2 s ... up to 60 s,
//   which does not apply to an address the account signed in from in the last
//   30 days, so nobody elsewhere can keep the owner out;
// - per address over all accounts (password spraying): 30 failures in 15 min.
// A success clears the account's counts; 24 hours without a failure forget them.
const FORGET_SECONDS = 24 * 60 * 60;
export const SIGN_IN_THROTTLES = {
  accountAddress: { freeFailures: 3, baseSeconds: 2, maxDelaySeconds: 15 * 60, forgetSeconds: FORGET_SECONDS },
  account: { freeFailures: 10, baseSeconds: 1, maxDelaySeconds: 60, forgetSeconds: FORGET_SECONDS },
} satisfies Record<string, Throttle>;
export const SIGN_IN_LIMITS = { perAddress: 30, windowSeconds: 15 * 60, knownAddressSeconds: 30 * 24 * 60 * 60 };

const signInKeys = (address: string, ip: string | null) => ({
  account: `sign-in:account:${address}`,
  accountAddress: `sign-in:pair:${address}#${ip ?? "unknown"}`,
  known: `sign-in:known:${address}#${ip ?? "unknown"}`,
  address: `sign-in:ip:${ip ?? "unknown"}`,
});

/** Forgets the account's failed sign-ins (after a success, or a password reset). */
export async function clearSignInFailures(email: string): Promise<void> {
  const address = normaliseEmail(email);
  await clearLimitsStartingWith(`sign-in:account:${address}`);
  await clearLimitsStartingWith(`sign-in:pair:${address}#`);
}

/** What a correct password leads to: straight in, the code step, or enrolling an authenticator first. */
export type SecondStep = "none" | "verify" | "enrol";

export type SignInResult =
  | { ok: true; user: User; secondStep: SecondStep }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserByEmail(email: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { email: normaliseEmail(email) } });
}

/**
 * Checks e-mail and password. Every failure looks the same to the caller
 * (unknown account, wrong password, deactivated, demo account outside demo
 * mode), and repeated failures per account or per address are refused for a
 * while. Both outcomes go to the audit trail.
 */
export async function authenticate(email: string, password: string, source: RequestSource): Promise<SignInResult> {
  const address = normaliseEmail(email);
  const keys = signInKeys(address, source.ip);
  // An address the account signed in from recently is not held back by failures from elsewhere.
  const known = await isRemembered(keys.known);
  const [waitUntil, sprayed] = await Promise.all([
    throttledUntil(known ? [keys.accountAddress] : [keys.accountAddress, keys.account]),
    exceededLimit([{ key: keys.address, max: SIGN_IN_LIMITS.perAddress }]),
  ]);
  const until = [waitUntil, sprayed?.resetAt].reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  if (until) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    await recordAudit({ ...auditFrom(null, source), action: "sign_in_limited", metadata: { email: address } });
    return { ok: false, reason: "rate_limited", retryAfterSeconds };
  }

  const user = await prisma.user.findUnique({ where: { email: address } });
  const usable = user && user.passwordHash && !user.deactivatedAt && (!user.isDemo || env().CONCORD_DEMO);
  const valid = usable ? await verifyPassword(user.passwordHash!, password) : (await burnPasswordCheck(password), false);

  if (!valid || !user) {
    await recordThrottledFailure(keys.accountAddress, SIGN_IN_THROTTLES.accountAddress);
    await recordThrottledFailure(keys.account, SIGN_IN_THROTTLES.account);
    await hitLimits([keys.address], SIGN_IN_LIMITS.windowSeconds);
    await recordAudit({
      ...auditFrom(null, source),
      action: "sign_in_failed",
      entityType: user ? "User" : undefined,
      entityId: user?.id,
      metadata: { email: address },
    });
    return { ok: false, reason: "invalid" };
  }

  await clearSignInFailures(address);
  await rememberKey(keys.known, SIGN_IN_LIMITS.knownAddressSeconds);
  const secondStep: SecondStep = user.totpEnabledAt ? "verify" : mfaRequiredFor(user) ? "enrol" : "none";
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit({
    ...auditFrom(user, source),
    action: "sign_in",
    entityType: "User",
    entityId: user.id,
    metadata: secondStep === "none" ? undefined : { secondStep },
  });
  return { ok: true, user, secondStep };
}

export async function createUser(input: {
  email: string;
  name: string;
  role: User["role"];
  password: string;
  countries?: string[];
  organisationIds?: string[];
  isDemo?: boolean;
}): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return prisma.user.create({
    data: {
      email: normaliseEmail(input.email),
      name: input.name,
      role: input.role,
      passwordHash,
      isDemo: input.isDemo ?? false,
      countries: input.countries?.length
        ? { create: input.countries.map((countryCode) => ({ countryCode })) }
        : undefined,
      organisations: input.organisationIds?.length
        ? { create: input.organisationIds.map((organisationId) => ({ organisationId })) }
        : undefined,
    },
  });
}

/**
 * What a user's account covers, for their account page: everything (admin,
 * staff), countries as ISO codes (partner; the page names them in the reader's
 * language), or funding organisations by short name (donor).
 */
export type AccountScope =
  | { kind: "all" }
  | { kind: "countries"; codes: string[] }
  | { kind: "organisations"; names: string[] };

export async function getAccountScope(user: { id: string; role: User["role"] }): Promise<AccountScope> {
  switch (user.role) {
    case "ADMIN":
    case "STAFF":
      return { kind: "all" };
    case "PARTNER": {
      const rows = await prisma.userCountry.findMany({
        where: { userId: user.id },
        select: { countryCode: true },
        orderBy: { countryCode: "asc" },
      });
      return { kind: "countries", codes: rows.map((r) => r.countryCode) };
    }
    case "DONOR": {
      const rows = await prisma.userOrganisation.findMany({
        where: { userId: user.id },
        select: { organisation: { select: { shortName: true } } },
      });
      return { kind: "organisations", names: rows.map((r) => r.organisation.shortName).sort() };
    }
  }
}

/** The user's interface language (null: follow the browser). Not audited: a display preference. */
export async function setUserLocale(userId: string, locale: string | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}
