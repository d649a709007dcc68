import { formatUtcDateTime } from "~/utils/format";
import type { Prisma, Role } from "@prisma/client";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { message } from "~/i18n/translate";
import type { InviteUserForm, UserAccessForm } from "~/schemas/user-admin";
import { prisma, type Tx } from "~/utils/db.server";
import { ConflictError, DomainError, notFoundError } from "~/utils/errors.server";
import type { UserStatus } from "~/utils/labels-admin";
import { type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { enqueueMail } from "~/jobs/mail.server";
import { INVITATION_TTL_MS, invitationDetails, newToken, roleAndScopeText, scopeNames } from "./account.server";
import { recordAudit } from "./audit.server";
import type { Actor } from "./history.server";
import { assertAdmin, auditSource, type Ctx } from "./ctx.server";

// Administrators manage accounts: invitations, role and scope, deactivation.
// Rules kept here, not in the routes:
// - an administrator cannot deactivate themselves or change their own role,
//   and the last active administrator cannot be demoted or deactivated (the
//   active admin rows are locked while this is checked, so two admins
//   demoting each other at once cannot both succeed);
// - a change of role or scope, and a deactivation, end the user's sessions in
//   the same transaction (the next request goes to sign-in with the new rights);
// - every change is one transaction with its audit event.
// Donor scope is chosen among organisations that fund at least one programme
// (role FUNDING): a donor user sees exactly the programmes their organisation
// funds, so any other organisation would give them an empty view.

export const USER_LIST = {
  sorts: ["name", "email", "role", "status", "lastSignInAt"],
  defaultSort: "name",
  filters: ["role", "status"],
} as const satisfies ListSpec<string>;
export type UserFilter = (typeof USER_LIST.filters)[number];

export type UserRow = {
  /** User id, or the invitation's id for a pending invitation (both open /admin/users/<id>). */
  id: string;
  kind: "user" | "invitation";
  name: string;
  email: string;
  role: Role;
  /** Country names (English, as stored) and organisation short names. */
  scope: string[];
  /** The scope's countries as ISO codes, for naming them in the reader's language. */
  countryCodes: string[];
  /** The scope's organisations by short name. */
  organisations: string[];
  mfa: boolean;
  lastSignInAt: Date | null;
  status: UserStatus;
};

function userStatus(u: { deactivatedAt: Date | null }): UserStatus {
  return u.deactivatedAt ? "DEACTIVATED" : "ACTIVE";
}

function invitationStatus(t: { expiresAt: Date }): UserStatus {
  return t.expiresAt.getTime() > Date.now() ? "INVITED" : "INVITATION_EXPIRED";
}

const STATUS_ORDER: Record<UserStatus, number> = { ACTIVE: 0, INVITED: 1, INVITATION_EXPIRED: 2, DEACTIVATED: 3 };

/**
 * Users and pending invitations together. Accounts number in the hundreds, so
 * both are read and merged in memory (one list, one sort, one pagination).
 */
export async function listUsers(query: ListQuery<UserFilter>, all = false): Promise<{ rows: UserRow[]; total: number }> {
  const f = query.filters;
  const role = f.role && ["ADMIN", "STAFF", "PARTNER", "DONOR"].includes(f.role) ? (f.role as Role) : undefined;
  const status = f.status as UserStatus | undefined;
  const q = query.q.toLowerCase();
  const wantUsers = !status || status === "ACTIVE" || status === "DEACTIVATED";
  const wantInvitations = !status || status === "INVITED" || status === "INVITATION_EXPIRED";
  const contains = searchContains(query.q);

  const [users, invitations] = await Promise.all([
    wantUsers
      ? prisma.user.findMany({
          where: {
            ...(role ? { role } : {}),
            ...(status === "ACTIVE" ? { deactivatedAt: null } : status === "DEACTIVATED" ? { deactivatedAt: { not: null } } : {}),
            ...(query.q ? { OR: [{ name: contains }, { email: contains }] } : {}),
          },
          select: {
            id: true,
            name: true,
            email: true,
            role: true,
            totpEnabledAt: true,
            lastSignInAt: true,
            deactivatedAt: true,
            countries: { select: { countryCode: true, country: { select: { nameEn: true } } } },
            organisations: { select: { organisation: { select: { shortName: true } } } },
          },
        })
      : [],
    wantInvitations
      ? prisma.authToken.findMany({ where: { purpose: "INVITATION", usedAt: null, ...(role ? { role } : {}) } })
      : [],
  ]);

  const rows: UserRow[] = users.map((u) => ({
    id: u.id,
    kind: "user",
    name: u.name,
    email: u.email,
    role: u.role,
    scope: [...u.countries.map((c) => c.country.nameEn).sort(), ...u.organisations.map((o) => o.organisation.shortName).sort()],
    countryCodes: u.countries.map((c) => c.countryCode).sort(),
    organisations: u.organisations.map((o) => o.organisation.shortName).sort(),
    mfa: Boolean(u.totpEnabledAt),
    lastSignInAt: u.lastSignInAt,
    status: userStatus(u),
  }));
  for (const t of invitations) {
    const d = invitationDetails(t);
    const s = invitationStatus(t);
    if (status && s !== status) continue;
    if (q && !t.email.includes(q) && !d.name.toLowerCase().includes(q)) continue;
    const names = await scopeNames(d.countries, d.organisationIds);
    rows.push({
      id: t.id,
      kind: "invitation",
      name: d.name,
      email: t.email,
      role: t.role ?? "PARTNER",
      scope: [...names.countries, ...names.organisations],
      countryCodes: names.countryCodes,
      organisations: names.organisations,
      mfa: false,
      lastSignInAt: null,
      status: s,
    });
  }

  const dir = query.dir === "desc" ? -1 : 1;
  const text = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });
  rows.sort((a, b) => {
    let c = 0;
    switch (query.sort) {
      case "email":
        c = text(a.email, b.email);
        break;
      case "role":
        c = text(a.role, b.role);
        break;
      case "status":
        c = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
        break;
      case "lastSignInAt":
        // Never signed in sorts last either way.
        if (!a.lastSignInAt || !b.lastSignInAt) return (a.lastSignInAt ? 0 : 1) - (b.lastSignInAt ? 0 : 1) || text(a.name, b.name);
        c = a.lastSignInAt.getTime() - b.lastSignInAt.getTime();
        break;
      default:
        c = text(a.name, b.name);
    }
    return c * dir || text(a.email, b.email);
  });
  const total = rows.length;
  return { rows: all ? rows : rows.slice((query.page - 1) * query.perPage, query.page * query.perPage), total };
}

