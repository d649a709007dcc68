// Display formatting with the platform's Intl (no library needed for this).
// Dates from the database are calendar dates (@db.Date) and arrive as UTC
// midnight, so they are always formatted in UTC.

export type Precision = "DAY" | "MONTH" | "YEAR";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(value: string | Date | null | undefined, precision: Precision = "DAY"): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  if (precision === "YEAR") return String(date.getUTCFullYear());
  if (precision === "MONTH") return monthFormat.format(date);
  return dayFormat.format(date);
}

export function formatDateRange(
  start: string | Date | null | undefined,
  end: string | Date | null | undefined,
  precision: Precision = "DAY",
): string {
  if (!start && !end) return "—";
  const a = formatDate(start, precision);
  const b = formatDate(end, precision);
  if (!end || a === b) return a;
  if (!start) return `until ${b}`;
  return `${a} – ${b}`;
}

export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || !currency) return "—";
  const value = typeof amount === "string" ? Number(amount) : amount;
  // Each currency with its own minor units: KRW 32,000,000,000; USD 1,250,000.50.
  return moneyFormat(currency).format(value);
}

// Building an Intl.NumberFormat costs far more than using one (a profile of
// the dashboard showed formatMoney among the top costs): one per currency.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

const numberFormat = new Intl.NumberFormat("en-GB");

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

/** A stored calendar date as the yyyy-mm-dd a date input expects. */
export function toDateInput(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}
