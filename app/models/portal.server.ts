import { Prisma } from "@prisma/client";
import { programmeChildWhere, programmeScopeSql, programmeWhere, type Scope } from "~/auth/scope.server";
import { partnerFiguresRowSql, partnerOwnsProgrammeSql, partnerRecordProbeSql } from "~/auth/scope-probe.server";
import { prisma } from "~/utils/db.server";
import { notFoundError } from "~/utils/errors.server";
import { EFFECTIVE_STATUS_SELECT, startOfToday, withEffectiveStatus } from "./agreement.server";
import { type ProgrammeFacts, withProgrammeFacts } from "./programme.server";
import { documentWhere } from "./document.server";
import { outcomeScopeWhere } from "./outcome.server";
import { overdueFollowUpAction } from "./follow-up-rules.server";
import { openDeliverable, overdueDeliverable } from "./deliverable-rules.server";
import { deliverablesVisibleTo } from "./deliverable.server";
import { participantSumsSql, participantsCountedSql } from "./activity.server";

// The partner progress portal: what a partner ministry sees of the programmes
// with its countries. Every read goes through the scope (programmeWhere /
// programmeChildWhere / documentWhere), so a record of another country, an
// archived record or a document not marked shareable is simply not found.
// The portal shows names, never e-mail addresses of staff or other partners.

// ---------------------------------------------------------------------------
// Home: the partner's programmes

const cardSelect = {
  id: true,
  code: true,
  title: true,
  lang: true,
  translations: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  countries: { select: { country: { select: { code: true, nameEn: true, nameRu: true } } }, orderBy: { countryCode: "asc" } },
  organisations: {
    where: { role: "FUNDING" },
    select: { organisation: { select: { shortName: true } } },
    orderBy: { organisation: { shortName: "asc" } },
  },
} satisfies Prisma.ProgrammeSelect;

export type PortalProgrammeCard = Prisma.ProgrammeGetPayload<{ select: typeof cardSelect }> & {
  facts: ProgrammeFacts;
  activities: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  outcomesToAcknowledge: number;
};

/** How many programme cards the portal home shows at a time; the rest are on the next pages. */
export const PORTAL_PROGRAMMES_PER_PAGE = 12;

/**
 * The programmes of the scope, newest first, each with its counts (all
 * computed by the database, for these programmes only). With `page`, one page
 * of `perPage` cards: the home's database work then follows what it shows,
 * not how many programmes the partner's countries have. The number of pages
 * comes from portfolioSummary's `programmes`, which counts the same rows.
 */