// ---------------------------------------------------------------------------
// Choices for the forms

export async function userFormOptions(userId?: string) {
  const [countries, funders, assigned] = await Promise.all([
    prisma.country.findMany({
      select: { code: true, nameEn: true, _count: { select: { programmes: true } } },
      orderBy: { nameEn: "asc" },
    }),
    prisma.organisation.findMany({
      where: { archivedAt: null, programmeRoles: { some: { role: "FUNDING" } } },
      select: { id: true, shortName: true, fullName: true },
      orderBy: { shortName: "asc" },
    }),
    userId
      ? prisma.userOrganisation.findMany({ where: { userId }, select: { organisation: { select: { id: true, shortName: true, fullName: true } } } })
      : [],
  ]);
  const orgs = new Map(funders.map((o) => [o.id, o]));
  for (const a of assigned) orgs.set(a.organisation.id, a.organisation);
  // Countries with programmes first: those are the partners Concord works with.
  const withProgrammes = countries.filter((c) => c._count.programmes > 0);
  const others = countries.filter((c) => c._count.programmes === 0);
  return {
    countries: [...withProgrammes, ...others].map((c) => ({ value: c.code, label: c.nameEn })),
    organisations: [...orgs.values()]
      .sort((a, b) => a.shortName.localeCompare(b.shortName))
      .map((o) => ({ value: o.id, label: o.shortName === o.fullName ? o.shortName : `${o.shortName} — ${o.fullName}` })),
  };
}

/** Refuses countries that do not exist and organisations that fund nothing (unless the user already has them). */
async function checkScope(tx: Tx, data: { countries: string[]; organisationIds: string[] }, keepOrganisationIds: string[] = []) {
  if (data.countries.length) {
    const found = await tx.country.count({ where: { code: { in: data.countries } } });
    if (found !== data.countries.length) throw new DomainError("invalid", message("admin.v.countriesFromList"), { field: "countries" });
  }
  const toCheck = data.organisationIds.filter((id) => !keepOrganisationIds.includes(id));
  if (toCheck.length) {
    const found = await tx.organisation.count({
      where: { id: { in: toCheck }, archivedAt: null, programmeRoles: { some: { role: "FUNDING" } } },
    });
    if (found !== toCheck.length) {
      throw new DomainError("invalid", message("admin.e.organisationsFromList"), { field: "organisationIds" });
    }
  }
}

// ---------------------------------------------------------------------------
// Invitations

