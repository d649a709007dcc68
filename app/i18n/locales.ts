// The interface languages. English is the source language of every message;
// Russian serves the partner ministries (Belarus, Kazakhstan, Uzbekistan,
// Turkmenistan), Korean the agencies' staff.

export const LOCALES = ["en", "ru", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, as a language switch shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ru: "Русский", ko: "한국어" };

/** The BCP 47 locale Intl formats with: day-month-year in en-GB, as before. */
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", ru: "ru-RU", ko: "ko-KR" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