export async function listPortalProgrammes(
  scope: Scope,
  now = new Date(),
  window?: { page: number; perPage: number },
): Promise<PortalProgrammeCard[]> {
  const today = startOfToday(now);
  const programmes = await prisma.programme.findMany({
    where: { AND: [programmeWhere(scope), { archivedAt: null }] },
    select: cardSelect,
    // Newest first: a programme not yet scheduled (no planned start: one just
    // agreed or being prepared) leads, latest recorded first, then the others
    // by planned start, latest first. With the cards paged, a programme just
    // added is on the first page, not after every dated one. The id settles
    // ties, so that pages neither repeat nor skip a programme.
    orderBy: [{ plannedStart: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { title: "asc" }, { id: "asc" }],
    ...(window ? { skip: (window.page - 1) * window.perPage, take: window.perPage } : {}),
  });
  const ids = programmes.map((p) => p.id);
  if (ids.length === 0) return [];
  // Every card's counts in one statement, for the shown programmes only. The
  // counts that do not depend on the day come from the summary rows
  // ("ProgrammeFigures", ADR 0023: per programme and set of countries the
  // records name), added up by the partner rule as portfolioSummary adds them:
  // every row of a programme with no country outside the partner's, else the
  // rows naming one of its countries or none. Live, with the scope's rule in
  // its two parts (app/auth/scope-probe.server.ts: the programme decided once,
  // a record of a shared programme probed on its own through the link tables'
  // indexes): the overdue deliverables, and the outcomes already acknowledged
  // (those to acknowledge are the others; checked on the activities that have
  // any, not on every activity). tests/db/scope-probe.test.ts compares every
  // count with programmeChildWhere's.
  const rows = await prisma.$queryRaw<(Omit<PortalProgrammeCard, keyof Prisma.ProgrammeGetPayload<{ select: typeof cardSelect }>> & { id: string })[]>`
    WITH sp AS MATERIALIZED (
      SELECT p.id, ${partnerOwnsProgrammeSql(scope, "p")} AS own FROM "Programme" p
      WHERE p.id IN (${Prisma.join(ids)}) AND p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}
    ),
    acknowledged AS MATERIALIZED (
      SELECT a.id, a."programmeId", a."countryCode", sp.own, COUNT(*) AS n
      FROM sp JOIN "Activity" a ON a."programmeId" = sp.id AND a."archivedAt" IS NULL
        JOIN "Outcome" o ON o."activityId" = a.id AND o."archivedAt" IS NULL AND o."acknowledgedAt" IS NOT NULL
      GROUP BY a.id, sp.own
    )
    SELECT sp.id,
      COALESCE(f.activities, 0)::int AS activities,
      COALESCE(f.open, 0)::int AS "deliverablesOpen",
      (SELECT COUNT(*) FROM "Deliverable" d
        WHERE d."programmeId" = sp.id AND ${overdueDeliverable.sql("d", today)} AND d."archivedAt" IS NULL
          AND (sp.own OR ${partnerRecordProbeSql(scope, "deliverable", "d")}))::int AS "deliverablesOverdue",
      COALESCE(f.outcomes, 0)::int AS outcomes,
      (COALESCE(f.outcomes, 0) - (SELECT COALESCE(SUM(a.n), 0) FROM acknowledged a
        WHERE a."programmeId" = sp.id AND (a.own OR ${partnerRecordProbeSql(scope, "activity", "a")})))::int AS "outcomesToAcknowledge"
    FROM sp LEFT JOIN (
      SELECT f."programmeId", SUM(f.activities) AS activities, SUM(f."deliverablesOpen") AS open, SUM(f.outcomes) AS outcomes
      FROM sp JOIN "ProgrammeFigures" f ON f."programmeId" = sp.id
      WHERE ${partnerFiguresRowSql(scope, "sp", "f")}
      GROUP BY 1
    ) f ON f."programmeId" = sp.id`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (await withProgrammeFacts(programmes)).map((p) => {
    const c = byId.get(p.id);
    return {
      ...p,
      activities: c?.activities ?? 0,
      deliverablesOpen: c?.deliverablesOpen ?? 0,
      deliverablesOverdue: c?.deliverablesOverdue ?? 0,
      outcomes: c?.outcomes ?? 0,
      outcomesToAcknowledge: c?.outcomesToAcknowledge ?? 0,
    };
  });
}

// ---------------------------------------------------------------------------
// Progress page of one programme

const programmeInclude = {
  countries: { include: { country: true }, orderBy: { countryCode: "asc" } },
  organisations: { include: { organisation: { select: { shortName: true, fullName: true } } }, orderBy: { role: "asc" } },
} satisfies Prisma.ProgrammeInclude;

/**
 * Which of one programme's live activities and deliverables the scope may
 * see, and its participants by year (participantsByYear's figures), in one
 * statement. The partner scope's conditions (ADR 0011: what each record
 * names) then run over this programme's rows only; written into each Prisma
 * query instead, they joined every activity of the portfolio and hashed whole
 * link tables (see "Query plans" in docs/performance.md). The records
 * themselves are then read by id.
 */
async function visibleRecords(scope: Scope, programmeId: string) {
  // The scope's rule in its two parts (app/auth/scope-probe.server.ts): the
  // programme is decided once (in the scope; no country outside the
  // partner's: then all its live records are the partner's), its records
  // otherwise row by row through the link tables' indexes. The statement
  // reads this programme's rows and their links only, whatever the size of
  // the portfolio.
  const [row] = await prisma.$queryRaw<{ agreements: string[]; activities: string[]; deliverables: string[]; participants: ParticipantsYear[] }[]>`
    WITH p AS MATERIALIZED (
      SELECT ${partnerOwnsProgrammeSql(scope, "p")} AS own FROM "Programme" p
      WHERE p.id = ${programmeId} AND p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}
    ),
    a AS MATERIALIZED (
      SELECT a.* FROM p CROSS JOIN "Activity" a
      WHERE a."programmeId" = ${programmeId} AND a."archivedAt" IS NULL AND (p.own OR ${partnerRecordProbeSql(scope, "activity", "a")})
    )
    SELECT
      ARRAY(
        SELECT g.id FROM p CROSS JOIN "Agreement" g
        WHERE g."programmeId" = ${programmeId} AND g."archivedAt" IS NULL AND (p.own OR ${partnerRecordProbeSql(scope, "agreement", "g")})
      ) AS agreements,
      ARRAY(SELECT a.id FROM a) AS activities,
      ARRAY(
        SELECT d.id FROM p CROSS JOIN "Deliverable" d
        WHERE d."programmeId" = ${programmeId} AND d."archivedAt" IS NULL AND (p.own OR ${partnerRecordProbeSql(scope, "deliverable", "d")})
      ) AS deliverables,
      -- The activities above are the scope's already: the counting rule applies to them as to staff's.
      (SELECT COALESCE(json_agg(y ORDER BY y."year" NULLS LAST), '[]'::json) FROM (${participantsByYearSql(Prisma.sql`a`, { kind: "staff" })}) y) AS participants`;
  return { agreements: row!.agreements, activities: row!.activities, deliverables: row!.deliverables, participants: row!.participants.map(participantsYear) };
}

/** A programme of the scope by its code, with what its progress page shows; null when outside the scope. */
export async function getPortalProgramme(scope: Scope, code: string, now = new Date()) {
  const programme = await prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code, archivedAt: null }] },
    include: programmeInclude,
  });
  if (!programme) return null;
  const today = startOfToday(now);
  const child = { programmeId: programme.id, archivedAt: null };
  // The other sections' statements do not wait for it.
  const visibleIds = visibleRecords(scope, programme.id);
  const [visible, agreements, activities, deliverables, outcomes, indicators, documents] = await Promise.all([
    visibleIds,
    visibleIds.then((visible) => prisma.agreement.findMany({
      where: { id: { in: visible.agreements } },
      orderBy: [{ signedOn: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: { id: true, type: true, title: true, lang: true, translations: true, signedOn: true, signedPrecision: true, ...EFFECTIVE_STATUS_SELECT },
    })).then((rows) => withEffectiveStatus(rows, today)),
    visibleIds.then((visible) => prisma.activity.findMany({
      where: { id: { in: visible.activities } },
      orderBy: [{ actualStart: { sort: "asc", nulls: "last" } }, { plannedStart: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: {
        id: true, title: true, lang: true, translations: true, kind: true, status: true, plannedStart: true, plannedEnd: true, actualStart: true, actualEnd: true,
        datePrecision: true, city: true, participantsTotal: true, participantsFemale: true, participantsMale: true, participantsOther: true,
        participantsNote: true, countryCode: true, country: { select: { nameEn: true } },
      },
    })),
    visibleIds.then((visible) => prisma.deliverable.findMany({
      where: { id: { in: visible.deliverables } },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: {
        id: true, title: true, lang: true, translations: true, status: true, dueDate: true, acknowledgedAt: true,
        responsibleOrg: { select: { shortName: true } },
        _count: { select: { comments: true } },
      },
    })),
    // An outcome is the scope's when it is live and its activity is (programmeChildWhere's rule for outcomes).
    visibleIds.then((visible) => prisma.outcome.findMany({
      where: { archivedAt: null, activityId: { in: visible.activities } },
      // By their activity's actual start (undated last), sorted below: ordered
      // by the database, Prisma joins Activity for the sort key and the
      // planner hashed the whole table for it.
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true, type: true, text: true, lang: true, translations: true, followUpStatus: true, dueDate: true, acknowledgedAt: true,
        activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, actualStart: true, plannedStart: true, datePrecision: true } },
        deliverable: { select: { id: true, title: true, lang: true, translations: true, status: true, archivedAt: true } },
        responsibleOrg: { select: { shortName: true } },
        _count: { select: { comments: true } },
        followUps: { where: overdueFollowUpAction.where(today), select: { id: true }, take: 1 },
      },
    })),
    prisma.indicator.findMany({
      where: { AND: [programmeChildWhere(scope, "indicator"), child] },
      orderBy: { title: "asc" },
      select: {
        id: true, title: true, description: true, lang: true, translations: true, resultType: true, measure: true, unitLabel: true, ascending: true,
        baselineValue: true, baselineYear: true, baselineComment: true,
        periods: { orderBy: { periodStart: "asc" } },
      },
    }),
    prisma.document.findMany({
      where: { AND: [documentWhere(scope), { programmeId: programme.id }] },
      orderBy: [{ documentDate: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, sizeBytes: true, documentDate: true },
    }),
  ]);
  return {
    programme: (await withProgrammeFacts([programme]))[0]!,
    agreements,
    activities,
    deliverables: deliverables.map((d) => ({ ...d, open: openDeliverable.test(d), overdue: overdueDeliverable.test(d, today) })),
    // A deliverable archived since is not shown; the outcome then has none.
    outcomes: byActivityStart(outcomes).map(({ followUps, ...o }) => ({
      ...o,
      deliverable: o.deliverable && !o.deliverable.archivedAt ? o.deliverable : null,
      // Flagged in the portal (issue 14, item 12): the same rule as the dashboard's panel.
      followUpOverdue: followUps.length > 0,
    })),
    indicators: indicators.map((i) => ({
      ...i,
      baselineValue: decimal(i.baselineValue),
      periods: i.periods.map((p) => ({
        id: p.id,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        targetValue: decimal(p.targetValue),
        actualValue: decimal(p.actualValue),
        targetComment: p.targetComment,
        actualComment: p.actualComment,
      })),
    })),
    documents,
    participants: visible.participants,
  };
}

/** Outcomes by their activity's actual start, undated last; a stable sort keeps their order (by creation, then id) within one start. */
function byActivityStart<O extends { activity: { actualStart: Date | null } }>(outcomes: O[]): O[] {
  const start = (o: O) => o.activity.actualStart?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...outcomes].sort((a, b) => start(a) - start(b));
}

