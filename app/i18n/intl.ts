import { INTL_LOCALE, type Locale } from "./locales";

// Dates are formatted twice: on the server (Node's ICU) and again in the
// browser when React hydrates the page (the browser's ICU). The two carry
// different CLDR versions, which disagree on the space inside a formatted
// date: Node 20 writes "4 декабря 2026\u202Fг." and "9:14\u202FPM", current
// Chromium a plain space. React then finds other text than the server sent
// and throws the page away (hydration errors #418/#423/#425 on every Russian
// workspace load, issue 14). They also name the half of the day differently
// (Node: "2026. 12. 4. PM 9:21", Chromium: "오후 9:21"). Every date format is
// built here: it writes every kind of space as a plain one, and times on the
// 24-hour clock (as official documents in all three languages do), so both
// sides render the same text.
// tests/e2e/console-clean.spec.ts visits every page in every language and
// fails on any hydration error.

const SPACES = /[\u00a0\u2009\u202f]/g;

/** Intl.DateTimeFormat whose text is the same in every ICU version's spacing. */
class StableDateTimeFormat extends Intl.DateTimeFormat {
  format(date?: Date | number): string {
    return super.format(date).replace(SPACES, " ");
  }
  formatRange(start: Date | number, end: Date | number): string {
    return super.formatRange(start, end).replace(SPACES, " ");
  }
  formatToParts(date?: Date | number): Intl.DateTimeFormatPart[] {
    return super.formatToParts(date).map((part) => ({ ...part, value: part.value.replace(SPACES, " ") }));
  }
}

const cache = new Map<string, Intl.DateTimeFormat>();

/** A date format for the interface language, built once per language and options. */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    const time = options.timeStyle !== undefined || options.hour !== undefined;
    const settled = time && options.hourCycle === undefined && options.hour12 === undefined ? { ...options, hourCycle: "h23" as const } : options;
    cache.set(key, (format = new StableDateTimeFormat(INTL_LOCALE[locale], settled)));
  }
  return format;
}
