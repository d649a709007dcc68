// Display formatting with the platform's Intl (no library needed for this).
// Dates from the database are calendar dates (@db.Date) and arrive as UTC
// midnight, so they are always formatted in UTC.

// Every function takes the interface language last (English by default);
// components get them bound to the page's language from useFormat().
import { dateTimeFormat } from "~/i18n/intl";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";

export type Precision = "DAY" | "MONTH" | "YEAR";

// Building an Intl format costs far more than using one (a profile of the
// dashboard showed formatMoney among the top costs): one per language and options.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formats.get(key) as T | undefined;
  if (!f) formats.set(key, (f = make()));
  return f;
}

export function dayFormat(locale: Locale = "en"): Intl.DateTimeFormat {
  return cached(`day:${locale}`, () => dateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }));
}
export function monthFormat(locale: Locale = "en"): Intl.DateTimeFormat {
  return cached(`month:${locale}`, () => dateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }));
}
function yearFormat(locale: Locale): Intl.DateTimeFormat {
  return cached(`year:${locale}`, () => dateTimeFormat(locale, { year: "numeric", timeZone: "UTC" }));
}

/**
 * A moment (not a calendar date) as its date and time in UTC, in the reader's
 * language: "23 Nov 2026, 16:30 UTC", "23 нояб. 2026 г., 16:30 UTC",
 * "2026년 11월 23일 16:30 UTC". The one format for every time of day the app
 * shows (record histories, comments, acknowledgements, edit conflicts, users'
 * last sign-in, invitation expiry, the recovery-codes file): UTC on the
 * server and in the browser alike, so hydration agrees.
 */
export function formatUtcDateTime(value: string | Date | null | undefined, locale: Locale = "en"): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return `${utcDateTimeFormat(locale).format(date)} UTC`;
}
function utcDateTimeFormat(locale: Locale): Intl.DateTimeFormat {
  return cached(`utcDateTime:${locale}`, () =>
    dateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }),
  );
}

export function formatDate(value: string | Date | null | undefined, precision: Precision = "DAY", locale: Locale = "en"): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  if (precision === "YEAR") return locale === "en" ? String(date.getUTCFullYear()) : yearFormat(locale).format(date);
  if (precision === "MONTH") return monthFormat(locale).format(date);
  return dayFormat(locale).format(date);
}

/**
 * A date as ISO text to the precision it is known: "2019", "2019-11" or
 * "2019-11-03" (ISO 8601 reduced precision), for CSV and spreadsheet cells,
 * where a full date would invent a day nobody recorded.
 */
export function isoDate(value: string | Date | null | undefined, precision: Precision = "DAY"): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.slice(0, precision === "YEAR" ? 4 : precision === "MONTH" ? 7 : 10);
}

export function formatDateRange(
  start: string | Date | null | undefined,
  end: string | Date | null | undefined,
  precision: Precision = "DAY",
  locale: Locale = "en",
  until: (date: string) => string = (date) => `until ${date}`,
): string {
  if (!start && !end) return "—";
  const a = formatDate(start, precision, locale);
  const b = formatDate(end, precision, locale);
  if (!end || a === b) return a;
  if (!start) return until(b);
  return `${a} – ${b}`;
}

export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined, locale: Locale = "en"): string {
  if (amount === null || amount === undefined || !currency) return "—";
  const value = typeof amount === "string" ? Number(amount) : amount;
  // Each currency with its own minor units: KRW 32,000,000,000; USD 1,250,000.50.
  // Intl knows each currency's minor units: ₩32,000,000,000 (no decimals), 1 250 000,00 ₽, 5 000,00 ₸.
  return cached(`money:${locale}:${currency}`, () => moneyFormat(locale, currency)).format(value);
}

/**
 * The currency's symbol where the language has one; where its standard form
 * is only the ISO code (tenge in ru-RU: "5 000,00 KZT"), the currency's own
 * narrow symbol instead ("5 000,00 ₸").
 */
function moneyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const standard = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency });
  const symbol = standard.formatToParts(1).find((p) => p.type === "currency")?.value;
  return symbol === currency ? new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, currencyDisplay: "narrowSymbol" }) : standard;
}

export function numberFormat(locale: Locale = "en", maximumFractionDigits?: number): Intl.NumberFormat {
  return cached(`number:${locale}:${maximumFractionDigits ?? ""}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits }));
}

export function formatNumber(value: number | null | undefined, locale: Locale = "en"): string {
  return value === null || value === undefined ? "—" : numberFormat(locale).format(value);
}

/** A stored calendar date as the yyyy-mm-dd a date input expects. */
export function toDateInput(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}
