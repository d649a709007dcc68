import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import { plainNumber } from "~/utils/labels-results";
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
export function indicatorColumns(t: Translator, fmt: Formatter): Column<IndicatorListRow>[] {
  return [
    { key: "title", header: t("indicators.col.title"), text: (r) => r.title, sortKey: "title" },
    { key: "programme", header: t("indicators.col.programme"), text: (r) => r.programme.title, sortKey: "programme" },
    { key: "resultType", header: t("indicators.col.resultType"), text: (r) => t.label("resultType", r.resultType), sortKey: "type" },
    { key: "measure", header: t("indicators.col.measure"), text: (r) => t.label("indicatorMeasureShort", r.measure) },
    { key: "unit", header: t("indicators.col.unit"), text: (r) => (r.measure === "PERCENTAGE" && !r.unitLabel ? "%" : (r.unitLabel ?? "")) },
    { key: "baseline", header: t("indicators.col.baseline"), text: (r) => baselineText(r.baselineValue, r.baselineYear), align: "right" },
    { key: "latestPeriod", header: t("indicators.col.latestPeriod"), text: (r) => (r.latest ? fmt.period(r.latest.periodStart, r.latest.periodEnd) : "") },
    { key: "latestTarget", header: t("indicators.col.latestTarget"), text: (r) => plainNumber(r.latest?.targetValue), align: "right" },
    { key: "latestActual", header: t("indicators.col.latestActual"), text: (r) => plainNumber(r.latest?.actualValue), align: "right" },
    { key: "percent", header: t("indicators.col.percent"), text: (r) => r.latest?.percent ?? "", align: "right" },
  ];
}
