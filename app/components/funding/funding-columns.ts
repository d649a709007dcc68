import { FUNDING_KIND_LABELS } from "~/utils/labels-results";
import type { Column } from "~/utils/list-query";

type Day = string | Date;

export type FundingListRow = {
  id: string;
  kind: string;
  fiscalYear: number | null;
  periodStart: Day | null;
  periodEnd: Day | null;
  transactionDate: Day | null;
  valueDate: Day;
  /** Two decimals, no grouping: "1250000.50". */
  amount: string;
  currency: string;
  description: string | null;
  archivedAt: Day | null;
  programme: { code: string; title: string };
  provider: { id: string; shortName: string } | null;
  receiver: { id: string; shortName: string } | null;
};

/** A calendar date as yyyy-mm-dd (what spreadsheets read without guessing the locale). */
export function isoDay(value: Day | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : d.toISOString().slice(0, 10);
}

/** The transaction date, or a budget's period. */
export function dateOrPeriodText(r: Pick<FundingListRow, "kind" | "periodStart" | "periodEnd" | "transactionDate">): string {
  if (r.kind === "BUDGET") return r.periodStart || r.periodEnd ? `${isoDay(r.periodStart)} to ${isoDay(r.periodEnd)}` : "";
  return isoDay(r.transactionDate);
}

/**
 * The funding list's columns: the table shows them and the CSV holds exactly
 * them. Cells are plain values (ISO dates, amounts as "1250000.50" beside a
 * currency column) so a spreadsheet can sum the CSV; the table renders the
 * same values formatted for reading.
 */
export const FUNDING_COLUMNS: Column<FundingListRow>[] = [
  { key: "valueDate", header: "Value date", text: (r) => isoDay(r.valueDate), sortKey: "valueDate" },
  { key: "kind", header: "Kind", text: (r) => FUNDING_KIND_LABELS[r.kind] ?? r.kind, sortKey: "kind" },
  { key: "programme", header: "Programme", text: (r) => r.programme.title, sortKey: "programme" },
  { key: "provider", header: "Provider", text: (r) => r.provider?.shortName ?? "" },
  { key: "receiver", header: "Receiver", text: (r) => r.receiver?.shortName ?? "" },
  { key: "dateOrPeriod", header: "Transaction date or budget period", text: dateOrPeriodText },
  { key: "description", header: "Description", text: (r) => r.description ?? "" },
  { key: "amount", header: "Amount", text: (r) => r.amount, sortKey: "amount", align: "right" },
  { key: "currency", header: "Currency", text: (r) => r.currency },
];
