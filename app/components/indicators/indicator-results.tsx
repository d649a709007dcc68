import { useId } from "react";
import { useFormat, useT } from "~/i18n/context";
import { INTL_LOCALE } from "~/i18n/locales";
import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import { formatPercent, formatPercentNumber, percentOfTarget } from "~/utils/labels-results";

// The periods of an indicator as a table, and the same figures as a bar chart
// (target beside actual for each period). The table is the chart's full text
// alternative; the chart also carries a one-paragraph summary.

type Num = string | number | null;

export type PeriodView = {
  id: string;
  periodStart: string | Date;
  periodEnd: string | Date;
  targetValue: Num;
  actualValue: Num;
  targetFemale: Num;
  targetMale: Num;
  actualFemale: Num;
  actualMale: Num;
  targetComment: string | null;
  actualComment: string | null;
};

const has = (v: Num) => v !== null && v !== undefined && String(v) !== "";

function bySex(p: PeriodView, t: Translator, fmt: Formatter): string[] {
  const parts: string[] = [];
  const women = (v: Num) => (has(v) ? t("indicators.results.women", { value: fmt.measure(v) }) : t("indicators.results.womenNotGiven"));
  const men = (v: Num) => (has(v) ? t("indicators.results.men", { value: fmt.measure(v) }) : t("indicators.results.menNotGiven"));
  if (has(p.targetFemale) || has(p.targetMale)) {
    parts.push(t("indicators.results.sexTarget", { women: women(p.targetFemale), men: men(p.targetMale) }));
  }
  if (has(p.actualFemale) || has(p.actualMale)) {
    parts.push(t("indicators.results.sexActual", { women: women(p.actualFemale), men: men(p.actualMale) }));
  }
  return parts;
}

function valueText(v: Num, measure: string, unit: string | null, fmt: Formatter): string {
  if (!has(v)) return "—";
  return measure === "PERCENTAGE" ? `${fmt.measure(v)}%` : fmt.measure(v, unit);
}

