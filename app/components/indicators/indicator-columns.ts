import { formatPeriod, INDICATOR_MEASURE_SHORT, plainNumber, RESULT_TYPE_LABELS } from "~/utils/labels-results";
import type { Column } from "~/utils/list-query";

export type IndicatorListRow = {
  id: string;
  title: string;
  resultType: string;
  measure: string;
  unitLabel: string | null;
  baselineValue: string | null;
  baselineYear: number | null;
  archivedAt: string | Date | null;
  programme: { code: string; title: string };
  latest: {
    periodStart: string | Date;
    periodEnd: string | Date;
    targetValue: string | null;
    actualValue: string | null;
    percent: string;
  } | null;
};

/** "140000 (2021)": the baseline value and the year it was measured. */
export function baselineText(value: string | null, year: number | null): string {
  const v = plainNumber(value);
  if (v && year) return `${v} (${year})`;
  if (year) return `(${year})`;
  return v;
}

/**
 * The indicator list's columns: the table shows them and the CSV holds exactly
 * them. Figures are plain numbers here (so a spreadsheet can compute with the
 * CSV); the table renders them with thousands separators.
 */
export const INDICATOR_COLUMNS: Column<IndicatorListRow>[] = [
  { key: "title", header: "Indicator", text: (r) => r.title, sortKey: "title" },
  { key: "programme", header: "Programme", text: (r) => r.programme.title, sortKey: "programme" },
  { key: "resultType", header: "Result type", text: (r) => RESULT_TYPE_LABELS[r.resultType] ?? r.resultType, sortKey: "type" },
  { key: "measure", header: "Measure", text: (r) => INDICATOR_MEASURE_SHORT[r.measure] ?? r.measure },
  { key: "unit", header: "Unit", text: (r) => (r.measure === "PERCENTAGE" && !r.unitLabel ? "%" : (r.unitLabel ?? "")) },
  { key: "baseline", header: "Baseline", text: (r) => baselineText(r.baselineValue, r.baselineYear), align: "right" },
  { key: "latestPeriod", header: "Latest period", text: (r) => (r.latest ? formatPeriod(r.latest.periodStart, r.latest.periodEnd) : "") },
  { key: "latestTarget", header: "Latest target", text: (r) => plainNumber(r.latest?.targetValue), align: "right" },
  { key: "latestActual", header: "Latest actual", text: (r) => plainNumber(r.latest?.actualValue), align: "right" },
  { key: "percent", header: "% of target", text: (r) => r.latest?.percent ?? "", align: "right" },
];
