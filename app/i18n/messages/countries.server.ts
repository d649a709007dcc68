import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import type { Locale } from "../locales";

// Country names in each interface language, from i18n-iso-countries (the
// same source and the same "official" names as the Country table's seed).
// Server-only: the browser gets them inside its one language's catalogue.
const requireCjs = createRequire(import.meta.url);
for (const locale of ["en", "ru", "ko"] as const) countries.registerLocale(requireCjs(`i18n-iso-countries/langs/${locale}.json`));

export function countryNames(locale: Locale): Record<string, string> {
  return countries.getNames(locale, { select: "official" });
}
