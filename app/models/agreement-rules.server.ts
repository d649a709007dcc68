import { Prisma, type AgreementStatus } from "@prisma/client";
import { addDays, col, sqlDay, sqlValues, time } from "./sql-rule.server";

// ---------------------------------------------------------------------------
// An agreement's effective state (issue 14, item 11). The stored status is what
// someone chose; dates overrule it only for an agreement in force: a SIGNED or
// ACTIVE agreement lapses (reads EXPIRED) once its expiry date has passed,
// unless it was renewed, that is a live amendment (one that amends it, signed
// or active, not archived) runs to today or later. Manual states (draft, under
// negotiation, terminated, expired) stay as set. effectiveAgreementStatus is the
// rule; the Prisma filters and the SQL fragments below are its twins for lists,
// filters and the dashboard's counts (tests/db/agreement-status.test.ts and
// tests/db/shared-rules.test.ts check they agree).
//
// The rules of "expiring within 90 days" and "expired recently" are here too,
// each as a Prisma `where`, an SQL fragment and a predicate (see
// sql-rule.server.ts), used by the dashboard, the agreement list's filters and
// the programme page.
// ---------------------------------------------------------------------------

/** Statuses that dates can overrule. */
export const IN_FORCE: AgreementStatus[] = ["SIGNED", "ACTIVE"];

/** Stored statuses that can no longer be "expiring": already over. */
const ENDED: AgreementStatus[] = ["EXPIRED", "TERMINATED"];

/** The dashboard's "expiring" panel and the programme page's badge look this far ahead. */
export const EXPIRING_DAYS = 90;

/** How far back the "expired recently" panel looks. */
export const EXPIRED_DAYS = 90;

/** Amendments that can renew an agreement: live and in force. */
export const RENEWING_AMENDMENT = { archivedAt: null, status: { in: IN_FORCE } } satisfies Prisma.AgreementWhereInput;

/** What effectiveAgreementStatus needs; spread into an agreement select. */
export const EFFECTIVE_STATUS_SELECT = {
  status: true,
  expiresOn: true,
  amendments: { where: RENEWING_AMENDMENT, select: { expiresOn: true } },
} satisfies Prisma.AgreementSelect;

type StatusInput = { status: AgreementStatus; expiresOn: Date | null; amendments: { expiresOn: Date | null }[] };

/** The latest expiry of the agreement and the amendments renewing it (null: open-ended). */
export function effectiveExpiry(a: Pick<StatusInput, "expiresOn" | "amendments">): Date | null {
  if (!a.expiresOn) return null;
  return a.amendments.reduce<Date>((latest, m) => (m.expiresOn && m.expiresOn > latest ? m.expiresOn : latest), a.expiresOn);
}

/** The status an agreement has today: its stored status, unless its dates say it has lapsed. */
export function effectiveAgreementStatus(a: StatusInput, today: Date): AgreementStatus {
  if (!IN_FORCE.includes(a.status)) return a.status;
  const expiry = effectiveExpiry(a);
  return expiry && expiry < today ? "EXPIRED" : a.status;
}

/**
 * Rows with `status` replaced by the effective status (the stored one is kept
 * as `storedStatus`, for the edit form) and the renewal data dropped.
 */
export function withEffectiveStatus<T extends StatusInput>(rows: T[], today: Date): (Omit<T, "amendments"> & { storedStatus: AgreementStatus; expiredOn: Date | null })[] {
  return rows.map(({ amendments, ...row }) => {
    const status = effectiveAgreementStatus({ ...row, amendments }, today);
    return { ...row, status, storedStatus: row.status, expiredOn: status === "EXPIRED" ? effectiveExpiry({ expiresOn: row.expiresOn, amendments }) : null };
  });
}

/** One agreement (nested in another record's page) with its status replaced by the effective one. */
export function applyEffectiveStatus<T extends StatusInput>(a: T, today: Date): T {
  return { ...a, status: effectiveAgreementStatus(a, today) };
}

/** In force by its stored status, but its expiry (and every renewal's) is before today. */
function lapsedWhere(today: Date): Prisma.AgreementWhereInput {
  return {
    status: { in: IN_FORCE },
    expiresOn: { lt: today },
    NOT: { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: { gte: today } } } },
  };
}

