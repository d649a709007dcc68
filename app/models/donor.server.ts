import { Prisma } from "@prisma/client";
import { programmeScopeSql, type Scope } from "~/auth/scope.server";
import type { Locale } from "~/i18n/locales";
import { narrative } from "~/i18n/narrative";
import { fundingByYear, type FundingYearRow } from "./funding.server";
import { latestPeriod } from "./indicator.server";
import { programmeSpans } from "./programme.server";
import { isoDate } from "~/utils/format";
import { prisma } from "~/utils/db.server";

// The donor home: the programmes a donor's organisations fund, each with its
// funding committed vs disbursed by year and currency, its results (latest
// target vs actual of each indicator) and the span its reports default to.
// Titles are in the reader's language where the records have it (issue 7,
// item 3), chosen here so the page gets the one text it shows.

export type DonorIndicator = {
  id: string;
  title: string;
  measure: string;
  unit: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  target: number | null;
  actual: number | null;
};

export type DonorProgramme = {
  id: string;
  code: string;
  title: string;
  status: string;
  /** ISO codes: the page names them in the reader's language. */
  countries: string[];
  funders: string[];
  span: { from: string; to: string };
  funding: Omit<FundingYearRow, "programmeId">[];
  indicators: DonorIndicator[];
};

/** How many programme cards the donor home shows at a time; the rest are on the next pages. */
export const DONOR_PROGRAMMES_PER_PAGE = 12;

/**
 * Without `locale`, each record's own title. With `window`, one page of
 * `perPage` cards (as the partner portal's, ADR 0024): the home's database
 * work and its HTML then follow the cards shown, not how many programmes the
 * donor funds. The number of pages comes from portfolioSummary's
 * `programmes`, which counts the same rows.
 */
export async function listDonorProgrammes(
  scope: Scope & { kind: "donor" },
  locale?: Locale,
  window?: { page: number; perPage: number },
): Promise<DonorProgramme[]> {
  const title = (r: { title: string; lang: string; translations: unknown }) => (locale ? narrative(r, "title", r.title, locale) : r.title);
  // The cards' own fields in one statement (was four: the programmes, then
  // their countries, funding links and funders' names); programmeScopeSql says
  // what programmeWhere says (tests/db/scope-sql.test.ts). The page is chosen
  // first and the countries and funders read for its programmes only; the id
  // settles ties, so that pages neither repeat nor skip a programme.
  const programmes = await prisma.$queryRaw<
    { id: string; code: string; title: string; lang: string; translations: unknown; status: string; countries: string[]; funders: string[] }[]
  >`
    SELECT p.id, p.code, p.title, p.lang, p.translations, p.status,
      ARRAY(SELECT pc."countryCode"::text FROM "ProgrammeCountry" pc WHERE pc."programmeId" = p.id ORDER BY pc."countryCode") AS countries,
      ARRAY(
        SELECT o."shortName" FROM "ProgrammeOrganisation" po JOIN "Organisation" o ON o.id = po."organisationId"
        WHERE po."programmeId" = p.id AND po.role = 'FUNDING' ORDER BY o."shortName"
      ) AS funders
    FROM (
      SELECT p.id, p.code, p.title, p.lang, p.translations, p.status::text AS status, p."plannedStart"
      FROM "Programme" p
      WHERE p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")}
      ORDER BY p."plannedStart" DESC NULLS LAST, p.title ASC, p.id ASC
      ${window ? Prisma.sql`LIMIT ${window.perPage} OFFSET ${(window.page - 1) * window.perPage}` : Prisma.empty}
    ) p
    ORDER BY p."plannedStart" DESC NULLS LAST, p.title ASC, p.id ASC`;
  const ids = programmes.map((p) => p.id);
  if (ids.length === 0) return [];
  const [funding, indicators, spans] = await Promise.all([
    fundingByYear(ids, undefined, scope),
    prisma.indicator.findMany({
      where: { programmeId: { in: ids }, archivedAt: null },
      orderBy: [{ resultType: "asc" }, { title: "asc" }],
      select: {
        id: true,
        programmeId: true,
        title: true,
        lang: true,
        translations: true,
        measure: true,
        unitLabel: true,
        periods: { select: { periodStart: true, periodEnd: true, targetValue: true, actualValue: true } },
      },
    }),
    programmeSpans(ids),
  ]);
  return programmes.map((p) => ({
    id: p.id,
    code: p.code,
    title: title(p),
    status: p.status,
    countries: p.countries,
    funders: p.funders,
    span: { from: isoDate(spans.get(p.id)!.from), to: isoDate(spans.get(p.id)!.to) },
    funding: funding.filter((f) => f.programmeId === p.id).map(({ programmeId: _id, ...row }) => row),
    indicators: indicators
      .filter((i) => i.programmeId === p.id)
      .map((i) => {
        const latest = latestPeriod(i.periods);
        return {
          id: i.id,
          title: title(i),
          measure: i.measure,
          unit: i.measure === "PERCENTAGE" ? "%" : i.unitLabel,
          periodStart: latest ? isoDate(latest.periodStart) : null,
          periodEnd: latest ? isoDate(latest.periodEnd) : null,
          target: latest?.target ?? null,
          actual: latest?.actual ?? null,
        };
      }),
  }));
}
