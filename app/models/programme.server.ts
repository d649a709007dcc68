import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeChildWhere, programmeScopeSql, programmeWhere, type ChildKind, type Scope } from "~/auth/scope.server";
import { partnerFiguresRowSql, partnerOwnsProgrammeSql, partnerRecordProbeSql } from "~/auth/scope-probe.server";
import { participantSumsSql, participantsCountedSql } from "./activity.server";
import { documentWhere } from "./document.server";
import { prisma } from "~/utils/db.server";
import { sqlAlias } from "~/utils/sql.server";
import { notFoundError } from "~/utils/errors.server";
import { EFFECTIVE_STATUS_SELECT, startOfToday, withEffectiveStatus } from "./agreement.server";
import { expiringAgreement } from "./agreement-rules.server";
import { openDeliverable, overdueDeliverable } from "./deliverable-rules.server";
import { followedUpOutcome } from "./follow-up-rules.server";

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
} satisfies Prisma.ProgrammeSelect;

export type ProgrammeRecordCounts = { agreements: number; activities: number; deliverables: number };

export type ProgrammeListItem = Prisma.ProgrammeGetPayload<{ select: typeof listSelect }> & { facts: ProgrammeFacts; _count: ProgrammeRecordCounts };

/**
 * Live programmes, latest start first; `take` limits them (a dashboard shows
 * the latest few). One statement with their countries, organisations and
 * record counts (Prisma loaded each relation in a statement of its own, and
 * each related table's names in another: six statements for ten rows), then
 * the facts of those that lack dates or a budget.
 */