/** Queues the invitation mail in the invitation's own transaction: a rolled-back invitation mails nothing. */
async function mailInvitation(
  tx: Tx,
  invitation: { email: string; role: Role; expiresAt: Date; details: { name: string; countries: string[]; organisationIds: string[] } },
  token: string,
  origin: string,
  inviter: Actor,
  locale: Locale,
): Promise<void> {
  const names = await scopeNames(invitation.details.countries, invitation.details.organisationIds, tx);
  const who = await tx.user.findUnique({ where: { id: inviter.id }, select: { name: true } });
  const t = serverTranslator(locale);
  // English keeps the names it always had; other languages name the countries in their own words.
  const countries = locale === "en" ? names.countries : names.countryCodes.map((code) => t.label("country", code));
  const until = formatUtcDateTime(invitation.expiresAt, locale);
  await enqueueMail(tx, {
    to: invitation.email,
    locale,
    subject: t("mail.invite.subject"),
    paragraphs: [
      t("mail.hello", { name: invitation.details.name || invitation.email }),
      t("mail.invite.body", {
        inviter: who?.name ?? inviter.email,
        email: inviter.email,
        roleAndScope: roleAndScopeText(t, invitation.role, countries, names.organisations),
      }),
      t("mail.invite.until", { until }),
    ],
    action: { label: t("mail.invite.action"), url: `${origin}/invitations/${token}` },
    footer: t("mail.invite.footer"),
  });
}

/**
 * Invites someone: a single-use link valid for 7 days, mailed to them by a
 * background job (retried while the mail server is away; a failure for good
 * shows on /admin/jobs).
 * Inviting an address again replaces its earlier link. An address that
 * already has an account is refused at the e-mail field. The invitee has no
 * language yet: the mail is in `locale`, the inviting administrator's.
 */
export async function inviteUser(ctx: Ctx, data: InviteUserForm, origin: string, locale: Locale = DEFAULT_LOCALE): Promise<{ id: string }> {
  assertAdmin(ctx);
  const actor = auditSource(ctx).actor;
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const details = { name: data.name, countries: data.countries, organisationIds: data.organisationIds };
  const row = await prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new DomainError("invalid", message("admin.e.accountExists"), { field: "email" });
    }
    await checkScope(tx, data);
    const replaced = await tx.authToken.deleteMany({ where: { email: data.email, purpose: "INVITATION", usedAt: null } });
    const created = await tx.authToken.create({
      data: { tokenHash, purpose: "INVITATION", email: data.email, role: data.role, scope: details, expiresAt, createdById: actor.id },
    });
    const names = await scopeNames(data.countries, data.organisationIds, tx);
    await recordAudit(
      {
        ...auditSource(ctx),
        action: "user_invited",
        entityType: "Invitation",
        entityId: created.id,
        changes: { email: data.email, name: data.name, role: data.role, scope: [...names.countries, ...names.organisations] },
        metadata: replaced.count ? { replacedLinks: replaced.count } : undefined,
      },
      tx,
    );
    await mailInvitation(tx, { email: created.email, role: data.role, expiresAt, details }, token, origin, actor, locale);
    return created;
  });
  return { id: row.id };
}

/** A new link for a pending (or expired) invitation; the old link stops working. */
export async function resendInvitation(ctx: Ctx, id: string, origin: string, locale: Locale = DEFAULT_LOCALE): Promise<{ id: string }> {
  assertAdmin(ctx);
  const actor = auditSource(ctx).actor;
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const row = await prisma.$transaction(async (tx) => {
    const old = await tx.authToken.findFirst({ where: { id, purpose: "INVITATION", usedAt: null } });
    if (!old) throw notFoundError("Not found");
    if (await tx.user.findUnique({ where: { email: old.email }, select: { id: true } })) {
      throw new DomainError("invalid", message("admin.e.nothingToResend"));
    }
    const d = invitationDetails(old);
    await tx.authToken.delete({ where: { id: old.id } });
    const created = await tx.authToken.create({
      data: { tokenHash, purpose: "INVITATION", email: old.email, role: old.role, scope: d, expiresAt, createdById: actor.id },
    });
    await recordAudit(
      {
        ...auditSource(ctx),
        action: "user_invited",
        entityType: "Invitation",
        entityId: created.id,
        changes: { email: old.email },
        metadata: { resent: true, previous: old.id },
      },
      tx,
    );
    await mailInvitation(tx, { email: created.email, role: created.role ?? "PARTNER", expiresAt, details: d }, token, origin, actor, locale);
    return created;
  });
  return { id: row.id };
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  assertAdmin(ctx);
  await prisma.$transaction(async (tx) => {
    const old = await tx.authToken.findFirst({ where: { id, purpose: "INVITATION", usedAt: null } });
    if (!old) throw notFoundError("Not found");
    await tx.authToken.delete({ where: { id } });
    await recordAudit({ ...auditSource(ctx), action: "invitation_revoked", entityType: "Invitation", entityId: id, changes: { email: old.email } }, tx);
  });
}

