import type { AuthToken, Role, TokenPurpose, User } from "@prisma/client";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n/locales";
import { message, type Translator } from "~/i18n/translate";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { DomainError, isUniqueViolation } from "~/utils/errors.server";
import { enqueueMail } from "~/jobs/mail.server";
import { recordAudit } from "./audit.server";
import { auditFrom, auditSource, type Ctx, type RequestSource } from "./ctx.server";
import { clearLimit, exceededLimit, hitLimits } from "./rate-limit.server";
import { clearSignInFailures, normaliseEmail } from "./user.server";
import { emitNotification } from "~/notifications/emit.server";

// The account side of invitations and passwords: opening and accepting an
// invitation, forgotten and reset passwords, changing one's password.
// Links carry a 32-byte random token; the database holds only its SHA-256,
// so someone who reads the database (or a backup) cannot use a pending link.

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const RESET_LIMITS = { perAddress: 3, perIp: 20, windowSeconds: 15 * 60 };
export const CHANGE_PASSWORD_LIMIT = { max: 5, windowSeconds: 15 * 60 };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export type InvitationDetails = { countries: string[]; organisationIds: string[]; name: string };

export function invitationDetails(token: Pick<AuthToken, "scope">): InvitationDetails {
  const s = (token.scope ?? {}) as Partial<InvitationDetails>;
  return {
    countries: Array.isArray(s.countries) ? s.countries.map(String) : [],
    organisationIds: Array.isArray(s.organisationIds) ? s.organisationIds.map(String) : [],
    name: typeof s.name === "string" ? s.name : "",
  };
}

export type LinkState = "valid" | "expired" | "used" | "unknown";

async function findToken(raw: string, purpose: TokenPurpose): Promise<{ state: LinkState; token: AuthToken | null }> {
  if (!TOKEN_SHAPE.test(raw)) return { state: "unknown", token: null };
  const token = await prisma.authToken.findUnique({ where: { tokenHash: hashToken(raw) } });
  if (!token || token.purpose !== purpose) return { state: "unknown", token: null };
  if (token.usedAt) return { state: "used", token };
  if (token.expiresAt.getTime() <= Date.now()) return { state: "expired", token };
  return { state: "valid", token };
}

/** Marks a token used, only if it still is unused and unexpired; false when someone else got there first. */
async function claimToken(tx: Tx, id: string): Promise<boolean> {
  const now = new Date();
  const claimed = await tx.authToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return claimed.count === 1;
}

/** Country names and organisation short names for a scope, in a stable order. */
export async function scopeNames(countries: string[], organisationIds: string[], db: Tx = prisma) {
  const [c, o] = await Promise.all([
    countries.length ? db.country.findMany({ where: { code: { in: countries } }, select: { code: true, nameEn: true }, orderBy: { nameEn: "asc" } }) : [],
    organisationIds.length
      ? db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, shortName: true }, orderBy: { shortName: "asc" } })
      : [],
  ]);
  return { countries: c.map((x) => x.nameEn), countryCodes: c.map((x) => x.code), organisations: o.map((x) => x.shortName) };
}

// ---------------------------------------------------------------------------
// Invitations (the invitee's side; admins create them in user-admin.server.ts)

export type InvitationView = {
  email: string;
  name: string;
  role: Role;
  countries: string[];
  /** The same countries as ISO codes (named in the reader's language by the page). */
  countryCodes: string[];
  organisations: string[];
  invitedBy: string | null;
  expiresAt: Date;
};

export async function openInvitation(raw: string): Promise<{ state: "valid"; invitation: InvitationView } | { state: Exclude<LinkState, "valid"> }> {
  const { state, token } = await findToken(raw, "INVITATION");
  if (state !== "valid" || !token) return { state: state === "valid" ? "unknown" : state };
  const details = invitationDetails(token);
  const [names, inviter] = await Promise.all([
    scopeNames(details.countries, details.organisationIds),
    token.createdById ? prisma.user.findUnique({ where: { id: token.createdById }, select: { name: true, email: true } }) : null,
  ]);
  return {
    state: "valid",
    invitation: {
      email: token.email,
      name: details.name,
      role: token.role ?? "PARTNER",
      countries: names.countries,
      countryCodes: names.countryCodes,
      organisations: names.organisations,
      invitedBy: inviter ? `${inviter.name} (${inviter.email})` : null,
      expiresAt: token.expiresAt,
    },
  };
}

