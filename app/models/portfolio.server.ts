import { Prisma } from "@prisma/client";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";
import { participantSumsSql, participantsCountedSql } from "./activity.server";
import { overdueDeliverable } from "./deliverable-rules.server";
import { startOfToday } from "./sql-rule.server";

// The portfolio dashboard: figures across every programme a user may see
// (staff: all non-archived programmes; donors: the programmes their
// organisations fund). Partners do not use this page (the route answers 403).
//
// Every number is computed by the database (GROUP BY). Raw SQL is used where
// the grouping key is an expression (a year taken from one of two dates);
// counts come back as int and money sums as text, so no bigint or float
// reaches JSON. Scope is applied once, through programmeWhere(scope), to pick
// the programme ids; every aggregate is restricted to those ids and to
// non-archived records.
//
// Definitions (shown on the page as well):
// - An activity's year is the year of its actual start, else of its planned
//   start; an activity with neither is "Date not recorded". A year filter
//   leaves undated activities out.
// - A deliverable is overdue when it is due before today (UTC) and neither
//   submitted nor accepted. The year filter applies to the due date.
// - Participants are the activity's headline figures. "Not disaggregated" is
//   the total minus the by-sex sum (a total without a by-sex split counts
//   there in full); a by-sex split without a total counts as its own total.
// - A funding line's year is its fiscal year, else the year of its
//   transaction date, else of its value date. Sums are per currency: amounts
//   in different currencies are never added together.
// - The map counts an activity in the country where it took place
//   (Activity.countryCode); an activity with no country recorded counts once
//   for each partner country of its programme, so an activity of a
//   three-country programme appears in all three.

export type PortfolioFilters = { from: number | null; to: number | null; programme: string | null };

const MIN_YEAR = 1950;
const MAX_YEAR = 2200;