export async function listProgrammes(scope: Scope, take?: number): Promise<ProgrammeListItem[]> {
  type Row = Omit<ProgrammeListItem, "facts" | "_count"> & ProgrammeRecordCounts;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT p.id, p.code, p.title, p.status::text AS status, p."plannedStart", p."plannedEnd", p."actualStart", p."actualEnd",
      p."budgetAmount", p."budgetCurrency", p.lang, p.translations,
      COALESCE((SELECT json_agg(json_build_object('country', json_build_object('code', c.code, 'nameEn', c."nameEn")) ORDER BY pc."countryCode")
        FROM "ProgrammeCountry" pc JOIN "Country" c ON c.code = pc."countryCode" WHERE pc."programmeId" = p.id), '[]') AS countries,
      COALESCE((SELECT json_agg(json_build_object('role', po.role, 'organisation', json_build_object('id', o.id, 'shortName', o."shortName")) ORDER BY po.role, o."shortName")
        FROM "ProgrammeOrganisation" po JOIN "Organisation" o ON o.id = po."organisationId" WHERE po."programmeId" = p.id), '[]') AS organisations,
      ${recordCountsSql("p")}
    FROM "Programme" p
    WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}
    -- Undated programmes last: "the latest few" are the latest that have a start.
    ORDER BY p."plannedStart" DESC NULLS LAST, p.title ASC, p.id ASC
    ${take ? Prisma.sql`LIMIT ${take}` : Prisma.empty}`;
  const withFacts = await withProgrammeFacts(rows.map((r) => ({ ...r, budgetAmount: r.budgetAmount === null ? null : new Prisma.Decimal(r.budgetAmount) })));
  return withFacts.map(({ agreements, activities, deliverables, ...r }) => ({ ...r, _count: { agreements, activities, deliverables } }));
}

/** The record counts programmeRecordCounts gives, as columns of the programme aliased `alias`. */
function recordCountsSql(alias: string): Prisma.Sql {
  const p = sqlAlias(alias);
  return Prisma.sql`(SELECT COUNT(*)::int FROM "Agreement" x WHERE x."programmeId" = ${p}.id) AS agreements,
      (SELECT COUNT(*)::int FROM "Activity" x WHERE x."programmeId" = ${p}.id) AS activities,
      (SELECT COUNT(*)::int FROM "Deliverable" x WHERE x."programmeId" = ${p}.id) AS deliverables`;
}

/**
 * How many agreements, activities and deliverables each programme holds
 * (archived ones included, as the programme list has always counted), for
 * the listed programmes only: one statement of index-only counts per
 * programme. (Prisma's relation `_count` groups the whole child tables
 * before it joins them to the few programmes shown.)
 */
export async function programmeRecordCounts(programmeIds: string[]): Promise<Map<string, ProgrammeRecordCounts>> {
  if (programmeIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<({ id: string } & ProgrammeRecordCounts)[]>`
    SELECT p.id, ${recordCountsSql("p")}
    FROM "Programme" p WHERE p.id IN (${Prisma.join(programmeIds)})`;
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

// ---------------------------------------------------------------------------
// A programme's dates and budget as shown everywhere (issue 14, item 20): the
// stored ones, else what its records say. Dates missing from the programme
// come from the span of its records (recordSpans, the same span a report's
// default period uses); a budget missing from it is the sum of its BUDGET
// funding lines per currency, else of its commitments. The flags let every
// page say where a figure comes from.

export type ProgrammeFacts = {
  start: Date | null;
  end: Date | null;
  datesFromRecords: boolean;
  budgets: { amount: string; currency: string }[];
  budgetFromFunding: boolean;
};

type FactsInput = {
  id: string;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  budgetAmount: Prisma.Decimal | null;
  budgetCurrency: string | null;
};

const BUDGET_KINDS = ["BUDGET"] as const;
const COMMITMENT_KINDS = ["COMMITMENT", "INCOMING_COMMITMENT"] as const;

/**
 * The earliest and latest date among a programme's live records (issue 14,
 * item 10): agreements (signed, effective, expiry), activities (planned and
 * actual start and end), deliverables and outcomes (due), funding (value,
 * transaction and period dates) and indicator periods. Programmes without a
 * dated record are absent. Read from the summary rows the database keeps at
 * each write's commit ("ProgrammeRecordSpan", ADR 0027): one primary-key
 * lookup per programme asked, where the live form read six tables.
 */
export async function recordSpans(programmeIds: string[]): Promise<Map<string, { from: Date; to: Date }>> {
  if (programmeIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ id: string; from: Date; to: Date }[]>`
    SELECT s."programmeId" AS id, s."from", s."to" FROM "ProgrammeRecordSpan" s
    WHERE s."programmeId" IN (${Prisma.join(programmeIds)})`;
  return new Map(rows.map((r) => [r.id, { from: r.from, to: r.to }]));
}

/**
 * recordSpans counted live from the base tables: the definition the summary
 * rows keep (tests/db/summary-rows.test.ts compares the two).
 */
export async function recordSpansRecount(programmeIds: string[]): Promise<Map<string, { from: Date; to: Date }>> {
  if (programmeIds.length === 0) return new Map();
  const ids = Prisma.join(programmeIds);
  const rows = await prisma.$queryRaw<{ id: string; from: Date; to: Date }[]>`
    SELECT x.pid AS id, MIN(x.d) AS "from", MAX(x.d) AS "to" FROM (
      SELECT a."programmeId" AS pid, UNNEST(ARRAY[a."signedOn", a."effectiveOn", a."expiresOn"]) AS d
        FROM "Agreement" a WHERE a."programmeId" IN (${ids}) AND a."archivedAt" IS NULL
      UNION ALL
      SELECT a."programmeId", UNNEST(ARRAY[a."plannedStart", a."plannedEnd", a."actualStart", a."actualEnd"])
        FROM "Activity" a WHERE a."programmeId" IN (${ids}) AND a."archivedAt" IS NULL
      UNION ALL
      SELECT d."programmeId", d."dueDate" FROM "Deliverable" d WHERE d."programmeId" IN (${ids}) AND d."archivedAt" IS NULL
      UNION ALL
      SELECT a."programmeId", o."dueDate" FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId"
        WHERE a."programmeId" IN (${ids}) AND a."archivedAt" IS NULL AND o."archivedAt" IS NULL
      UNION ALL
      SELECT f."programmeId", UNNEST(ARRAY[f."valueDate", f."transactionDate", f."periodStart", f."periodEnd"])
        FROM "FundingLine" f WHERE f."programmeId" IN (${ids}) AND f."archivedAt" IS NULL
      UNION ALL
      SELECT i."programmeId", UNNEST(ARRAY[ip."periodStart", ip."periodEnd"])
        FROM "IndicatorPeriod" ip JOIN "Indicator" i ON i.id = ip."indicatorId"
        WHERE i."programmeId" IN (${ids}) AND i."archivedAt" IS NULL
    ) x WHERE x.d IS NOT NULL GROUP BY x.pid`;
  return new Map(rows.map((r) => [r.id, { from: r.from, to: r.to }]));
}

/** Each programme's facts, in two statements whatever their number. */
export async function programmeFacts(programmes: FactsInput[]): Promise<Map<string, ProgrammeFacts>> {
  const undated = programmes.filter((p) => !(p.actualStart ?? p.plannedStart) || !(p.actualEnd ?? p.plannedEnd)).map((p) => p.id);
  const unbudgeted = programmes.filter((p) => p.budgetAmount === null || !p.budgetCurrency).map((p) => p.id);
  const [spans, sums] = await Promise.all([
    recordSpans(undated),
    unbudgeted.length
      ? prisma.fundingLine.groupBy({
          by: ["programmeId", "kind", "currency"],
          where: { programmeId: { in: unbudgeted }, archivedAt: null, kind: { in: [...BUDGET_KINDS, ...COMMITMENT_KINDS] } },
          _sum: { amount: true },
          orderBy: [{ programmeId: "asc" }, { currency: "asc" }],
        })
      : Promise.resolve([]),
  ]);
  const facts = new Map<string, ProgrammeFacts>();
  for (const p of programmes) {
    const storedStart = p.actualStart ?? p.plannedStart;
    const storedEnd = p.actualEnd ?? p.plannedEnd;
    const span = spans.get(p.id);
    const start = storedStart ?? span?.from ?? null;
    const end = storedEnd ?? span?.to ?? null;
    let budgets: ProgrammeFacts["budgets"] = [];
    let budgetFromFunding = false;
    if (p.budgetAmount !== null && p.budgetCurrency) {
      budgets = [{ amount: p.budgetAmount.toString(), currency: p.budgetCurrency }];
    } else {
      const mine = sums.filter((r) => r.programmeId === p.id);
      const pick = (kinds: readonly string[]) => {
        const byCurrency = new Map<string, Prisma.Decimal>();
        for (const r of mine.filter((x) => kinds.includes(x.kind))) {
          byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? new Prisma.Decimal(0)).add(r._sum.amount ?? 0));
        }
        return [...byCurrency].map(([currency, amount]) => ({ amount: amount.toFixed(2), currency }));
      };
      budgets = pick(BUDGET_KINDS);
      if (budgets.length === 0) budgets = pick(COMMITMENT_KINDS);
      budgetFromFunding = budgets.length > 0;
    }
    facts.set(p.id, { start, end, datesFromRecords: start !== storedStart || end !== storedEnd, budgets, budgetFromFunding });
  }
  return facts;
}

/** Rows with their facts attached as `facts`. */
export async function withProgrammeFacts<T extends FactsInput>(rows: T[]): Promise<(T & { facts: ProgrammeFacts })[]> {
  const facts = await programmeFacts(rows);
  return rows.map((r) => ({ ...r, facts: facts.get(r.id)! }));
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

export type ProgrammeDetail = Prisma.ProgrammeGetPayload<{ include: typeof detailInclude }> & { facts: ProgrammeFacts };

/** A programme by its code with its header facts, or null when it does not exist or is outside the scope. */
export async function getProgramme(scope: Scope, code: string): Promise<ProgrammeDetail | null> {
  // Indicators and documents through the scope's rules (nothing archived for
  // partners and donors; documents as documentWhere says, for every reader).
  const stored = await prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    include: {
      ...detailInclude,
      indicators: { ...detailInclude.indicators, where: programmeChildWhere(scope, "indicator") },
      documents: { ...detailInclude.documents, where: documentWhere(scope) },
    },
  });
  if (!stored) return null;
  const [programme] = await withProgrammeFacts([stored]);
  return programme;
}

export async function requireProgramme(scope: Scope, code: string): Promise<ProgrammeDetail> {
  const programme = await getProgramme(scope, code);
  if (!programme) throw notFoundError("Programme not found");
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
 * records: participants as participantsCountedSql counts them; a deliverable
 * is overdue when open and due before today; an outcome is followed up when
 * its follow-up has started or a deliverable carries it out. Staff count
 * the outcomes of archived activities too (they see them on the activity).
 */
export async function programmeCounts(scope: Scope, programmeId: string, now = new Date()): Promise<ProgrammeCounts> {
  const today = startOfToday(now);
  const liveActivity = scope.kind === "staff" ? Prisma.empty : Prisma.sql`AND a."archivedAt" IS NULL`;
  const [row] = await prisma.$queryRaw<ProgrammeCounts[]>`
    SELECT
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE x."programmeId" = ${programmeId} AND x."archivedAt" IS NULL) AS agreements,
      act.n AS activities,
      ppl.total AS participants,
      del.n AS deliverables,
      del.open AS "deliverablesOpen",
      del.overdue AS "deliverablesOverdue",
      out.n AS outcomes,
      out.followed AS "outcomesFollowedUp"
    FROM
      (SELECT COUNT(*)::int AS n FROM "Activity" a WHERE a."programmeId" = ${programmeId} AND a."archivedAt" IS NULL) act,
      (SELECT ${participantSumsSql("y")} FROM "Activity" y WHERE y."programmeId" = ${programmeId} AND ${participantsCountedSql(scope, "y")}) ppl,
      (SELECT COUNT(*)::int AS n,
              (COUNT(*) FILTER (WHERE ${openDeliverable.sql("d")}))::int AS open,
              (COUNT(*) FILTER (WHERE ${overdueDeliverable.sql("d", today)}))::int AS overdue
         FROM "Deliverable" d WHERE d."programmeId" = ${programmeId} AND d."archivedAt" IS NULL) del,
      (SELECT COUNT(*)::int AS n,
              (COUNT(*) FILTER (WHERE ${followedUpOutcome.sql("o")}))::int AS followed
         FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId"
         WHERE a."programmeId" = ${programmeId} AND o."archivedAt" IS NULL ${liveActivity}) out`;
  return row!;
}

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
      where: { programmeId, archivedAt: null, ...openDeliverable.where() },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
      include: deliverableInclude,
      take,
    }),
    prisma.deliverable.findMany({
      where: { programmeId, archivedAt: null, NOT: openDeliverable.where() },
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
  const today = startOfToday();
  // Each row flagged by the rules the dashboard counts with (expiring within
  // EXPIRING_DAYS, renewals included; overdue), so the page's badges match it.
  const agreements = withEffectiveStatus(
    storedAgreements.map((a) => ({ ...a, expiring: expiringAgreement.test(a, today) })),
    today,
  );
  const deliverables = [...openDeliverables, ...closedDeliverables].slice(0, take).map((d) => ({ ...d, overdue: overdueDeliverable.test(d, today) }));
  return { agreements, activities, deliverables, outcomes };
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
 * Counts for a home page (staff, partner portal, donor), for the user's scope,
 * in one statement whose cost does not grow with the history: the definitions
 * are the lists' (live records of live programmes in scope; participants by
 * participantsCountedSql; overdue means open and due before today), but the
 * counts come from the summary rows the database keeps per programme and per
 * set of countries the records name ("ProgrammeFigures", maintained by
 * triggers: prisma/migrations/20261205100001_programme_figures). A partner
 * adds the rows it may see by the rule of programmeChildScopeSql: the whole
 * programme when it has no country outside the partner's, else the rows that
 * name one of the partner's countries or none. Only "overdue" depends on the
 * day, so it is counted live, through the (status, dueDate) index.
 * tests/db/summary-rows.test.ts checks every figure against a full recount.
 */
export async function portfolioSummary(scope: Scope, now = new Date()): Promise<PortfolioSummary> {
  // Due dates are calendar dates: "overdue" means due before today, as in the deliverables list.
  const today = startOfToday(now);
  if (scope.kind === "partner") return partnerPortfolioSummary(scope, today);
  const query = prisma.$queryRaw<PortfolioSummary[]>`
    WITH p AS (SELECT p.id FROM "Programme" p WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")})
    SELECT
      (SELECT COUNT(*)::int FROM p) AS programmes,
      COALESCE(SUM(f.agreements), 0)::int AS agreements,
      COALESCE(SUM(f.activities), 0)::int AS activities,
      COALESCE(SUM(f."deliverablesOpen"), 0)::int AS "deliverablesOpen",
      (SELECT COUNT(*)::int FROM "Deliverable" x
        WHERE ${overdueDeliverable.sql("x", today)} AND x."archivedAt" IS NULL
          AND x."programmeId" IN (SELECT id FROM p) AND ${programmeChildScopeSql(scope, "deliverable", "x")}) AS "deliverablesOverdue",
      COALESCE(SUM(f.outcomes), 0)::int AS outcomes,
      COALESCE(SUM(f.participants), 0)::int AS participants
    FROM "ProgrammeFigures" f JOIN p ON p.id = f."programmeId"`;
  const [row] = await query;
  return row!;
}

/**
 * portfolioSummary for a partner. The partner's programmes are decided once,
 * each with whether it has a country outside the partner's ("own": then all
 * its rows are the partner's); the summary rows are then read by programme id
 * and the overdue deliverables of the programmes that are not "own" are
 * checked one by one (partnerRecordProbeSql, app/auth/scope-probe.server.ts,
 * ADR 0026). Written as one condition over every row instead, the scope's
 * checks hashed the whole ProgrammeCountry and AgreementParty tables on every
 * request. The cost now follows the partner's programmes and their overdue
 * deliverables. The probes' estimates still put the plan past jit_above_cost
 * at a few hundred programmes; the app's connections run without JIT
 * (app/utils/db.server.ts, ADR 0024), so it costs what it reads.
 */
async function partnerPortfolioSummary(scope: Scope & { kind: "partner" }, today: Date): Promise<PortfolioSummary> {
  const [row] = await prisma.$queryRaw<PortfolioSummary[]>`
    WITH p AS MATERIALIZED (
      SELECT p.id, ${partnerOwnsProgrammeSql(scope, "p")} AS own
      FROM "Programme" p WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}
    ),
    f AS (
      SELECT f.* FROM "ProgrammeFigures" f JOIN p ON p.id = f."programmeId"
      WHERE ${partnerFiguresRowSql(scope, "p", "f")}
    )
    SELECT
      (SELECT COUNT(*)::int FROM p) AS programmes,
      (SELECT COALESCE(SUM(f.agreements), 0)::int FROM f) AS agreements,
      (SELECT COALESCE(SUM(f.activities), 0)::int FROM f) AS activities,
      (SELECT COALESCE(SUM(f."deliverablesOpen"), 0)::int FROM f) AS "deliverablesOpen",
      -- Counted per programme (a correlated subquery, so through the deliverables' programmeId
      -- indexes): as a join, the planner read every overdue deliverable of the portfolio.
      (SELECT COALESCE(SUM((SELECT COUNT(*) FROM "Deliverable" x
        WHERE x."programmeId" = p.id AND ${overdueDeliverable.sql("x", today)} AND x."archivedAt" IS NULL
          AND (p.own OR ${partnerRecordProbeSql(scope, "deliverable", "x")}))), 0)::int FROM p) AS "deliverablesOverdue",
      (SELECT COALESCE(SUM(f.outcomes), 0)::int FROM f) AS outcomes,
      (SELECT COALESCE(SUM(f.participants), 0)::int FROM f) AS participants`;
  return row!;
}

/**
 * portfolioSummary counted from the base tables, the way the summary rows
 * must add up (for the test that compares them, and to check a database by
 * hand). Its cost grows with the portfolio: never on a page.
 */
export async function portfolioSummaryRecount(scope: Scope, now = new Date()): Promise<PortfolioSummary> {
  const today = startOfToday(now);
  const live = (kind: ChildKind, alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}."archivedAt" IS NULL AND ${Prisma.raw(alias)}."programmeId" IN (SELECT id FROM p) AND ${programmeChildScopeSql(scope, kind, alias)}`;
  const [row] = await prisma.$queryRaw<PortfolioSummary[]>`
    WITH p AS (SELECT p.id FROM "Programme" p WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}),
    a AS (SELECT x.id FROM "Activity" x WHERE ${live("activity", "x")})
    SELECT
      (SELECT COUNT(*)::int FROM p) AS programmes,
      (SELECT COUNT(*)::int FROM "Agreement" x WHERE ${live("agreement", "x")}) AS agreements,
      (SELECT COUNT(*)::int FROM a) AS activities,
      d.open AS "deliverablesOpen",
      d.overdue AS "deliverablesOverdue",
      (SELECT COUNT(*)::int FROM "Outcome" o WHERE o."archivedAt" IS NULL AND o."activityId" IN (SELECT id FROM a)) AS outcomes,
      (SELECT s.total FROM (SELECT ${participantSumsSql("y")} FROM "Activity" y
         WHERE y."programmeId" IN (SELECT id FROM p) AND ${participantsCountedSql(scope, "y")}) s) AS participants
    FROM (
      SELECT COUNT(*)::int AS open, (COUNT(*) FILTER (WHERE ${overdueDeliverable.sql("x", today)}))::int AS overdue
      FROM "Deliverable" x
      WHERE ${live("deliverable", "x")} AND ${openDeliverable.sql("x")}
    ) d`;
  return row!;
}