/** Agreements whose effective status is `status` (the list's status filter). */
export function effectiveStatusWhere(status: AgreementStatus, today: Date): Prisma.AgreementWhereInput {
  if (status === "EXPIRED") return { OR: [{ status: "EXPIRED" }, lapsedWhere(today)] };
  if (IN_FORCE.includes(status)) return { AND: [{ status }, { NOT: lapsedWhere(today) }] };
  return { status };
}

/** A live amendment in force of the agreement aliased `alias`, meeting `cond` (on its alias `m`). */
function renewalSql(alias: string, cond: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Agreement" m WHERE m."parentId" = ${col(alias, "id")} AND m."archivedAt" IS NULL
    AND m.status IN (${sqlValues(IN_FORCE)}) AND ${cond})`;
}

type RuleAgreement = StatusInput & { archivedAt?: Date | string | null };

/**
 * Expiring: a live agreement, not ended by its status, whose expiry falls
 * within the next `days` days (today included), unless a renewal runs beyond
 * that. The dashboard's panel and count, the list's `expiring=` filter and the
 * programme page's badge. `amendments` in the predicate are the renewing ones
 * (EFFECTIVE_STATUS_SELECT reads those).
 */
export const expiringAgreement = {
  where: (today: Date, days = EXPIRING_DAYS): Prisma.AgreementWhereInput => {
    const by = addDays(today, days);
    return {
      archivedAt: null,
      status: { notIn: ENDED },
      expiresOn: { gte: today, lte: by },
      NOT: { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: { gt: by } } } },
    };
  },
  sql: (alias: string, today: Date, days = EXPIRING_DAYS): Prisma.Sql => {
    const by = addDays(today, days);
    return Prisma.sql`${col(alias, "archivedAt")} IS NULL AND ${col(alias, "status")} NOT IN (${sqlValues(ENDED)})
      AND ${col(alias, "expiresOn")} BETWEEN ${sqlDay(today)} AND ${sqlDay(by)}
      AND NOT ${renewalSql(alias, Prisma.sql`m."expiresOn" > ${sqlDay(by)}`)}`;
  },
  test: (a: RuleAgreement, today: Date, days = EXPIRING_DAYS): boolean => {
    const by = addDays(today, days).getTime();
    const expires = time(a.expiresOn);
    return !a.archivedAt && !ENDED.includes(a.status) && expires !== null && expires >= today.getTime() && expires <= by
      && !a.amendments.some((m) => (time(m.expiresOn) ?? -Infinity) > by);
  },
};

/**
 * Expired recently: a live agreement whose effective status is EXPIRED and
 * whose expiry (or a renewal's) fell within the last `days` days, today not
 * included. The dashboard's panel and count and the list's `expired=` filter.
 */
export const expiredRecentlyAgreement = {
  where: (today: Date, days = EXPIRED_DAYS): Prisma.AgreementWhereInput => {
    const within = { gte: addDays(today, -days), lt: today };
    return {
      AND: [
        { archivedAt: null },
        effectiveStatusWhere("EXPIRED", today),
        { OR: [{ expiresOn: within }, { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: within } } }] },
      ],
    };
  },
  sql: (alias: string, today: Date, days = EXPIRED_DAYS): Prisma.Sql => {
    const since = sqlDay(addDays(today, -days));
    const day = sqlDay(today);
    const expiresOn = col(alias, "expiresOn");
    const status = col(alias, "status");
    return Prisma.sql`${col(alias, "archivedAt")} IS NULL
    AND (${status} = 'EXPIRED' OR (${status} IN (${sqlValues(IN_FORCE)}) AND ${expiresOn} < ${day}
      AND NOT ${renewalSql(alias, Prisma.sql`m."expiresOn" >= ${day}`)}))
    AND ((${expiresOn} >= ${since} AND ${expiresOn} < ${day})
      OR ${renewalSql(alias, Prisma.sql`m."expiresOn" >= ${since} AND m."expiresOn" < ${day}`)})`;
  },
  test: (a: RuleAgreement, today: Date, days = EXPIRED_DAYS): boolean => {
    const since = addDays(today, -days).getTime();
    const within = (d: Date | string | null) => {
      const t = time(d);
      return t !== null && t >= since && t < today.getTime();
    };
    return !a.archivedAt && effectiveAgreementStatus(a, today) === "EXPIRED" && (within(a.expiresOn) || a.amendments.some((m) => within(m.expiresOn)));
  },
};

export { startOfToday } from "./sql-rule.server";
