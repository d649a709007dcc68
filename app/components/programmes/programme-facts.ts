import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";

// A programme's dates and budget as every page shows them (the rule is
// programmeFacts in app/models/programme.server.ts): the stored figures, else
// the records', saying so.

type DateValue = string | Date | null;

export type ProgrammeFactsView = {
  start: DateValue;
  end: DateValue;
  datesFromRecords: boolean;
  budgets: { amount: string; currency: string }[];
  budgetFromFunding: boolean;
};

/** "1 Jan 2019 – 31 Dec 2022 (from the records)", or "—" when nothing is dated. */
export function programmeDates(t: Translator, fmt: Formatter, f: ProgrammeFactsView): string {
  if (!f.start && !f.end) return "—";
  const range = fmt.dateRange(f.start, f.end);
  return f.datesFromRecords ? t("common.fromRecords", { value: range }) : range;
}

/** "KRW 1,165,700,000,000 (from funding)", each currency apart, or "—". */
export function programmeBudget(t: Translator, fmt: Formatter, f: ProgrammeFactsView): string {
  if (f.budgets.length === 0) return "—";
  const amounts = f.budgets.map((b) => fmt.money(b.amount, b.currency)).join(" · ");
  return f.budgetFromFunding ? t("common.fromFunding", { value: amounts }) : amounts;
}