/** Measures leave the server as exact decimal strings. */
const decimal = (v: Prisma.Decimal | null): string | null => (v === null ? null : v.toString());

export type PortalProgramme = NonNullable<Awaited<ReturnType<typeof getPortalProgramme>>>;

export type ParticipantsYear = { year: number | null; female: number; male: number; other: number; notRecorded: number; total: number; activities: number };

/**
 * Participants of the programme's activities as the one rule counts them
 * (participantsCountedSql), by sex and by year of their actual start (else
 * planned start; null when undated), summed by the database. "Not recorded" is
 * the part of a total that no sex figure accounts for. Empty when the
 * programme is outside the scope.
 */
export async function participantsByYear(scope: Scope, programmeId: string): Promise<ParticipantsYear[]> {
  const rows = await prisma.$queryRaw<ParticipantsYear[]>`${participantsByYearSql(Prisma.sql`(SELECT * FROM "Activity" WHERE "programmeId" = ${programmeId})`, scope)}`;
  return rows.map(participantsYear);
}

/** The by-year sums of the counted activities among `activities` (a table, or a subquery in parentheses). */
function participantsByYearSql(activities: Prisma.Sql, scope: Scope): Prisma.Sql {
  return Prisma.sql`
    SELECT CAST(EXTRACT(YEAR FROM COALESCE(a."actualStart", a."plannedStart")) AS integer) AS "year", ${participantSumsSql("a")}
    FROM ${activities} a
    WHERE ${participantsCountedSql(scope, "a")}
    GROUP BY 1
    ORDER BY 1 NULLS LAST`;
}

