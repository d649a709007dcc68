import { Prisma } from "@prisma/client";
import { programmeScopeSql, programmeWhere, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";
import { EFFECTIVE_STATUS_SELECT, startOfToday, withEffectiveStatus } from "./agreement.server";

const listSelect = {
  id: true,
  code: true,
  title: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  lang: true,
  translations: true,
  countries: { select: { country: { select: { code: true, nameEn: true } } }, orderBy: { countryCode: "asc" } },
  organisations: {
    select: { role: true, organisation: { select: { id: true, shortName: true } } },
    orderBy: { role: "asc" },
  },
  _count: { select: { agreements: true, activities: true, deliverables: true } },
} satisfies Prisma.ProgrammeSelect;

export type ProgrammeListItem = Prisma.ProgrammeGetPayload<{ select: typeof listSelect }>;

/** Live programmes, latest start first; `take` limits them (a dashboard shows the latest few). */
export async function listProgrammes(scope: Scope, take?: number): Promise<ProgrammeListItem[]> {
  return prisma.programme.findMany({
    where: { ...programmeWhere(scope), archivedAt: null },
    select: listSelect,
    // Undated programmes last: "the latest few" are the latest that have a start.
    orderBy: [{ plannedStart: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    ...(take ? { take } : {}),
  });
}

/** How many records of each section a programme page shows; the rest are a link away. */
export const SECTION_LIMIT = 20;

const detailInclude = {
  countries: { include: { country: true }, orderBy: { countryCode: "asc" } },
  organisations: { include: { organisation: true }, orderBy: { role: "asc" } },
  sectors: { orderBy: { percentage: "desc" } },
  indicators: {
    orderBy: { title: "asc" },
    include: { periods: { orderBy: { periodStart: "asc" } } },
  },
  documents: {
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, shareable: true, archivedAt: true, createdAt: true },
  },
} satisfies Prisma.ProgrammeInclude;

export type ProgrammeDetail = Prisma.ProgrammeGetPayload<{ include: typeof detailInclude }>;

/** A programme by its code with its header facts, or null when it does not exist or is outside the scope. */
export async function getProgramme(scope: Scope, code: string): Promise<ProgrammeDetail | null> {
  const programme = await prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    include: detailInclude,
  });
  if (programme && scope.kind !== "staff") {
    // Partners and donors see nothing archived, and only documents marked shareable.
    programme.indicators = programme.indicators.filter((i) => !i.archivedAt);
    programme.documents = programme.documents.filter((d) => !d.archivedAt && d.shareable);
  }
  return programme;
}

export async function requireProgramme(scope: Scope, code: string): Promise<ProgrammeDetail> {
  const programme = await getProgramme(scope, code);
  if (!programme) throw new Response("Programme not found", { status: 404 });
  return programme;
}

export type ProgrammeCounts = {
  agreements: number;
  activities: number;
  participants: number;
  deliverables: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  outcomesFollowedUp: number;
};

/**
 * A programme's figures in one statement, over its live (not archived)
 * records: participants are the activities' headline totals; a deliverable
 * is overdue when open and due before today; an outcome is followed up when
 * its follow-up has started or a deliverable carries it out. Staff count
 * the outcomes of archived activities too (they see them on the activity).
 */
export async function programmeCounts(scope: Scope, programmeId: string, now = new Date()): Promise<ProgrammeCounts> {
  const today = startOfToday(now).toISOString().slice(0, 10);
  const liveActivity = scope.kind === "staff" ? Prisma.empty : Prisma.sql`AND a."archivedAt" IS NULL`;
  const [row] = await prisma.$queryRaw<ProgrammeCounts[]>`
    SELECT
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE x."programmeId" = ${programmeId} AND x."archivedAt" IS NULL) AS agreements,
      act.n AS activities,
      act.participants AS participants,
      del.n AS deliverables,
      del.open AS "deliverablesOpen",
      del.overdue AS "deliverablesOverdue",
      out.n AS outcomes,
      out.followed AS "outcomesFollowedUp"
    FROM
      (SELECT COUNT(*)::int AS n, COALESCE(SUM(a."participantsTotal"), 0)::int AS participants
         FROM "Activity" a WHERE a."programmeId" = ${programmeId} AND a."archivedAt" IS NULL) act,
      (SELECT COUNT(*)::int AS n,
              (COUNT(*) FILTER (WHERE d.status IN ('NOT_STARTED', 'IN_PROGRESS')))::int AS open,
              (COUNT(*) FILTER (WHERE d.status IN ('NOT_STARTED', 'IN_PROGRESS') AND d."dueDate" < ${today}::date))::int AS overdue
         FROM "Deliverable" d WHERE d."programmeId" = ${programmeId} AND d."archivedAt" IS NULL) del,
      (SELECT COUNT(*)::int AS n,
              (COUNT(*) FILTER (WHERE o."followUpStatus" IN ('DONE', 'IN_PROGRESS') OR o."deliverableId" IS NOT NULL))::int AS followed
         FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId"
         WHERE a."programmeId" = ${programmeId} AND o."archivedAt" IS NULL ${liveActivity}) out`;
  return row!;
}

const OPEN_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const;

