import type { Locale } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { serverTranslator } from "~/i18n/catalogues.server";
import { prisma } from "~/utils/db.server";

/** Choices for list filters: programmes (titled in the reader's language), partner countries in use, organisations. */
export async function listFilterOptions(locale: Locale) {
  const [rows, countries, organisations] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    prisma.country.findMany({
      where: { OR: [{ programmes: { some: {} } }, { activities: { some: {} } }] },
      select: { code: true },
    }),
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
 * All countries for forms: by English name, or with a translator named in its
 * language and sorted by that name. (Forms of the programme and organisation
 * pages name them in the browser instead: components/organisations/country-options.ts.)
 */
export async function countryOptions(t?: Translator) {
  const rows = await prisma.country.findMany({ select: { code: true, nameEn: true }, orderBy: { nameEn: "asc" } });
  if (!t) return rows.map((c) => ({ value: c.code, label: c.nameEn }));
  return rows.map((c) => ({ value: c.code, label: t.label("country", c.code) })).sort((a, b) => a.label.localeCompare(b.label, t.locale));
}
