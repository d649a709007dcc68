// Display helpers for the results framework (indicators and their periods)
// and funding lines. Client-safe. (The names of result types, measures and
// funding kinds are the message catalogues' enum groups.)
import { INTL_LOCALE, type Locale } from "~/i18n/locales";
import { dayFormat, monthFormat, numberFormat } from "./format";

type Decimalish = string | number | { toString(): string } | null | undefined;

function asString(value: Decimalish): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

/**
 * A stored measure (Decimal(20,4)) as a plain number string without trailing
 * zeros: "146619", "97.5". What CSV files hold, so spreadsheets can compute.
 */
export function plainNumber(value: Decimalish): string {
  const s = asString(value);
  if (s === null) return "";
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** A measure for people: "146,619", "97.5". Exact for long decimals (Intl formats decimal strings). */
export function formatMeasure(value: Decimalish, unit?: string | null, locale: Locale = "en"): string {
  const s = plainNumber(value);
  if (!s) return "—";
  const n = numberFormat(locale, 4).format(s as unknown as number);
  return unit ? `${n} ${unit}` : n;
}

/** Actual as a share of target, one decimal ("97.7"), or "" when it cannot be computed. */
export function percentOfTarget(actual: Decimalish, target: Decimalish): string {
  const a = asString(actual);
  const t = asString(target);
  if (a === null || t === null) return "";
  const tn = Number(t);
  if (!Number.isFinite(tn) || tn === 0) return "";
  const pct = (Number(a) / tn) * 100;
  return Number.isFinite(pct) ? (Math.round(pct * 10) / 10).toFixed(1) : "";
}

/** A share computed by percentOfTarget ("97.7") for people: "97.7%", "97,7%"; "" stays "". */
export function formatPercent(pct: string, locale: Locale = "en"): string {
  return pct ? `${formatPercentNumber(pct, locale)}%` : "";
}

/** The same without the sign, for a message that writes "{percent}%". */
export function formatPercentNumber(pct: string, locale: Locale = "en"): string {
  const n = Number(pct);
  if (!pct || !Number.isFinite(n)) return pct;
  return new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(n);
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A reporting period as people say it: "2022" for a calendar year,
 * "Jan 2023 – Jun 2023" for whole months, otherwise the two days.
 */
export function formatPeriod(start: string | Date | null | undefined, end: string | Date | null | undefined, locale: Locale = "en"): string {
  const a = toDate(start);
  const b = toDate(end);
  if (!a || !b) return "—";
  const firstOfMonth = a.getUTCDate() === 1;
  const nextDay = new Date(b.getTime() + 86_400_000);
  const lastOfMonth = nextDay.getUTCDate() === 1;
  if (firstOfMonth && lastOfMonth && a.getUTCMonth() === 0 && b.getUTCMonth() === 11 && a.getUTCFullYear() === b.getUTCFullYear()) {
    return String(a.getUTCFullYear());
  }
  if (firstOfMonth && lastOfMonth && a.getUTCMonth() === 0 && b.getUTCMonth() === 11) {
    return `${a.getUTCFullYear()}–${b.getUTCFullYear()}`;
  }
  if (firstOfMonth && lastOfMonth) {
    const ma = monthFormat(locale).format(a);
    const mb = monthFormat(locale).format(b);
    return ma === mb ? ma : `${ma} – ${mb}`;
  }
  return `${dayFormat(locale).format(a)} – ${dayFormat(locale).format(b)}`;
}

/**
 * Money with the currency's own minor units and its ISO code, exact for any
 * Decimal(20,2): "USD 1,250,000.50", "KRW 32,000,000,000".
 */
export function formatAmount(amount: Decimalish, currency: string | null | undefined, locale: Locale = "en"): string {
  const s = asString(amount);
  if (s === null) return "—";
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return numberFormat(locale, 4).format(s as unknown as number);
  try {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, currencyDisplay: "code", maximumFractionDigits: 2 })
      .format(s as unknown as number)
      .replace(/\u00a0/g, " ");
  } catch {
    return `${currency} ${numberFormat(locale, 4).format(s as unknown as number)}`;
  }
}

/** An amount with its currency's minor units but no currency sign: "1,250,000.50" (USD), "32,000,000,000" (KRW). */
export function formatAmountNumber(amount: Decimalish, currency: string | null | undefined, locale: Locale = "en"): string {
  const s = asString(amount);
  if (s === null) return "—";
  let digits = 2;
  try {
    if (currency && /^[A-Z]{3}$/.test(currency)) {
      digits = new Intl.NumberFormat("en-GB", { style: "currency", currency }).resolvedOptions().minimumFractionDigits ?? 2;
    }
  } catch {
    digits = 2;
  }
  return new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(s as unknown as number);
}
