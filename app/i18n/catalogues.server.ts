import { createHash } from "node:crypto";
import { en, enEnums } from "./messages/en";
import { ko, koEnums } from "./messages/ko";
import { ru, ruEnums } from "./messages/ru";
import { countryNames } from "./messages/countries.server";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";
import { registerBundle } from "./registry";
import { createTranslator, type Bundle, type Translator } from "./translate";

// Every language's catalogue, on the server. The browser gets only its page's
// language, as JSON from /i18n/<locale>.json?v=<hash> (cached for a year:
// the hash changes whenever a message does).

// Countries are a group of their own ("country": ISO code -> name), named by
// i18n-iso-countries in every language rather than by hand.
export const BUNDLES: Record<Locale, Bundle> = {
  en: { messages: en, enums: { ...enEnums, country: countryNames("en") } },
  ru: { messages: ru, enums: { ...ruEnums, country: countryNames("ru") } },
  ko: { messages: ko, enums: { ...koEnums, country: countryNames("ko") } },
};

for (const locale of LOCALES) registerBundle(locale, BUNDLES[locale]);

const serialised = new Map<Locale, { body: string; hash: string }>();

/** The catalogue of one language as the browser loads it, and its content hash. */
export function catalogueJson(locale: Locale): { body: string; hash: string } {
  let entry = serialised.get(locale);
  if (!entry) {
    const body = JSON.stringify(BUNDLES[locale]);
    entry = { body, hash: createHash("sha256").update(body).digest("hex").slice(0, 12) };
    serialised.set(locale, entry);
  }
  return entry;
}

export function catalogueUrl(locale: Locale): string {
  return `/i18n/${locale}.json?v=${catalogueJson(locale).hash}`;
}

/**
 * A translator for server-side text (PDF and Excel headings, e-mails, CSV
 * headings). A key missing in a language falls back to English.
 */
export function serverTranslator(locale: Locale): Translator {
  return createTranslator(locale, BUNDLES[locale], locale === DEFAULT_LOCALE ? undefined : BUNDLES[DEFAULT_LOCALE]);
}