// ---------------------------------------------------------------------------
// One account

export type HistoryEvent = {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  changes: unknown;
  metadata: unknown;
  ip: string | null;
};

const historySelect = { id: true, at: true, actorEmail: true, action: true, changes: true, metadata: true, ip: true } as const;

export async function getUserRecord(id: string) {
  const user = await prisma.user.findUnique({
    where: { id },
    include: {
      countries: { select: { countryCode: true, country: { select: { nameEn: true } } } },
      organisations: { select: { organisationId: true, organisation: { select: { shortName: true } } } },
      tokens: { where: { purpose: "INVITATION" }, select: { id: true, createdById: true } },
    },
  });
  if (user) {
    const [sessions, history] = await Promise.all([
      prisma.session.count({ where: { userId: id, expiresAt: { gt: new Date() } } }),
      prisma.auditEvent.findMany({
        where: {
          OR: [
            { entityType: "User", entityId: id },
            ...(user.tokens.length ? [{ entityType: "Invitation", entityId: { in: user.tokens.map((t) => t.id) } }] : []),
          ],
        },
        orderBy: { at: "desc" },
        take: 100,
        select: historySelect,
      }),
    ]);
    const inviterId = user.tokens.find((t) => t.createdById)?.createdById;
    const inviter = inviterId ? await prisma.user.findUnique({ where: { id: inviterId }, select: { email: true } }) : null;
    return {
      kind: "user" as const,
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: userStatus(user),
      version: user.version,
      countries: user.countries.map((c) => ({ code: c.countryCode, name: c.country.nameEn })),
      organisations: user.organisations.map((o) => ({ id: o.organisationId, name: o.organisation.shortName })),
      mfaEnabledAt: user.totpEnabledAt,
      lastSignInAt: user.lastSignInAt,
      createdAt: user.createdAt,
      deactivatedAt: user.deactivatedAt,
      invitedBy: inviter?.email ?? null,
      sessions,
      history: history as HistoryEvent[],
    };
  }
  const invitation = await prisma.authToken.findFirst({ where: { id, purpose: "INVITATION", usedAt: null } });
  if (!invitation) return null;
  const d = invitationDetails(invitation);
  const [names, inviter, history] = await Promise.all([
    scopeNames(d.countries, d.organisationIds),
    invitation.createdById ? prisma.user.findUnique({ where: { id: invitation.createdById }, select: { email: true } }) : null,
    prisma.auditEvent.findMany({ where: { entityType: "Invitation", entityId: id }, orderBy: { at: "desc" }, take: 50, select: historySelect }),
  ]);
  return {
    kind: "invitation" as const,
    id: invitation.id,
    name: d.name,
    email: invitation.email,
    role: invitation.role ?? ("PARTNER" as Role),
    status: invitationStatus(invitation),
    scope: [...names.countries, ...names.organisations],
    countryCodes: names.countryCodes,
    organisations: names.organisations,
    invitedBy: inviter?.email ?? null,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    history: history as HistoryEvent[],
  };
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof getUserRecord>>>;

export async function requireUserRecord(id: string): Promise<UserRecord> {
  const record = await getUserRecord(id);
  if (!record) throw notFoundError("Not found");
  return record;
}

/** Locks the active administrators' rows and refuses when `userId` is the only one. */
async function assertAnotherActiveAdmin(tx: Tx, userId: string, message: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "deactivatedAt" IS NULL ORDER BY "id" FOR UPDATE`;
  if (!admins.some((a) => a.id !== userId)) throw new DomainError("invalid", message, { field: "role" });
}

async function accessConflict(tx: Tx, id: string, loadedVersion: number, current: { version: number; updatedAt: Date }): Promise<never> {
  const events = await tx.auditEvent.findMany({
    where: { entityType: "User", entityId: id, action: { in: ["role_change", "user_deactivated", "user_reactivated"] } },
    orderBy: { at: "asc" },
  });
  const changes: Record<string, { mine: unknown; theirs: unknown }> = {};
  let by: string | null = null;
  for (const e of events) {
    if (((e.metadata as { version?: number } | null)?.version ?? 0) <= loadedVersion) continue;
    by = e.actorEmail;
    for (const [field, c] of Object.entries((e.changes ?? {}) as Record<string, { before: unknown; after: unknown }>)) {
      changes[field] = { mine: changes[field]?.mine ?? c.before, theirs: c.after };
    }
  }
  throw new ConflictError({ version: current.version, updatedAt: current.updatedAt, updatedBy: by }, changes);
}

/**
 * Changes a user's role and scope (optimistic locking on `version`). When
 * anything changed, the user's sessions end: they sign in again with the new rights.
 */
export async function updateUserAccess(ctx: Ctx, id: string, version: number, data: UserAccessForm): Promise<{ changed: boolean }> {
  assertAdmin(ctx);
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id },
      include: { countries: { select: { countryCode: true } }, organisations: { select: { organisationId: true } } },
    });
    if (!before) throw notFoundError("Not found");
    if (before.version !== version) await accessConflict(tx, id, version, before);
    if (id === ctx.actor.id && data.role !== before.role) {
      throw new DomainError("invalid", message("admin.e.ownRole"), { field: "role" });
    }
    if (before.role === "ADMIN" && data.role !== "ADMIN" && !before.deactivatedAt) {
      await assertAnotherActiveAdmin(tx, id, message("admin.e.lastAdminDemote"));
    }
    const beforeOrgs = before.organisations.map((o) => o.organisationId);
    await checkScope(tx, data, beforeOrgs);

    const beforeNames = await scopeNames(before.countries.map((c) => c.countryCode), beforeOrgs, tx);
    const afterNames = await scopeNames(data.countries, data.organisationIds, tx);
    const scopeBefore = [...beforeNames.countries, ...beforeNames.organisations];
    const scopeAfter = [...afterNames.countries, ...afterNames.organisations];
    const roleChanged = before.role !== data.role;
    const scopeChanged =
      JSON.stringify(before.countries.map((c) => c.countryCode).sort()) !== JSON.stringify(data.countries) ||
      JSON.stringify([...beforeOrgs].sort()) !== JSON.stringify(data.organisationIds);
    if (!roleChanged && !scopeChanged) return { changed: false };

    const updated = await tx.user.updateMany({ where: { id, version }, data: { role: data.role, version: { increment: 1 } } });
    if (updated.count === 0) await accessConflict(tx, id, version, before);
    await tx.userCountry.deleteMany({ where: { userId: id } });
    await tx.userOrganisation.deleteMany({ where: { userId: id } });
    if (data.countries.length) await tx.userCountry.createMany({ data: data.countries.map((countryCode) => ({ userId: id, countryCode })) });
    if (data.organisationIds.length) {
      await tx.userOrganisation.createMany({ data: data.organisationIds.map((organisationId) => ({ userId: id, organisationId })) });
    }
    // Session rotation on a privilege change: the user's open sessions end now.
    await tx.session.deleteMany({ where: { userId: id } });
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (roleChanged) changes.role = { before: before.role, after: data.role };
    if (scopeChanged) changes.scope = { before: scopeBefore, after: scopeAfter };
    await recordAudit({ ...auditSource(ctx), action: "role_change", entityType: "User", entityId: id, changes: changes as Prisma.InputJsonObject, metadata: { version: version + 1 } }, tx);
    return { changed: true };
  });
}

/** Deactivates (ending every session at once) or reactivates an account. Doing it twice is a no-op. */
export async function setUserActive(ctx: Ctx, id: string, active: boolean): Promise<void> {
  assertAdmin(ctx);
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw notFoundError("Not found");
    if (Boolean(before.deactivatedAt) === !active) return;
    if (!active) {
      if (id === ctx.actor.id) throw new DomainError("invalid", message("admin.e.ownAccount"));
      if (before.role === "ADMIN") {
        await assertAnotherActiveAdmin(tx, id, message("admin.e.lastAdminDeactivate"));
      }
    }
    const after = await tx.user.update({
      where: { id },
      data: { deactivatedAt: active ? null : new Date(), version: { increment: 1 } },
    });
    if (!active) {
      await tx.session.deleteMany({ where: { userId: id } });
      await tx.authToken.deleteMany({ where: { userId: id, purpose: "PASSWORD_RESET", usedAt: null } });
    }
    await recordAudit(
      {
        ...auditSource(ctx),
        action: active ? "user_reactivated" : "user_deactivated",
        entityType: "User",
        entityId: id,
        changes: { status: { before: before.deactivatedAt ? "Deactivated" : "Active", after: active ? "Active" : "Deactivated" } },
        metadata: { version: after.version },
      },
      tx,
    );
  });
}
