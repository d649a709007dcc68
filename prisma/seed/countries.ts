// Country reference data (ISO 3166-1 alpha-2) from i18n-iso-countries, with
// English, Russian and Korean names.
import { createRequire } from "node:module";
import type { PrismaClient } from "@prisma/client";

// createRequire rather than `import ... with { type: "json" }`: it behaves the
// same under tsx, Vitest and the Remix (esbuild) server bundle, where the JSON
// import attribute and CJS interop each vary. The library and the locale files
// come from the same require, so registerLocale fills the instance we read.
// import.meta.url is empty if this is ever bundled as CommonJS; __filename is
// defined there instead.
const requireCjs = createRequire(import.meta.url || __filename);
const countries: typeof import("i18n-iso-countries") = requireCjs("i18n-iso-countries");
const LOCALES = ["en", "ru", "ko"] as const;
for (const locale of LOCALES) {
  countries.registerLocale(requireCjs(`i18n-iso-countries/langs/${locale}.json`));
}

export type CountryRow = { code: string; nameEn: string; nameRu: string; nameKo: string };

/** Every alpha-2 code with its official (default, not alias) name per locale. */
export function countryRows(): CountryRow[] {
  // select "official" returns the first name where a locale lists several.
  const en = countries.getNames("en", { select: "official" });
  const ru = countries.getNames("ru", { select: "official" });
  const ko = countries.getNames("ko", { select: "official" });
  return Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => {
      const nameEn = en[code];
      if (!nameEn) throw new Error(`i18n-iso-countries has no English name for ${code}`);
      // Fall back to English rather than fail if a future release lacks a name.
      return { code, nameEn, nameRu: ru[code] ?? nameEn, nameKo: ko[code] ?? nameEn };
    });
}

/**
 * Loads every country. Idempotent: existing rows (which an admin may have
 * renamed) are left as they are. Returns the number of rows created.
 */
export async function seedCountries(prisma: PrismaClient): Promise<number> {
  const { count } = await prisma.country.createMany({ data: countryRows(), skipDuplicates: true });
  return count;
}
