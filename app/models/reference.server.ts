import type { Locale } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { serverTranslator } from "~/i18n/catalogues.server";
import { prisma } from "~/utils/db.server";

/** Choices for list filters: programmes (titled in the reader's language), partner countries in use, organisations. */
export async function listFilterOptions(locale: Locale) {
  const [rows, countries, organisations] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    countriesInUse(),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true }, orderBy: { shortName: "asc" } }),
  ]);
  const programmes = readerView(rows, locale);
  const t = serverTranslator(locale);
  return {
    programmes: programmes.map((p) => ({ value: p.id, label: p.title })),
    // Country names in the reader's language, in that language's order.
    countries: countries
      .map((c) => ({ value: c.code, label: t.label("country", c.code) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
    organisations: organisations.map((o) => ({ value: o.id, label: o.shortName })),
  };
}

/**
 * The countries a programme or an activity names (archived ones included, as
 * the lists' filters can show archived records). The activities' countries
 * are read by skipping through their index, one probe per distinct country
 * (a "loose index scan"): the database work follows the number of countries,
 * not of activities, and PGlite's planner, which answered the per-country
 * EXISTS form with a full scan of Activity for each of the ~220 countries
 * without one (440 ms on the large portfolio, docs/performance.md), takes the
 * index for an ORDER BY ... LIMIT 1 as PostgreSQL does.
 */
async function countriesInUse(): Promise<{ code: string }[]> {
  return prisma.$queryRaw<{ code: string }[]>`
    WITH RECURSIVE activity_country AS (
      (SELECT a."countryCode" AS code FROM "Activity" a WHERE a."countryCode" IS NOT NULL ORDER BY a."countryCode" LIMIT 1)
      UNION ALL
      SELECT (SELECT a."countryCode" FROM "Activity" a WHERE a."countryCode" > ac.code ORDER BY a."countryCode" LIMIT 1)
      FROM activity_country ac WHERE ac.code IS NOT NULL
    )
    SELECT code::text AS code FROM activity_country WHERE code IS NOT NULL
    UNION
    SELECT DISTINCT pc."countryCode"::text AS code FROM "ProgrammeCountry" pc`;
}

/**
 * All countries for forms: by English name, or with a translator named in its
 * language and sorted by that name. (Forms of the programme and organisation
 * pages name them in the browser instead: components/organisations/country-options.ts.)
 */
export async function countryOptions(t?: Translator) {
  const rows = await prisma.country.findMany({ select: { code: true, nameEn: true }, orderBy: { nameEn: "asc" } });
  if (!t) return rows.map((c) => ({ value: c.code, label: c.nameEn }));
  return rows.map((c) => ({ value: c.code, label: t.label("country", c.code) })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
}
