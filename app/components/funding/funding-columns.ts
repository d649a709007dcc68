import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";
import { isTransactionKind } from "~/schemas/funding";

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

/** The transaction date, or the period of a budget or planned disbursement ("2024-01-01 to 2024-12-31"). */
export function dateOrPeriodText(t: Translator, r: Pick<FundingListRow, "kind" | "periodStart" | "periodEnd" | "transactionDate">): string {
  if (!isTransactionKind(r.kind)) return r.periodStart || r.periodEnd ? t("funding.col.periodText", { start: isoDay(r.periodStart), end: isoDay(r.periodEnd) }) : "";
  return isoDay(r.transactionDate);
}

/**
 * The funding list's columns: the table shows them and the CSV holds exactly
 * them. Cells are plain values (ISO dates, amounts as "1250000.50" beside a
 * currency column) so a spreadsheet can sum the CSV; the table renders the
 * same values formatted for reading.
 */
export function fundingColumns(t: Translator, _fmt?: Formatter): Column<FundingListRow>[] {
  return [
    { key: "valueDate", header: t("funding.col.valueDate"), text: (r) => isoDay(r.valueDate), sortKey: "valueDate" },
    { key: "kind", header: t("funding.col.kind"), text: (r) => t.label("fundingKind", r.kind), sortKey: "kind" },
    { key: "programme", header: t("funding.col.programme"), text: (r) => r.programme.title, sortKey: "programme" },
    { key: "provider", header: t("funding.col.provider"), text: (r) => r.provider?.shortName ?? "" },
    { key: "receiver", header: t("funding.col.receiver"), text: (r) => r.receiver?.shortName ?? "" },
    { key: "dateOrPeriod", header: t("funding.col.dateOrPeriod"), text: (r) => dateOrPeriodText(t, r) },
    { key: "description", header: t("funding.col.description"), text: (r) => r.description ?? "" },
    { key: "amount", header: t("funding.col.amount"), text: (r) => r.amount, sortKey: "amount", align: "right" },
    { key: "currency", header: t("funding.col.currency"), text: (r) => r.currency },
  ];
}