/**
 * The first SECTION_LIMIT live records of each section of a programme page:
 * agreements by signature date; the latest activities (by start, undated
 * last), returned in timeline order; open deliverables by due date, then
 * the latest closed ones; outcomes of the latest activities first.
 */
export async function programmeSections(scope: Scope, programmeId: string, take = SECTION_LIMIT) {
  const outcomeWhere: Prisma.OutcomeWhereInput = {
    archivedAt: null,
    activity: { programmeId, ...(scope.kind === "staff" ? {} : { archivedAt: null }) },
  };
  const deliverableInclude = { responsibleOrg: { select: { shortName: true } } } satisfies Prisma.DeliverableInclude;
  const [storedAgreements, latestActivities, openDeliverables, closedDeliverables, outcomes] = await Promise.all([
    prisma.agreement.findMany({
      where: { programmeId, archivedAt: null },
      orderBy: [{ signedOn: "asc" }, { title: "asc" }, { id: "asc" }],
      include: { parties: { include: { organisation: { select: { shortName: true } } } }, amendments: EFFECTIVE_STATUS_SELECT.amendments },
      take,
    }),
    prisma.activity.findMany({
      where: { programmeId, archivedAt: null },
      orderBy: [{ startsOn: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
      include: { country: { select: { nameEn: true } } },
      take,
    }),
    prisma.deliverable.findMany({
      where: { programmeId, archivedAt: null, status: { in: [...OPEN_STATUSES] } },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
      include: deliverableInclude,
      take,
    }),
    prisma.deliverable.findMany({
      where: { programmeId, archivedAt: null, status: { notIn: [...OPEN_STATUSES] } },
      orderBy: [{ dueDate: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
      include: deliverableInclude,
      take,
    }),
    prisma.outcome.findMany({
      where: outcomeWhere,
      orderBy: [{ activity: { startsOn: { sort: "desc", nulls: "last" } } }, { createdAt: "asc" }, { id: "asc" }],
      take,
      select: {
        id: true,
        type: true,
        text: true,
        lang: true,
        translations: true,
        followUpStatus: true,
        dueDate: true,
        activity: { select: { id: true, title: true, lang: true, translations: true } },
        deliverable: { select: { id: true, title: true, lang: true, translations: true, status: true } },
        responsibleOrg: { select: { shortName: true } },
      },
    }),
  ]);
  // The timeline reads oldest to newest (undated last).
  const activities = [...latestActivities].sort((a, b) => {
    const x = a.startsOn?.getTime() ?? Infinity;
    const y = b.startsOn?.getTime() ?? Infinity;
    return x - y || a.title.localeCompare(b.title);
  });
  const agreements = withEffectiveStatus(storedAgreements, startOfToday());
  return { agreements, activities, deliverables: [...openDeliverables, ...closedDeliverables].slice(0, take), outcomes };
}

/** Funding of a programme summed by kind and currency, by the database. */
export async function programmeFundingTotals(programmeId: string) {
  const rows = await prisma.fundingLine.groupBy({
    by: ["kind", "currency"],
    where: { programmeId, archivedAt: null },
    _sum: { amount: true },
    _count: { _all: true },
    orderBy: [{ kind: "asc" }, { currency: "asc" }],
  });
  return rows.map((r) => ({ kind: r.kind, currency: r.currency, amount: r._sum.amount?.toString() ?? "0", lines: r._count._all }));
}

export type PortfolioSummary = {
  programmes: number;
  agreements: number;
  activities: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  participants: number;
};

/**
 * Counts for a home page, computed by the database for the user's scope in
 * one statement (the definitions are the lists': live records of live
 * programmes in scope; overdue means open and due before today).
 */
export async function portfolioSummary(scope: Scope, now = new Date()): Promise<PortfolioSummary> {
  // Due dates are calendar dates: "overdue" means due before today, as in the deliverables list.
  const today = startOfToday(now);
  const [row] = await prisma.$queryRaw<PortfolioSummary[]>`
    WITH p AS (SELECT p.id FROM "Programme" p WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}),
    a AS (SELECT x.id, x."participantsTotal" FROM "Activity" x WHERE x."archivedAt" IS NULL AND x."programmeId" IN (SELECT id FROM p))
    SELECT
      (SELECT COUNT(*)::int FROM p) AS programmes,
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE x."archivedAt" IS NULL AND x."programmeId" IN (SELECT id FROM p)) AS agreements,
      (SELECT COUNT(*)::int FROM a) AS activities,
      d.open AS "deliverablesOpen",
      d.overdue AS "deliverablesOverdue",
      (SELECT COUNT(*)::int FROM "Outcome" o WHERE o."archivedAt" IS NULL AND o."activityId" IN (SELECT id FROM a)) AS outcomes,
      (SELECT COALESCE(SUM(a."participantsTotal"), 0)::int FROM a) AS participants
    FROM (
      SELECT COUNT(*)::int AS open, (COUNT(*) FILTER (WHERE x."dueDate" < ${today.toISOString().slice(0, 10)}::date))::int AS overdue
      FROM "Deliverable" x
      WHERE x."archivedAt" IS NULL AND x.status IN ('NOT_STARTED', 'IN_PROGRESS') AND x."programmeId" IN (SELECT id FROM p)
    ) d`;
  return row!;
}