/**
 * Creates the invitee's account from the invitation (its role and scope, the
 * name and password they chose) and uses the link up. Password problems and an
 * address that meanwhile has an account are DomainErrors at their field.
 */
export async function acceptInvitation(
  raw: string,
  data: { name: string; password: string },
  source: RequestSource,
): Promise<{ ok: true; user: User } | { ok: false; state: Exclude<LinkState, "valid"> }> {
  const { state, token } = await findToken(raw, "INVITATION");
  if (state !== "valid" || !token) return { ok: false, state: state === "valid" ? "unknown" : state };
  const problem = passwordProblem(data.password, token.email);
  if (problem) throw new DomainError("invalid", problem, { field: "password" });
  const passwordHash = await hashPassword(data.password);
  const details = invitationDetails(token);
  const role = token.role ?? "PARTNER";
  try {
    return await prisma.$transaction(async (tx) => {
      if (!(await claimToken(tx, token.id))) return { ok: false as const, state: "used" as const };
      if (await tx.user.findUnique({ where: { email: token.email }, select: { id: true } })) {
        throw new DomainError("invalid", message("auth.invite.accountExists"), { field: "_form" });
      }
      // The scope as it is now: a country or organisation removed since the invitation is left out.
      const [countries, organisations] = await Promise.all([
        role === "PARTNER" && details.countries.length
          ? tx.country.findMany({ where: { code: { in: details.countries } }, select: { code: true } })
          : [],
        role === "DONOR" && details.organisationIds.length
          ? tx.organisation.findMany({ where: { id: { in: details.organisationIds } }, select: { id: true } })
          : [],
      ]);
      const user = await tx.user.create({
        data: {
          email: token.email,
          name: data.name,
          role,
          passwordHash,
          lastSignInAt: new Date(),
          countries: { create: countries.map((c) => ({ countryCode: c.code })) },
          organisations: { create: organisations.map((o) => ({ organisationId: o.id })) },
        },
      });
      await tx.authToken.update({ where: { id: token.id }, data: { userId: user.id } });
      const names = await scopeNames(countries.map((c) => c.code), organisations.map((o) => o.id), tx);
      const audit = auditFrom(user, source);
      await recordAudit(
        {
          ...audit,
          action: "invitation_accepted",
          entityType: "User",
          entityId: user.id,
          changes: { name: data.name, role, scope: [...names.countries, ...names.organisations] },
          metadata: { invitationId: token.id },
        },
        tx,
      );
      await recordAudit({ ...audit, action: "sign_in", entityType: "User", entityId: user.id, metadata: { via: "invitation" } }, tx);
      // Issue 18: whoever invited them (else the administrators) is told.
      await emitNotification(tx, { kind: "INVITATION_ACCEPTED", userId: user.id, invitedById: token.createdById });
      return { ok: true as const, user };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("invalid", message("auth.invite.accountExistsShort"), { field: "_form" });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Forgotten password

export type ResetRequest = { status: "accepted" } | { status: "limited"; retryAfterSeconds: number };

/**
 * Sends a reset link when the address belongs to an active account. The
 * answer is the same whether or not it does; the mail is queued in the
 * transaction that creates the link and sent by a background job, so the
 * response time does not tell either.
 * The mail is in the user's saved language, else in `locale` (the request's).
 */
export async function requestPasswordReset(
  email: string,
  source: RequestSource,
  origin: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<ResetRequest> {
  const address = normaliseEmail(email);
  const keys = { account: `reset:account:${address}`, ip: `reset:ip:${source.ip ?? "unknown"}` };
  const limited = await exceededLimit([
    { key: keys.account, max: RESET_LIMITS.perAddress },
    { key: keys.ip, max: RESET_LIMITS.perIp },
  ]);
  if (limited) {
    return { status: "limited", retryAfterSeconds: Math.max(1, Math.ceil((limited.resetAt.getTime() - Date.now()) / 1000)) };
  }
  await hitLimits([keys.account, keys.ip], RESET_LIMITS.windowSeconds);

  const user = await prisma.user.findUnique({ where: { email: address } });
  const eligible = user && !user.deactivatedAt && (!user.isDemo || env().CONCORD_DEMO);
  if (!eligible) {
    await recordAudit({
      ...auditFrom(null, source),
      action: "password_reset_requested",
      entityType: user ? "User" : undefined,
      entityId: user?.id,
      metadata: { email: address, sent: false },
    });
    return { status: "accepted" };
  }
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  const mailLocale = isLocale(user.locale) ? user.locale : locale;
  const t = serverTranslator(mailLocale);
  await prisma.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.authToken.deleteMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null } });
    await tx.authToken.create({ data: { tokenHash, purpose: "PASSWORD_RESET", email: address, userId: user.id, expiresAt } });
    await recordAudit(
      { ...auditFrom(null, source), action: "password_reset_requested", entityType: "User", entityId: user.id, metadata: { email: address, sent: true } },
      tx,
    );
    await enqueueMail(tx, {
      to: user.email,
      locale: mailLocale,
      subject: t("mail.reset.subject"),
      paragraphs: [t("mail.hello", { name: user.name }), t("mail.reset.body")],
      action: { label: t("mail.reset.action"), url: `${origin}/reset-password/${token}` },
      footer: t("mail.reset.footer"),
    });
  });
  return { status: "accepted" };
}