function year(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

/** ?from=YYYY&to=YYYY&programme=CODE; malformed values are ignored, a reversed range is swapped. */
export function parsePortfolioFilters(params: URLSearchParams): PortfolioFilters {
  let from = year(params.get("from"));
  let to = year(params.get("to"));
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const programme = params.get("programme")?.trim() || null;
  return { from, to, programme };
}

export const UNDATED = "Date not recorded";

export type KindYearRow = { year: number | null; kind: string; count: number };
export type DeliverableStatusRow = { status: string; count: number };
export type ParticipantsRow = { year: number | null; female: number; male: number; other: number; notDisaggregated: number; total: number };
export type FundingRow = { provider: string; year: number | null; currency: string; commitment: string; disbursement: string };
export type CountryCount = { code: string; name: string; count: number };

export type Portfolio = {
  today: string;
  filters: PortfolioFilters;
  programmeOptions: { code: string; title: string }[];
  programmeCount: number;
  activitiesByKindYear: KindYearRow[];
  deliverablesByStatus: DeliverableStatusRow[];
  deliverablesOverdue: number;
  participantsTotal: ParticipantsRow;
  participantsByYear: ParticipantsRow[];
  funding: FundingRow[];
  countries: CountryCount[];
};

/** `AND <year of expr> BETWEEN from AND to`, for the filters that are set. */
function yearRange(expr: Prisma.Sql, filters: PortfolioFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.from !== null) parts.push(Prisma.sql`AND EXTRACT(YEAR FROM ${expr})::int >= ${filters.from}::int`);
  if (filters.to !== null) parts.push(Prisma.sql`AND EXTRACT(YEAR FROM ${expr})::int <= ${filters.to}::int`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

const activityStart = Prisma.sql`COALESCE(a."actualStart", a."plannedStart")`;

const emptyParticipants = (year: number | null): ParticipantsRow => ({ year, female: 0, male: 0, other: 0, notDisaggregated: 0, total: 0 });

/** The programmes (ids) the figures cover: in scope, not archived, optionally one programme by code. */
async function programmeIds(scope: Scope, code: string | null) {
  const base: Prisma.ProgrammeWhereInput = { AND: [programmeWhere(scope), { archivedAt: null }] };
  const options = await prisma.programme.findMany({ where: base, select: { id: true, code: true, title: true }, orderBy: { code: "asc" } });
  // A code outside the scope (or mistyped) is ignored, like any malformed filter:
  // the page shows the whole scope and says so, and reveals nothing about the code.
  const one = code ? options.filter((p) => p.code === code) : [];
  const chosen = one.length ? one : options;
  return { options: options.map(({ code, title }) => ({ code, title })), ids: chosen.map((p) => p.id), known: one.length > 0 };
}

/**
 * The portfolio's figures from the summary rows the database keeps per
 * programme and year ("PortfolioFigures", recomputed by triggers at the
 * commit of every write: prisma/migrations/20261205100003_portfolio_figures),
 * in one statement: the rows of the programmes in scope and the years asked
 * for, added up, instead of every activity, deliverable and funding line of
 * the portfolio. Only "overdue" depends on the day: it is counted live,
 * through the (status, dueDate) index. tests/db/summary-rows.test.ts checks
 * the result against loadPortfolioRecount.
 */
export async function loadPortfolio(scope: Scope, filters: PortfolioFilters, now = new Date()): Promise<Portfolio> {
  if (scope.kind === "partner") throw new Error("The portfolio is for staff and donors.");
  const today = startOfToday(now);
  const { options, ids, known: programmeKnown } = await programmeIds(scope, filters.programme);
  const known = programmeKnown ? filters : { ...filters, programme: null };
  const base = emptyPortfolio(today, known, options, ids.length);
  if (ids.length === 0) return base;

  // Year 0 is "not recorded": left out as soon as a year filter is set.
  const years: Prisma.Sql[] = [];
  if (filters.from !== null || filters.to !== null) years.push(Prisma.sql`AND f.year <> 0`);
  if (filters.from !== null) years.push(Prisma.sql`AND f.year >= ${filters.from}::int`);
  if (filters.to !== null) years.push(Prisma.sql`AND f.year <= ${filters.to}::int`);
  const rows = Prisma.sql`"PortfolioFigures" f WHERE f."programmeId" IN (${Prisma.join(ids)}) ${Prisma.join([Prisma.empty, ...years], " ")}`;
  const participants = Prisma.sql`SUM(f.female)::int AS female, SUM(f.male)::int AS male, SUM(f.other)::int AS other,
    SUM(f."notRecorded")::int AS "notDisaggregated", SUM(f.total)::int AS total`;
  const dueDate: Prisma.DateTimeNullableFilter = {};
  if (filters.from !== null) dueDate.gte = new Date(Date.UTC(filters.from, 0, 1));
  if (filters.to !== null) dueDate.lt = new Date(Date.UTC(filters.to + 1, 0, 1));

  type Figures = {
    kindYear: KindYearRow[] | null;
    byStatus: DeliverableStatusRow[] | null;
    participantsTotal: ParticipantsRow | null;
    participantsByYear: ParticipantsRow[] | null;
    funding: FundingRow[] | null;
    countries: CountryCount[] | null;
  };
  const [[figures], overdue] = await Promise.all([
    prisma.$queryRaw<Figures[]>`
      SELECT
        (SELECT json_agg(r ORDER BY r.year NULLS LAST, r.kind) FROM (
          SELECT NULLIF(f.year, 0) AS year, f.key AS kind, SUM(f.count)::int AS count
          FROM ${rows} AND f.measure = 'activity' GROUP BY f.year, f.key) r) AS "kindYear",
        (SELECT json_agg(r ORDER BY r.status::"DeliverableStatus") FROM (
          SELECT f.key AS status, SUM(f.count)::int AS count
          FROM ${rows} AND f.measure = 'deliverable' GROUP BY f.key) r) AS "byStatus",
        (SELECT row_to_json(r) FROM (
          SELECT NULL::int AS year, ${participants}
          FROM ${rows} AND f.measure = 'activity' AND f.counted > 0) r) AS "participantsTotal",
        (SELECT json_agg(r ORDER BY r.year NULLS LAST) FROM (
          SELECT NULLIF(f.year, 0) AS year, ${participants}
          FROM ${rows} AND f.measure = 'activity' AND f.counted > 0 GROUP BY f.year) r) AS "participantsByYear",
        (SELECT json_agg(r ORDER BY r.currency, r.provider, r.year NULLS LAST) FROM (
          SELECT COALESCE(o."shortName", 'Provider not recorded') AS provider, NULLIF(f.year, 0) AS year, f.currency,
            COALESCE(SUM(f.commitment), 0)::text AS commitment, COALESCE(SUM(f.disbursement), 0)::text AS disbursement
          FROM (SELECT f.* FROM ${rows} AND f.measure = 'funding') f
          LEFT JOIN "Organisation" o ON o.id = NULLIF(f.key, '')
          GROUP BY 1, 2, 3) r) AS funding,
        (SELECT json_agg(r ORDER BY r.count DESC, r.name) FROM (
          SELECT c.code::text AS code, c."nameEn" AS name, SUM(x.n)::int AS count
          FROM (
            SELECT f.key AS code, f.count AS n FROM ${rows} AND f.measure = 'country' AND f.key <> ''
            UNION ALL
            -- No country recorded: once for each of the programme's countries.
            SELECT pc."countryCode"::text, f.count FROM (SELECT f.* FROM ${rows} AND f.measure = 'country' AND f.key = '') f
              JOIN "ProgrammeCountry" pc ON pc."programmeId" = f."programmeId"
          ) x JOIN "Country" c ON c.code = x.code
          GROUP BY c.code, c."nameEn") r) AS countries`,
    prisma.deliverable.count({
      where: {
        AND: [
          { programmeId: { in: ids }, archivedAt: null, ...(filters.from !== null || filters.to !== null ? { dueDate } : {}) },
          overdueDeliverable.where(today),
        ],
      },
    }),
  ]);
  const f = figures!;
  return {
    ...base,
    activitiesByKindYear: f.kindYear ?? [],
    deliverablesByStatus: f.byStatus ?? [],
    deliverablesOverdue: overdue,
    participantsTotal: f.participantsTotal && f.participantsTotal.total !== null ? f.participantsTotal : emptyParticipants(null),
    participantsByYear: f.participantsByYear ?? [],
    funding: f.funding ?? [],
    countries: f.countries ?? [],
  };
}

function emptyPortfolio(today: Date, filters: PortfolioFilters, options: { code: string; title: string }[], programmeCount: number): Portfolio {
  return {
    today: today.toISOString().slice(0, 10),
    filters,
    programmeOptions: options,
    programmeCount,
    activitiesByKindYear: [],
    deliverablesByStatus: [],
    deliverablesOverdue: 0,
    participantsTotal: emptyParticipants(null),
    participantsByYear: [],
    funding: [],
    countries: [],
  };
}

/**
 * loadPortfolio counted from the base tables, as the summary rows must add
 * up (the test that compares them; checking a database by hand). Its cost
 * grows with the portfolio: never on a page.
 */
export async function loadPortfolioRecount(scope: Scope, filters: PortfolioFilters, now = new Date()): Promise<Portfolio> {
  if (scope.kind === "partner") throw new Error("The portfolio is for staff and donors.");
  const today = startOfToday(now);
  const { options, ids, known: programmeKnown } = await programmeIds(scope, filters.programme);
  const known = programmeKnown ? filters : { ...filters, programme: null };
  const base = emptyPortfolio(today, known, options, ids.length);
  if (ids.length === 0) return base;
  const inIds = (column: Prisma.Sql) => Prisma.sql`${column} IN (${Prisma.join(ids)})`;

  const activityWhere = Prisma.sql`a."archivedAt" IS NULL AND ${inIds(Prisma.sql`a."programmeId"`)} ${yearRange(activityStart, filters)}`;

  const dueDate: Prisma.DateTimeNullableFilter = {};
  if (filters.from !== null) dueDate.gte = new Date(Date.UTC(filters.from, 0, 1));
  if (filters.to !== null) dueDate.lt = new Date(Date.UTC(filters.to + 1, 0, 1));
  const deliverableWhere: Prisma.DeliverableWhereInput = {
    programmeId: { in: ids },
    archivedAt: null,
    ...(filters.from !== null || filters.to !== null ? { dueDate } : {}),
  };

  // Participants by their one rule (participantsCountedSql, participantSumsSql).
  const counted = participantsCountedSql(scope, "a");
  type Sums = Omit<ParticipantsRow, "notDisaggregated" | "year"> & { year?: number | null; notRecorded: number; activities: number };
  const asRow = ({ notRecorded, activities: _a, ...r }: Sums) => ({ year: null, ...r, notDisaggregated: notRecorded });

  const fundingYear = Prisma.sql`COALESCE(f."fiscalYear", EXTRACT(YEAR FROM COALESCE(f."transactionDate", f."valueDate"))::int)`;
  const fundingYearRange: Prisma.Sql[] = [];
  if (filters.from !== null) fundingYearRange.push(Prisma.sql`AND ${fundingYear} >= ${filters.from}::int`);
  if (filters.to !== null) fundingYearRange.push(Prisma.sql`AND ${fundingYear} <= ${filters.to}::int`);

  const [kindYear, byStatus, overdue, participantsByYear, participantsTotal, funding, countries] = await Promise.all([
    prisma.$queryRaw<KindYearRow[]>`
      SELECT EXTRACT(YEAR FROM ${activityStart})::int AS year, a.kind::text AS kind, COUNT(*)::int AS count
      FROM "Activity" a
      WHERE ${activityWhere}
      GROUP BY 1, 2
      ORDER BY 1 NULLS LAST, 2`,
    prisma.deliverable.groupBy({ by: ["status"], where: deliverableWhere, _count: { _all: true }, orderBy: { status: "asc" } }),
    prisma.deliverable.count({
      where: { AND: [deliverableWhere, overdueDeliverable.where(today)] },
    }),
    prisma.$queryRaw<Sums[]>`
      SELECT EXTRACT(YEAR FROM ${activityStart})::int AS year, ${participantSumsSql("a")}
      FROM "Activity" a
      WHERE ${activityWhere} AND ${counted}
      GROUP BY 1
      ORDER BY 1 NULLS LAST`,
    prisma.$queryRaw<Sums[]>`
      SELECT ${participantSumsSql("a")}
      FROM "Activity" a
      WHERE ${activityWhere} AND ${counted}`,
    prisma.$queryRaw<FundingRow[]>`
      SELECT COALESCE(o."shortName", 'Provider not recorded') AS provider,
             ${fundingYear} AS year,
             f.currency::text AS currency,
             COALESCE(SUM(f.amount) FILTER (WHERE f.kind = 'COMMITMENT'), 0)::text AS commitment,
             COALESCE(SUM(f.amount) FILTER (WHERE f.kind = 'DISBURSEMENT'), 0)::text AS disbursement
      FROM "FundingLine" f
      LEFT JOIN "Organisation" o ON o.id = f."providerOrgId"
      WHERE f."archivedAt" IS NULL AND ${inIds(Prisma.sql`f."programmeId"`)}
        AND f.kind IN ('COMMITMENT', 'DISBURSEMENT')
        ${fundingYearRange.length ? Prisma.join(fundingYearRange, " ") : Prisma.empty}
      GROUP BY 1, 2, 3
      ORDER BY 3, 1, 2 NULLS LAST`,
    prisma.$queryRaw<CountryCount[]>`
      SELECT c.code::text AS code, c."nameEn" AS name, COUNT(*)::int AS count
      FROM (
        SELECT a."countryCode" AS code FROM "Activity" a
        WHERE ${activityWhere} AND a."countryCode" IS NOT NULL
        UNION ALL
        SELECT pc."countryCode" AS code FROM "Activity" a
        JOIN "ProgrammeCountry" pc ON pc."programmeId" = a."programmeId"
        WHERE ${activityWhere} AND a."countryCode" IS NULL
      ) x
      JOIN "Country" c ON c.code = x.code
      GROUP BY c.code, c."nameEn"
      ORDER BY 3 DESC, 2`,
  ]);

  // Year and currency values from raw SQL arrive as numbers/strings already (cast in SQL).
  return {
    ...base,
    activitiesByKindYear: kindYear,
    deliverablesByStatus: byStatus.map((r) => ({ status: r.status, count: r._count._all })),
    deliverablesOverdue: overdue,
    participantsTotal: participantsTotal[0] ? asRow(participantsTotal[0]) : emptyParticipants(null),
    participantsByYear: participantsByYear.map((r) => ({ ...asRow(r), year: r.year ?? null })),
    funding: funding.map((r) => ({ ...r, currency: r.currency.trim() })),
    countries: countries.map((r) => ({ ...r, code: r.code.trim() })),
  };
}