// ---------------------------------------------------------------------------
// The dates a programme's records span: the reports' default period and the
// donor home's link to them.

export type DateSpan = { from: Date; to: Date };

/** The dates a programme's records span: its own dates, widened by every dated record it holds. */
export async function programmeSpan(programmeId: string, now = new Date()): Promise<DateSpan> {
  const span = (await programmeSpans([programmeId], now)).get(programmeId);
  if (!span) throw new Error(`No programme ${programmeId}`);
  return span;
}

/**
 * programmeSpan for many programmes in two queries whatever their number: the
 * programme's own dates widened by recordSpans; with nothing dated, from the
 * start of the year it was created to today.
 */
export async function programmeSpans(programmeIds: string[], now = new Date()): Promise<Map<string, DateSpan>> {
  if (programmeIds.length === 0) return new Map();
  const [programmes, records] = await Promise.all([
    prisma.programme.findMany({
      where: { id: { in: programmeIds } },
      select: { id: true, plannedStart: true, plannedEnd: true, actualStart: true, actualEnd: true, createdAt: true },
    }),
    recordSpans(programmeIds),
  ]);
  const today = startOfToday(now);
  const times = (list: (Date | null | undefined)[]) => list.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  const spans = new Map<string, DateSpan>();
  for (const p of programmes) {
    const r = records.get(p.id);
    const s = times([p.plannedStart, p.actualStart, p.plannedEnd, p.actualEnd, r?.from]);
    const e = times([p.plannedEnd, p.actualEnd, p.plannedStart, p.actualStart, r?.to]);
    const from = s.length ? new Date(Math.min(...s)) : new Date(Date.UTC(p.createdAt.getUTCFullYear(), 0, 1));
    const to = e.length ? new Date(Math.max(...e, from.getTime())) : today;
    spans.set(p.id, { from, to });
  }
  return spans;
}