/** Sums may come back as bigint or JSON numbers: numbers for the page. */
function participantsYear(r: ParticipantsYear): ParticipantsYear {
  return {
    year: r.year === null ? null : Number(r.year),
    female: Number(r.female),
    male: Number(r.male),
    other: Number(r.other),
    notRecorded: Number(r.notRecorded),
    total: Number(r.total),
    activities: Number(r.activities),
  };
}

// ---------------------------------------------------------------------------
// One outcome / one deliverable, as a partner sees it

const commentSelect = {
  orderBy: { createdAt: "asc" },
  select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
} satisfies Prisma.Outcome$commentsArgs;

const outcomeSelect = {
  id: true,
  type: true,
  text: true,
  lang: true,
  translations: true,
  dueDate: true,
  followUpStatus: true,
  followUpNote: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { name: true } },
  responsibleOrg: { select: { shortName: true, fullName: true } },
  activity: {
    select: {
      id: true, title: true, lang: true, translations: true, kind: true, plannedStart: true, actualStart: true, datePrecision: true, city: true,
      country: { select: { code: true, nameEn: true } },
      programme: { select: { code: true, title: true, lang: true, translations: true } },
    },
  },
  deliverable: { select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, archivedAt: true } },
  comments: commentSelect,
  followUps: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true, description: true, dueDate: true, status: true,
      owner: { select: { shortName: true } },
      deliverable: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
    },
  },
} satisfies Prisma.OutcomeSelect;

