import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeChildWhere, programmeScopeSql, type ChildKind, type Scope } from "~/auth/scope.server";
import { DAY_LIMIT, LIST_LIMIT, type CalendarCounts } from "~/components/dashboard/calendar";
import type { Locale } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { EFFECTIVE_STATUS_SELECT, EXPIRED_DAYS, expiredRecentlyAgreement, EXPIRING_DAYS, expiringAgreement, withEffectiveStatus } from "./agreement-rules.server";
import { dueSoonDeliverable, overdueDeliverable } from "./deliverable-rules.server";
import { followUpMissingOutcome, followUpOverdueOutcome, overdueFollowUpAction } from "./follow-up-rules.server";
import { startOfToday } from "./sql-rule.server";

// The staff dashboard: what needs attention and the month's activities.
// Counts and the short lists are computed by the database; each panel's
// definition matches the filtered list its count links to, so the number
// on the dashboard is the number of rows the user finds there.
//
// "Today" is the UTC calendar day, the way calendar dates are stored.

export { startOfToday as utcToday } from "./sql-rule.server";

const iso = (d: Date) => d.toISOString().slice(0, 10);

export type Month = { year: number; month: number }; // month 1-12

/** ?month=YYYY-MM, or the current month when absent or malformed. */
export function parseMonth(value: string | null | undefined, now = new Date()): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? "");
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year >= 1900 && year <= 2200 && month >= 1 && month <= 12) return { year, month };
  }
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
}

export function monthKey({ year, month }: Month): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

