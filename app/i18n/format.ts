import type { Precision } from "~/utils/format";
import { formatDate, formatDateRange, formatMoney, formatNumber, formatUtcDateTime } from "~/utils/format";
import { formatAmount, formatAmountNumber, formatMeasure, formatPeriod } from "~/utils/labels-results";
import type { Translator } from "./translate";

type DateLike = string | Date | null | undefined;
type Decimalish = string | number | { toString(): string } | null | undefined;

/** The display formats of app/utils bound to one language (Intl does the work). */
export type Formatter = ReturnType<typeof createFormatter>;

export function createFormatter(t: Translator) {
  const locale = t.locale;
  return {
    locale,
    date: (value: DateLike, precision: Precision = "DAY") => formatDate(value, precision, locale),
    /** A moment's date and time in UTC ("23 Nov 2026, 16:30 UTC"). */
    dateTime: (value: DateLike) => formatUtcDateTime(value, locale),
    dateRange: (start: DateLike, end: DateLike, precision: Precision = "DAY") =>
      formatDateRange(start, end, precision, locale, (date) => t("common.untilDate", { date })),
    money: (amount: string | number | null | undefined, currency: string | null | undefined) => formatMoney(amount, currency, locale),
    number: (value: number | null | undefined) => formatNumber(value, locale),
    measure: (value: Decimalish, unit?: string | null) => formatMeasure(value, unit, locale),
    period: (start: DateLike, end: DateLike) => formatPeriod(start, end, locale),
    amount: (amount: Decimalish, currency: string | null | undefined) => formatAmount(amount, currency, locale),
    amountNumber: (amount: Decimalish, currency: string | null | undefined) => formatAmountNumber(amount, currency, locale),
  };
}
