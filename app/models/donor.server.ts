import { programmeWhere, type Scope } from "~/auth/scope.server";
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

/** Without `locale`, each record's own title. */
export async function listDonorProgrammes(scope: Scope & { kind: "donor" }, locale?: Locale): Promise<DonorProgramme[]> {
  const title = (r: { title: string; lang: string; translations: unknown }) => (locale ? narrative(r, "title", r.title, locale) : r.title);
  const programmes = await prisma.programme.findMany({
    where: { ...programmeWhere(scope), archivedAt: null },
    orderBy: [{ plannedStart: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    select: {
      id: true,
      code: true,
      title: true,
      lang: true,
      translations: true,
      status: true,
      countries: { select: { countryCode: true }, orderBy: { countryCode: "asc" } },
      organisations: {
        where: { role: "FUNDING" },
        select: { organisation: { select: { shortName: true } } },
        orderBy: { organisation: { shortName: "asc" } },
      },
    },
  });
  const ids = programmes.map((p) => p.id);
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
    countries: p.countries.map((c) => c.countryCode),
    funders: p.organisations.map((o) => o.organisation.shortName),
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