export function shiftMonth({ year, month }: Month, by: number): Month {
  const d = new Date(Date.UTC(year, month - 1 + by, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** First and last day of a month (UTC calendar dates). */
export function monthRange({ year, month }: Month): { first: Date; last: Date } {
  return { first: new Date(Date.UTC(year, month - 1, 1)), last: new Date(Date.UTC(year, month, 0)) };
}

/** The URLs the dashboard's counts link to (the list pages implement these filters). */
export function attentionLinks(now = new Date()) {
  const { first, last } = monthRange(parseMonth(null, now));
  return {
    overdue: "/deliverables?due=overdue",
    dueSoon: "/deliverables?due=next30",
    expiring: `/agreements?expiring=${EXPIRING_DAYS}`,
    expired: `/agreements?expired=${EXPIRED_DAYS}`,
    outcomesWithoutFollowUp: "/outcomes?followUp=missing",
    followUpsOverdue: "/outcomes?followUp=overdue",
    activitiesThisMonth: `/activities?from=${iso(first)}&to=${iso(last)}`,
  };
}

/** Activities whose start (the actual start, or else the planned start) falls within [from, to]. */
export function activityStartsWithin(from: Date, to: Date): Prisma.ActivityWhereInput {
  return {
    OR: [
      { actualStart: { gte: from, lte: to } },
      { actualStart: null, plannedStart: { gte: from, lte: to } },
    ],
  };
}

// Each record's own text and its other languages: the route passes the data
// through readerView (~/i18n/narrative), which picks the reader's language and then
// drops these two fields.
const NARRATIVES = { lang: true, translations: true } as const;

const activityItem = {
  id: true,
  title: true,
  ...NARRATIVES,
  kind: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  datePrecision: true,
  // The code, not a name: the page names the country in the reader's language.
  // (No related rows: each would be one more statement, for nothing the panel shows.)
  countryCode: true,
} satisfies Prisma.ActivitySelect;

/**
 * programmeChildWhere, without its always-true condition for staff (every
 * record has a programme): Prisma would join each list to "Programme" for
 * it, and the joins keep the planner from reading the lists' indexes in order.
 */
function inScope<K extends ChildKind>(scope: Scope, kind: K): ReturnType<typeof programmeChildWhere<K>> {
  return scope.kind === "staff" ? ({} as ReturnType<typeof programmeChildWhere<K>>) : programmeChildWhere(scope, kind);
}

export type DashboardActivity = Prisma.ActivityGetPayload<{ select: typeof activityItem }>;

type Narrated = { lang: string; translations: unknown };
export type DeliverableItem = { id: string; title: string; dueDate: Date | null; status: string; programme: { code: string; title: string } & Narrated; responsibleOrg: { shortName: string } | null } & Narrated;

/**
 * A deliverables panel's first items with their programme and responsible
 * organisation, in one statement (Prisma read each relation in a statement
 * of its own). `condition` is a rule's SQL form on "d"; the scope is
 * programmeChildScopeSql, programmeChildWhere's SQL form.
 */
function loadDeliverableItems(scope: Scope, condition: Prisma.Sql, take: number) {
  return prisma.$queryRaw<DeliverableItem[]>`
    SELECT d.id, d.title, d.lang, d.translations, d."dueDate", d.status::text AS status,
      json_build_object('code', p.code, 'title', p.title, 'lang', p.lang, 'translations', p.translations) AS programme,
      CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('shortName', o."shortName") END AS "responsibleOrg"
    FROM "Deliverable" d JOIN "Programme" p ON p.id = d."programmeId" LEFT JOIN "Organisation" o ON o.id = d."responsibleOrgId"
    WHERE ${programmeChildScopeSql(scope, "deliverable", "d")} AND d."archivedAt" IS NULL AND ${condition}
    ORDER BY d."dueDate" ASC, d.title ASC, d.id ASC
    LIMIT ${take}`;
}

export type AgreementItem = { id: string; title: string; type: string; expiresOn: Date | null; programme: { code: string; title: string } & Narrated } & Narrated;

/** The expiring-agreements panel's first items with their programme, in one statement (as loadDeliverableItems). */
function loadExpiringItems(scope: Scope, today: Date, take: number) {
  return prisma.$queryRaw<AgreementItem[]>`
    SELECT x.id, x.title, x.lang, x.translations, x.type::text AS type, x."expiresOn",
      json_build_object('code', p.code, 'title', p.title, 'lang', p.lang, 'translations', p.translations) AS programme
    FROM "Agreement" x JOIN "Programme" p ON p.id = x."programmeId"
    WHERE ${programmeChildScopeSql(scope, "agreement", "x")} AND ${expiringAgreement.sql("x", today, EXPIRING_DAYS)}
    ORDER BY x."expiresOn" ASC, x.title ASC, x.id ASC
    LIMIT ${take}`;
}

export type FollowUpItem = { id: string; text: string; activity: { id: string; title: string } & Narrated; followUps: { description: string; dueDate: Date | null }[] } & Narrated;

/** The overdue-follow-ups panel's first outcomes, each with its activity and longest-overdue action, in one statement. */
async function loadFollowUpItems(scope: Scope, today: Date, take: number): Promise<FollowUpItem[]> {
  const rows = await prisma.$queryRaw<(Omit<FollowUpItem, "followUps"> & { actionDescription: string | null; actionDueDate: Date | null })[]>`
    SELECT o.id, o.text, o.lang, o.translations,
      json_build_object('id', a.id, 'title', a.title, 'lang', a.lang, 'translations', a.translations) AS activity,
      fa.description AS "actionDescription", fa."dueDate" AS "actionDueDate"
    FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId"
    LEFT JOIN LATERAL (
      SELECT f.description, f."dueDate" FROM "FollowUpAction" f
      WHERE f."outcomeId" = o.id AND ${overdueFollowUpAction.sql("f", today)}
      ORDER BY f."dueDate" ASC, f.position ASC LIMIT 1
    ) fa ON TRUE
    WHERE ${programmeChildScopeSql(scope, "outcome", "o")} AND o."archivedAt" IS NULL AND ${followUpOverdueOutcome.sql("o", today)}
    ORDER BY o."createdAt" ASC, o.id ASC
    LIMIT ${take}`;
  return rows.map(({ actionDescription, actionDueDate, ...o }) => ({
    ...o,
    followUps: actionDescription === null ? [] : [{ description: actionDescription, dueDate: actionDueDate }],
  }));
}

export type OutcomeItem = { id: string; text: string; type: string; dueDate: Date | null; createdAt: Date; activity: { id: string; title: string } & Narrated } & Narrated;

/** The outcomes-without-follow-up panel's first items with their activity, in one statement (as deliverableItems). */
function loadOutcomeItems(scope: Scope, take: number) {
  return prisma.$queryRaw<OutcomeItem[]>`
    SELECT o.id, o.text, o.lang, o.translations, o.type::text AS type, o."dueDate", o."createdAt",
      json_build_object('id', a.id, 'title', a.title, 'lang', a.lang, 'translations', a.translations) AS activity
    FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId"
    WHERE ${programmeChildScopeSql(scope, "outcome", "o")} AND o."archivedAt" IS NULL AND ${followUpMissingOutcome.sql("o")}
    ORDER BY o."dueDate" ASC NULLS LAST, o."createdAt" ASC, o.id ASC
    LIMIT ${take}`;
}

/** The "needs attention" panels: a count and up to five items each. */
export async function needsAttention(scope: Scope, now = new Date(), take = 5) {
  const today = startOfToday(now);
  // The same definitions as the lists the counts link to, so they always agree.
  const expired: Prisma.AgreementWhereInput = { AND: [inScope(scope, "agreement"), expiredRecentlyAgreement.where(today, EXPIRED_DAYS)] };
  const { first, last } = monthRange(parseMonth(null, now));
  // startsOn is activityStartsWithin's date (generated by the database), with an index in the list's order.
  const thisMonth: Prisma.ActivityWhereInput = { AND: [inScope(scope, "activity"), { archivedAt: null }, { startsOn: { gte: first, lte: last } }] };

  const day = (d: Date) => d.toISOString().slice(0, 10);
  // The five counts in one statement. Each condition is the Prisma filter
  // above, in SQL (tests/db/dashboard.test.ts checks both agree).
  // For staff neither condition holds anything back, and without them the
  // counts read the indexes only (the outcomes need no join to "Activity").
  const live = scope.kind === "staff" ? Prisma.empty : Prisma.sql`AND x."archivedAt" IS NULL`;
  const inScopeSql = scope.kind === "staff" ? Prisma.sql`TRUE` : Prisma.sql`x."programmeId" IN (SELECT p.id FROM "Programme" p WHERE ${programmeScopeSql(scope, "p")})`;
  const outcomeOf = (o: string) =>
    scope.kind === "staff" ? Prisma.sql`"Outcome" ${Prisma.raw(o)}` : Prisma.sql`"Outcome" ${Prisma.raw(o)} JOIN "Activity" x ON x.id = ${Prisma.raw(o)}."activityId"`;
  const countsQuery = prisma.$queryRaw<{ overdue: number; dueSoon: number; expiring: number; expired: number; outcomes: number; followUps: number; month: number }[]>`
    SELECT
      (SELECT COUNT(*)::int FROM "Deliverable" x WHERE ${inScopeSql} AND x."archivedAt" IS NULL
        AND ${overdueDeliverable.sql("x", today)}) AS overdue,
      (SELECT COUNT(*)::int FROM "Deliverable" x WHERE ${inScopeSql} AND x."archivedAt" IS NULL
        AND ${dueSoonDeliverable.sql("x", today)}) AS "dueSoon",
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE ${inScopeSql} AND ${expiringAgreement.sql("x", today, EXPIRING_DAYS)}) AS expiring,
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE ${inScopeSql} AND ${expiredRecentlyAgreement.sql("x", today, EXPIRED_DAYS)}) AS expired,
      (SELECT COUNT(*)::int FROM ${outcomeOf("o")}
        WHERE ${inScopeSql} ${live} AND o."archivedAt" IS NULL AND ${followUpMissingOutcome.sql("o")}) AS outcomes,
      (SELECT COUNT(*)::int FROM ${outcomeOf("o")}
        WHERE ${inScopeSql} ${live} AND o."archivedAt" IS NULL AND ${followUpOverdueOutcome.sql("o", today)}) AS "followUps",
      (SELECT COUNT(*)::int FROM "Activity" x WHERE ${inScopeSql} AND x."archivedAt" IS NULL
        AND x."startsOn" BETWEEN ${day(first)}::date AND ${day(last)}::date) AS month`;

  const [[counts], overdueItems, dueSoonItems, expiringItems, expiredItems, outcomeItems, followUpItems, monthItems] = await Promise.all([
    countsQuery,
    loadDeliverableItems(scope, overdueDeliverable.sql("d", today), take),
    loadDeliverableItems(scope, dueSoonDeliverable.sql("d", today), take),
    loadExpiringItems(scope, today, take),
    // Most recent first; the date shown is the effective expiry (a renewal's, if any).
    prisma.agreement
      .findMany({
        where: expired,
        select: { id: true, title: true, ...NARRATIVES, type: true, ...EFFECTIVE_STATUS_SELECT, programme: { select: { code: true, title: true, ...NARRATIVES } } },
        orderBy: [{ expiresOn: "desc" }, { title: "asc" }],
        take,
      })
      .then((rows) => withEffectiveStatus(rows, today)),
    loadOutcomeItems(scope, take),
    // Each with its longest-overdue action.
    loadFollowUpItems(scope, today, take),
    // startsOn is the actual start, else the planned one (generated by the database).
    prisma.activity.findMany({ where: thisMonth, select: activityItem, orderBy: [{ startsOn: "asc" }, { title: "asc" }, { id: "asc" }], take }),
  ]);
  const c = counts!;
  const [overdueCount, dueSoonCount, expiringCount, outcomeCount, monthCount] = [c.overdue, c.dueSoon, c.expiring, c.outcomes, c.month];
  return {
    today,
    links: attentionLinks(now),
    overdue: { count: overdueCount, items: overdueItems },
    dueSoon: { count: dueSoonCount, items: dueSoonItems },
    expiring: { count: expiringCount, items: expiringItems },
    expired: { count: c.expired, items: expiredItems },
    outcomesWithoutFollowUp: { count: outcomeCount, items: outcomeItems },
    followUpsOverdue: { count: c.followUps, items: followUpItems },
    activitiesThisMonth: { count: monthCount, items: monthItems },
  };
}

/** What the calendar shows of an activity (the route lays the month out from these). */
export type CalendarRow = {
  id: string;
  title: string;
  lang: string;
  translations: unknown;
  kind: string;
  status: string;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  datePrecision: string;
  city: string | null;
  countryCode: string | null;
};

/**
 * The month's calendar as capCalendar (~/components/dashboard/calendar)
 * shows it, bounded by what it shows rather than by the portfolio.
 *
 * An activity is on the calendar when it runs at some point of the month: from
 * its start (actual, else planned) to its end (actual, else planned, else the
 * start day). Activities whose dates are known only to the year are left out
 * (they have no place on a day); those known to the month are listed apart.
 *
 * The database counts the month's activities per day, in the list and known
 * only to the month, from an index that holds each live activity's span
 * (Activity_calendar_span_idx), and returns in full only the activities that
 * can be shown: for each day those ranked within DAY_LIMIT, for the list and
 * the month-only ones those within LIST_LIMIT (all of them with `all`), and
 * every activity of the chosen `day`. The ranks are by the dates alone
 * (rank(): ties share a place), so the candidates hold every activity the
 * page's own order (dates, then the title in the reader's language) can put
 * in those places, and buildCalendar + capCalendar over them, with these
 * counts, give what they give over the whole month
 * (tests/db/dashboard-calendar.test.ts compares the two).
 */
export async function monthCalendar(
  scope: Scope,
  month: Month,
  opts: { all?: boolean; day?: string | null } = {},
): Promise<{ activities: CalendarRow[]; counts: CalendarCounts }> {
  const { first, last } = monthRange(month);
  const from = iso(first);
  const to = iso(last);
  const day = opts.day && /^\d{4}-\d{2}-\d{2}$/.test(opts.day) && opts.day >= from && opts.day <= to ? opts.day : null;
  // NULL: no limit.
  const listMax = opts.all ? null : LIST_LIMIT;
  const rows = await prisma.$queryRaw<(CalendarRow & { dayCounts: Record<string, number> | null; listTotal: number; monthOnlyTotal: number })[]>`
    WITH m AS MATERIALIZED (
      SELECT a.id, a."startsOn" AS s, a."endsOn" AS e, a."datePrecision" = 'DAY' AS "onDays"
      FROM "Activity" a
      WHERE daterange(a."startsOn", a."endsOn", '[]') && daterange(${from}::date, ${to}::date, '[]')
        AND a."archivedAt" IS NULL AND a."datePrecision" <> 'YEAR' AND a."startsOn" IS NOT NULL
        AND ${programmeChildScopeSql(scope, "activity", "a")}
    ),
    cell AS MATERIALIZED (
      SELECT d.day, m.id, rank() OVER (PARTITION BY d.day ORDER BY m.s = d.day DESC, m.s, m.e DESC) AS r
      FROM (SELECT generate_series(${from}::date, ${to}::date, interval '1 day')::date AS day) d
      JOIN m ON m."onDays" AND m.s <= d.day AND m.e >= d.day
    ),
    shown AS (
      SELECT id FROM cell WHERE r <= ${DAY_LIMIT} OR day = ${day}::date
      UNION
      SELECT id FROM (SELECT m.id, rank() OVER (PARTITION BY m."onDays" ORDER BY m.s, m.e DESC) AS r FROM m) x
      WHERE x.r <= COALESCE(${listMax}::int, x.r)
    )
    SELECT a.id, a.title, a.lang, a.translations, a.kind::text AS kind, a.status::text AS status,
      a."plannedStart", a."plannedEnd", a."actualStart", a."actualEnd", a."datePrecision"::text AS "datePrecision",
      a.city, a."countryCode",
      (SELECT json_object_agg(to_char(day, 'YYYY-MM-DD'), n) FROM (SELECT day, COUNT(*)::int AS n FROM cell GROUP BY day) c) AS "dayCounts",
      (SELECT COUNT(*)::int FROM m WHERE m."onDays") AS "listTotal",
      (SELECT COUNT(*)::int FROM m WHERE NOT m."onDays") AS "monthOnlyTotal"
    FROM "Activity" a
    -- An array, not a join: the planner cannot estimate the days' series and,
    -- joining, read the whole table for the hundred or so rows shown.
    WHERE a.id = ANY (ARRAY(SELECT id FROM shown))`;
  // The counts are the same on every row; no row means an empty month.
  const [head] = rows;
  const counts: CalendarCounts = { days: head?.dayCounts ?? {}, list: head?.listTotal ?? 0, monthOnly: head?.monthOnlyTotal ?? 0 };
  return { activities: rows.map(({ dayCounts: _d, listTotal: _l, monthOnlyTotal: _m, ...a }) => a), counts };
}

/**
 * The month nearest to `month` that has an activity to show on the calendar
 * (its start, actual else planned, known to the day or the month), or null
 * when the scope has none. For an empty month the calendar offers a jump
 * there (issue 14, item 20: the demo's events are from 2019-2022). Ties go
 * to the earlier month.
 */
export async function nearestActivityMonth(scope: Scope, month: Month): Promise<Month | null> {
  const { first, last } = monthRange(month);
  const shown = { AND: [inScope(scope, "activity"), { archivedAt: null, datePrecision: { not: "YEAR" as const } }] };
  const [before, after] = await Promise.all([
    prisma.activity.findFirst({ where: { AND: [shown, { startsOn: { lt: first } }] }, orderBy: { startsOn: "desc" }, select: { startsOn: true } }),
    prisma.activity.findFirst({ where: { AND: [shown, { startsOn: { gt: last } }] }, orderBy: { startsOn: "asc" }, select: { startsOn: true } }),
  ]);
  const toMonth = (d: Date): Month => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
  const distance = (d: Date) => Math.abs((d.getUTCFullYear() - month.year) * 12 + (d.getUTCMonth() + 1 - month.month));
  const b = before?.startsOn ?? null;
  const a = after?.startsOn ?? null;
  if (b && (!a || distance(b) <= distance(a))) return toMonth(b);
  return a ? toMonth(a) : null;
}