export type PortalOutcome = Prisma.OutcomeGetPayload<{ select: typeof outcomeSelect }> & {
  documents: { id: string; title: string; originalName: string }[];
};

/** An outcome of the scope (not archived, nor its activity or programme), or null. */
export async function getPortalOutcome(scope: Scope, id: string): Promise<PortalOutcome | null> {
  const o = await prisma.outcome.findFirst({ where: { AND: [{ id }, outcomeScopeWhere(scope)] }, select: outcomeSelect });
  if (!o) return null;
  const documents = await prisma.document.findMany({
    where: { AND: [documentWhere(scope), { outcomeId: o.id }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, lang: true, translations: true, originalName: true },
  });
  // The deliverables it links to, only where the partner may open them: not
  // archived, and concerning its countries (ADR 0011); others are not named.
  const visible = await deliverablesVisibleTo(scope, [o.deliverable?.id, ...o.followUps.map((a) => a.deliverable?.id)]);
  const shown = <D extends { id: string }>(d: D | null) => (d && visible.has(d.id) ? d : null);
  return {
    ...o,
    deliverable: shown(o.deliverable),
    followUps: o.followUps.map((a) => ({ ...a, deliverable: shown(a.deliverable) })),
    documents,
  };
}

export async function requirePortalOutcome(scope: Scope, id: string): Promise<PortalOutcome> {
  const o = await getPortalOutcome(scope, id);
  if (!o) throw notFoundError("Outcome not found");
  return o;
}

const deliverableSelect = {
  id: true,
  title: true,
  description: true,
  lang: true,
  translations: true,
  dueDate: true,
  status: true,
  submittedAt: true,
  acceptedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { name: true } },
  responsibleOrg: { select: { shortName: true, fullName: true } },
  programme: { select: { code: true, title: true, lang: true, translations: true } },
  agreement: { select: { title: true, lang: true, translations: true, archivedAt: true } },
  activity: { select: { title: true, lang: true, translations: true, archivedAt: true } },
  outcomes: {
    where: { archivedAt: null, activity: { archivedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, type: true, text: true, lang: true, translations: true, followUpStatus: true, activity: { select: { title: true, lang: true, translations: true } } },
  },
  comments: commentSelect,
} satisfies Prisma.DeliverableSelect;

export type PortalDeliverable = Prisma.DeliverableGetPayload<{ select: typeof deliverableSelect }> & {
  overdue: boolean;
  documents: { id: string; title: string; originalName: string }[];
};

/** A deliverable of the scope (not archived, nor its programme), or null. */
export async function getPortalDeliverable(scope: Scope, id: string, now = new Date()): Promise<PortalDeliverable | null> {
  const d = await prisma.deliverable.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "deliverable"), { archivedAt: null }] }, select: deliverableSelect });
  if (!d) return null;
  const documents = await prisma.document.findMany({
    where: { AND: [documentWhere(scope), { OR: [{ deliverableId: d.id }, { evidenceFor: { id: d.id } }] }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, lang: true, translations: true, originalName: true },
  });
  return {
    ...d,
    agreement: d.agreement && !d.agreement.archivedAt ? d.agreement : null,
    activity: d.activity && !d.activity.archivedAt ? d.activity : null,
    overdue: overdueDeliverable.test(d, startOfToday(now)),
    documents,
  };
}

export async function requirePortalDeliverable(scope: Scope, id: string): Promise<PortalDeliverable> {
  const d = await getPortalDeliverable(scope, id);
  if (!d) throw notFoundError("Deliverable not found");
  return d;
}