export async function openPasswordReset(raw: string): Promise<{ state: "valid"; email: string } | { state: Exclude<LinkState, "valid"> }> {
  const { state, token } = await findToken(raw, "PASSWORD_RESET");
  if (state !== "valid" || !token) return { state: state === "valid" ? "unknown" : state };
  const user = token.userId ? await prisma.user.findUnique({ where: { id: token.userId } }) : null;
  if (!user || user.deactivatedAt) return { state: "unknown" };
  return { state: "valid", email: user.email };
}

/**
 * Sets the new password, uses the link up and ends every session of the
 * user (in the same transaction). The caller then starts a fresh session —
 * unless the account has two-step sign-in, which must be passed again.
 */
export async function resetPassword(
  raw: string,
  password: string,
  source: RequestSource,
): Promise<{ ok: true; user: User } | { ok: false; state: Exclude<LinkState, "valid"> }> {
  const { state, token } = await findToken(raw, "PASSWORD_RESET");
  if (state !== "valid" || !token?.userId) return { ok: false, state: state === "valid" ? "unknown" : state };
  const user = await prisma.user.findUnique({ where: { id: token.userId } });
  if (!user || user.deactivatedAt) return { ok: false, state: "unknown" };
  const problem = passwordProblem(password, user.email);
  if (problem) throw new DomainError("invalid", problem, { field: "password" });
  const passwordHash = await hashPassword(password);
  const result = await prisma.$transaction(async (tx) => {
    if (!(await claimToken(tx, token.id))) return { ok: false as const, state: "used" as const };
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Same as endAllSessions(), inside the transaction: no session outlives the old password.
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.authToken.deleteMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null } });
    await recordAudit({ ...auditFrom(user, source), action: "password_reset", entityType: "User", entityId: user.id }, tx);
    return { ok: true as const, user: updated };
  });
  // A user locked out by failed sign-ins can use the new password at once.
  if (result.ok) await clearSignInFailures(user.email);
  return result;
}

// ---------------------------------------------------------------------------
// Changing one's password

/**
 * Checks the current password, sets the new one and ends all the user's
 * sessions; the caller starts a new one for this browser. Only for the
 * signed-in user's own account (ctx.actor).
 */
export async function changePassword(ctx: Ctx, data: { current: string; password: string }): Promise<User> {
  const userId = ctx.actor.id;
  const key = `password-change:${userId}`;
  if (await exceededLimit([{ key, max: CHANGE_PASSWORD_LIMIT.max }])) {
    throw new DomainError("invalid", message("auth.password.tooManyAttempts"), { field: "current" });
  }
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || !user.passwordHash || !(await verifyPassword(user.passwordHash, data.current))) {
    await hitLimits([key], CHANGE_PASSWORD_LIMIT.windowSeconds);
    throw new DomainError("invalid", message("auth.password.notCurrent"), { field: "current" });
  }
  const problem = passwordProblem(data.password, user.email);
  if (problem) throw new DomainError("invalid", problem, { field: "password" });
  const passwordHash = await hashPassword(data.password);
  const updated = await prisma.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.authToken.deleteMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null } });
    await recordAudit({ ...auditSource(ctx), action: "password_changed", entityType: "User", entityId: user.id }, tx);
    return u;
  });
  await clearLimit(key);
  return updated;
}

/** "Partner ministry for Kazakhstan", in the language of `t`. */
export function roleAndScopeText(t: Translator, role: Role, countries: string[], organisations: string[]): string {
  const label = t.label("role", role);
  if (role === "PARTNER" && countries.length) return t("mail.invite.roleFor", { role: label, scope: countries.join(", ") });
  if (role === "DONOR" && organisations.length) return t("mail.invite.roleFor", { role: label, scope: organisations.join(", ") });
  return label;
}
