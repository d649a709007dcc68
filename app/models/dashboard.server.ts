import type { Prisma } from "@prisma/client";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";
import { expiringWhere } from "./agreement.server";
import { dueWhere } from "./deliverable.server";
import { FOLLOW_UP_MISSING, outcomeScopeWhere } from "./outcome.server";

// The staff dashboard: what needs attention and the month's activities.
// Counts and the short lists are computed by the database; each panel's
// definition matches the filtered list its count links to, so the number
// on the dashboard is the number of rows the user finds there.
//
// "Today" is the UTC calendar day, the way calendar dates are stored.

const DAY = 86_400_000;

export function utcToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

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
    expiring: "/agreements?expiring=90",
    outcomesWithoutFollowUp: "/outcomes?followUp=missing",
    activitiesThisMonth: `/activities?from=${iso(first)}&to=${iso(last)}`,
  };
}

const OPEN_DELIVERABLE: Prisma.DeliverableWhereInput = { archivedAt: null, status: { in: ["NOT_STARTED", "IN_PROGRESS"] } };

/** Activities whose start (the actual start, or else the planned start) falls within [from, to]. */
export function activityStartsWithin(from: Date, to: Date): Prisma.ActivityWhereInput {
  return {
    OR: [
      { actualStart: { gte: from, lte: to } },
      { actualStart: null, plannedStart: { gte: from, lte: to } },
    ],
  };
}

const deliverableItem = {
  id: true,
  title: true,
  dueDate: true,
  status: true,
  programme: { select: { code: true, title: true } },
  responsibleOrg: { select: { shortName: true } },
} satisfies Prisma.DeliverableSelect;

const activityItem = {
  id: true,
  title: true,
  kind: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  datePrecision: true,
  city: true,
  country: { select: { nameEn: true } },
  programme: { select: { code: true, title: true } },
} satisfies Prisma.ActivitySelect;

export type DashboardActivity = Prisma.ActivityGetPayload<{ select: typeof activityItem }>;

/** The "needs attention" panels: a count and up to five items each. */
export async function needsAttention(scope: Scope, now = new Date(), take = 5) {
  const today = utcToday(now);
  const inScope = programmeChildWhere(scope);
  // The same definitions as the lists the counts link to, so they always agree.
  const overdue: Prisma.DeliverableWhereInput = { AND: [inScope, OPEN_DELIVERABLE, dueWhere("overdue", today)!] };
  const dueSoon: Prisma.DeliverableWhereInput = { AND: [inScope, OPEN_DELIVERABLE, dueWhere("next30", today)!] };
  const expiring: Prisma.AgreementWhereInput = { AND: [inScope, expiringWhere(90, today)] };
  const outcomes: Prisma.OutcomeWhereInput = { AND: [outcomeScopeWhere(scope), { archivedAt: null }, FOLLOW_UP_MISSING] };
  const { first, last } = monthRange(parseMonth(null, now));
  const thisMonth: Prisma.ActivityWhereInput = { AND: [inScope, { archivedAt: null }, activityStartsWithin(first, last)] };

  const [
    overdueCount, overdueItems, dueSoonCount, dueSoonItems, expiringCount, expiringItems,
    outcomeCount, outcomeItems, monthCount, monthActual, monthPlanned,
  ] = await Promise.all([
    prisma.deliverable.count({ where: overdue }),
    prisma.deliverable.findMany({ where: overdue, select: deliverableItem, orderBy: [{ dueDate: "asc" }, { title: "asc" }], take }),
    prisma.deliverable.count({ where: dueSoon }),
    prisma.deliverable.findMany({ where: dueSoon, select: deliverableItem, orderBy: [{ dueDate: "asc" }, { title: "asc" }], take }),
    prisma.agreement.count({ where: expiring }),
    prisma.agreement.findMany({
      where: expiring,
      select: { id: true, title: true, type: true, expiresOn: true, programme: { select: { code: true, title: true } } },
      orderBy: [{ expiresOn: "asc" }, { title: "asc" }],
      take,
    }),
    prisma.outcome.count({ where: outcomes }),
    prisma.outcome.findMany({
      where: outcomes,
      select: { id: true, text: true, type: true, dueDate: true, createdAt: true, activity: { select: { id: true, title: true } } },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take,
    }),
    prisma.activity.count({ where: thisMonth }),
    // The first few by start date: those with an actual start and those with
    // only a planned one, merged (at most 2 × take rows).
    prisma.activity.findMany({ where: { AND: [thisMonth, { actualStart: { not: null } }] }, select: activityItem, orderBy: [{ actualStart: "asc" }, { title: "asc" }], take }),
    prisma.activity.findMany({ where: { AND: [thisMonth, { actualStart: null }] }, select: activityItem, orderBy: [{ plannedStart: "asc" }, { title: "asc" }], take }),
  ]);
  const startOf = (a: DashboardActivity) => (a.actualStart ?? a.plannedStart)!.getTime();
  const monthItems = [...monthActual, ...monthPlanned].sort((a, b) => startOf(a) - startOf(b) || a.title.localeCompare(b.title)).slice(0, take);
  return {
    today,
    links: attentionLinks(now),
    overdue: { count: overdueCount, items: overdueItems },
    dueSoon: { count: dueSoonCount, items: dueSoonItems },
    expiring: { count: expiringCount, items: expiringItems },
    outcomesWithoutFollowUp: { count: outcomeCount, items: outcomeItems },
    activitiesThisMonth: { count: monthCount, items: monthItems },
  };
}

/**
 * Activities active at some point of a month, for the calendar: an activity
 * runs from its start (actual, else planned) to its end (actual, else
 * planned, else the start day). Activities whose dates are known only to the
 * year are left out (they have no place on a day); those known to the month
 * come back too, and the calendar lists them apart.
 */
export async function monthActivities(scope: Scope, month: Month, limit = 500): Promise<DashboardActivity[]> {
  const { first, last } = monthRange(month);
  const startsBy: Prisma.ActivityWhereInput = {
    OR: [{ actualStart: { lte: last } }, { actualStart: null, plannedStart: { lte: last } }],
  };
  const endsFrom: Prisma.ActivityWhereInput = {
    OR: [
      { actualEnd: { gte: first } },
      { actualEnd: null, plannedEnd: { gte: first } },
      // No end, or an end before a later actual start: the start decides.
      { actualStart: { gte: first } },
      { actualStart: null, plannedStart: { gte: first } },
    ],
  };
  return prisma.activity.findMany({
    where: { AND: [programmeChildWhere(scope), { archivedAt: null, datePrecision: { not: "YEAR" } }, startsBy, endsFrom] },
    select: activityItem,
    orderBy: [{ actualStart: "asc" }, { plannedStart: "asc" }, { title: "asc" }],
    take: limit,
  });
}