export function PeriodsTable({ periods, measure, unit }: { periods: PeriodView[]; measure: string; unit: string | null }) {
  const t = useT();
  const fmt = useFormat();
  if (periods.length === 0) return <p className="text-sm text-slate-600">{t("indicators.results.none")}</p>;
  const numeric = measure !== "QUALITATIVE";
  const showSex = numeric && periods.some((p) => bySex(p, t, fmt).length > 0);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("indicators.results.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium text-slate-700">{t("indicators.results.period")}</th>
            {numeric ? (
              <>
                <th scope="col" className="px-3 py-2 text-right font-medium text-slate-700">{t("indicators.results.target")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium text-slate-700">{t("indicators.results.actual")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium text-slate-700">{t("indicators.results.percent")}</th>
              </>
            ) : null}
            {showSex ? <th scope="col" className="px-3 py-2 text-left font-medium text-slate-700">{t("indicators.results.bySex")}</th> : null}
            <th scope="col" className="px-3 py-2 text-left font-medium text-slate-700">{t("indicators.results.comments")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {periods.map((p) => {
            const pct = percentOfTarget(p.actualValue === null ? null : String(p.actualValue), p.targetValue === null ? null : String(p.targetValue));
            const sex = bySex(p, t, fmt);
            return (
              <tr key={p.id} className="align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                  {fmt.period(p.periodStart, p.periodEnd)}
                </th>
                {numeric ? (
                  <>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{valueText(p.targetValue, measure, unit, fmt)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{has(p.actualValue) ? valueText(p.actualValue, measure, unit, fmt) : t("indicators.results.notReported")}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{pct ? formatPercent(pct, fmt.locale) : "—"}</td>
                  </>
                ) : null}
                {showSex ? (
                  <td className="px-3 py-2">
                    {sex.length ? (
                      <ul className="space-y-0.5">
                        {sex.map((s) => (
                          <li key={s}>{s}</li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    )}
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  {p.targetComment || p.actualComment ? (
                    <dl className="space-y-1">
                      {p.targetComment ? (
                        <div>
                          <dt className="inline text-slate-600">{t("indicators.results.targetLabel")} </dt>
                          <dd className="inline whitespace-pre-line">{p.targetComment}</dd>
                        </div>
                      ) : null}
                      {p.actualComment ? (
                        <div>
                          <dt className="inline text-slate-600">{t("indicators.results.actualLabel")} </dt>
                          <dd className="inline whitespace-pre-line">{p.actualComment}</dd>
                        </div>
                      ) : null}
                    </dl>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One sentence per period: what a screen reader hears for the chart. */
export function chartSummary(t: Translator, fmt: Formatter, title: string, periods: PeriodView[], measure: string, unit: string | null): string {
  const parts = periods.map((p) => {
    const pct = percentOfTarget(p.actualValue === null ? null : String(p.actualValue), p.targetValue === null ? null : String(p.targetValue));
    const target = has(p.targetValue) ? t("indicators.chart.target", { value: valueText(p.targetValue, measure, unit, fmt) }) : t("indicators.chart.noTarget");
    const value = valueText(p.actualValue, measure, unit, fmt);
    const actual = has(p.actualValue)
      ? pct
        ? t("indicators.chart.actualPercent", { value, percent: formatPercentNumber(pct, fmt.locale) })
        : t("indicators.chart.actual", { value })
      : t("indicators.chart.noActual");
    return t("indicators.chart.part", { period: fmt.period(p.periodStart, p.periodEnd), target, actual });
  });
  return t("indicators.chart.summary", { title, parts: parts.join(t("indicators.chart.partSeparator")) });
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

/** A period under its bars: on two lines ("1 Jan 2022 –" / "30 Jun 2022") when it is a range. */
function PeriodLabel({ x, y, label }: { x: number; y: number; label: string }) {
  const [a, b] = label.split(" – ");
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={11} className="fill-slate-800">
      {b === undefined ? (
        label
      ) : (
        <>
          <tspan x={x}>{`${a} –`}</tspan>
          <tspan x={x} dy={13}>
            {b}
          </tspan>
        </>
      )}
    </text>
  );
}

/**
 * Target and actual side by side for each period, drawn as plain SVG (no
 * charting library, nothing to load). Negative values are drawn as zero; the
 * table beside it has the exact figures.
 */
export function TargetActualChart({ title, periods, measure, unit }: { title: string; periods: PeriodView[]; measure: string; unit: string | null }) {
  const t = useT();
  const fmt = useFormat();
  const captionId = useId();
  const compact = new Intl.NumberFormat(INTL_LOCALE[fmt.locale], { notation: "compact", maximumFractionDigits: 1 });
  const numbers = periods.flatMap((p) => [p.targetValue, p.actualValue]).filter(has).map(Number);
  if (measure === "QUALITATIVE" || numbers.length === 0) return null;
  const max = measure === "PERCENTAGE" ? 100 : niceMax(Math.max(...numbers));
  const left = 56;
  const top = 16;
  const plotHeight = 180;
  const group = 96;
  const bar = 30;
  const width = left + Math.max(periods.length, 2) * group + 16;
  const height = top + plotHeight + 48;
  const y = (v: number) => top + plotHeight - (Math.max(0, Math.min(v, max)) / max) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * max);
  const summary = chartSummary(t, fmt, title, periods, measure, unit);
  const barLabel = (v: number) => (measure === "PERCENTAGE" ? `${compact.format(v)}%` : compact.format(v));
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm border border-slate-500 bg-slate-200" /> {t("indicators.results.target")}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-brand-600" /> {t("indicators.results.actual")}
        </span>
      </div>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-labelledby={captionId}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          className="h-auto max-w-full"
        >
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={left} x2={width - 8} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
              <text x={left - 6} y={y(tick) + 4} textAnchor="end" className="fill-slate-600" fontSize={11}>
                {measure === "PERCENTAGE" ? `${tick}%` : compact.format(tick)}
              </text>
            </g>
          ))}
          {periods.map((p, i) => {
            const x = left + i * group + (group - 2 * bar - 4) / 2;
            const target = has(p.targetValue) ? Number(p.targetValue) : null;
            const actual = has(p.actualValue) ? Number(p.actualValue) : null;
            return (
              <g key={p.id}>
                {target !== null ? (
                  <>
                    <rect x={x} y={y(target)} width={bar} height={top + plotHeight - y(target)} className="fill-slate-200 stroke-slate-500" strokeWidth={1} />
                    <text x={x + bar / 2} y={y(target) - 4} textAnchor="middle" fontSize={10} className="fill-slate-700">
                      {barLabel(target)}
                    </text>
                  </>
                ) : null}
                {actual !== null ? (
                  <>
                    <rect x={x + bar + 4} y={y(actual)} width={bar} height={top + plotHeight - y(actual)} className="fill-brand-600" />
                    <text x={x + bar + 4 + bar / 2} y={y(actual) - 4} textAnchor="middle" fontSize={10} className="fill-slate-900">
                      {barLabel(actual)}
                    </text>
                  </>
                ) : (
                  <text x={x + bar + 4 + bar / 2} y={top + plotHeight - 4} textAnchor="middle" fontSize={10} className="fill-slate-500">
                    {t("indicators.chart.na")}
                  </text>
                )}
                <PeriodLabel x={left + i * group + group / 2} y={top + plotHeight + 18} label={fmt.period(p.periodStart, p.periodEnd)} />
              </g>
            );
          })}
          <line x1={left} x2={width - 8} y1={top + plotHeight} y2={top + plotHeight} className="stroke-slate-500" strokeWidth={1} />
        </svg>
      </div>
      <figcaption id={captionId} className="text-xs text-slate-600">
        {summary} {t("indicators.chart.exact")}
      </figcaption>
    </figure>
  );
}
