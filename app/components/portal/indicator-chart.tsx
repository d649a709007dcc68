import { useId } from "react";
import { useFormat, useT } from "~/i18n/context";
import type { Formatter } from "~/i18n/format";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { percentOfTarget } from "~/utils/labels-results";

// One indicator's baseline, targets and actual values by period: an inline
// SVG drawn on the server (nothing to load, works without JavaScript) and a
// table with the same figures, which is the chart's text alternative.

export type ChartPeriod = {
  id: string;
  periodStart: string;
  periodEnd: string;
  targetValue: string | null;
  actualValue: string | null;
  targetComment: string | null;
  actualComment: string | null;
};

export type ChartIndicator = {
  id: string;
  title: string;
  measure: string;
  unitLabel: string | null;
  baselineValue: string | null;
  baselineYear: number | null;
  baselineComment: string | null;
  periods: ChartPeriod[];
};

const compactFormats = new Map<Locale, Intl.NumberFormat>();
function compact(locale: Locale): Intl.NumberFormat {
  let f = compactFormats.get(locale);
  if (!f) compactFormats.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale], { notation: "compact", maximumFractionDigits: 1 })));
  return f;
}

/** percentOfTarget's "97.7" in the language ("97,7" in Russian); English as it is. */
function share(pct: string, locale: Locale): string {
  if (!pct || locale === "en") return pct;
  return new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }).format(Number(pct));
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function show(fmt: Formatter, v: string | null, measure: string, unit: string | null): string {
  if (v === null) return "—";
  return measure === "PERCENTAGE" ? `${fmt.measure(v)}%` : fmt.measure(v, unit);
}

/** The chart's text alternative: every figure the bars show, in words. */
function summary(t: Translator, fmt: Formatter, i: ChartIndicator): string {
  const value = (v: string | null) => show(fmt, v, i.measure, i.unitLabel);
  const base =
    i.baselineValue !== null
      ? `${
          i.baselineYear
            ? t("portal.chart.summaryBaselineYear", { value: value(i.baselineValue), year: String(i.baselineYear) })
            : t("portal.chart.summaryBaseline", { value: value(i.baselineValue) })
        } `
      : "";
  const parts = i.periods.map((p) => {
    const pct = share(percentOfTarget(p.actualValue, p.targetValue), t.locale);
    return t("portal.chart.summaryPeriod", {
      period: fmt.period(p.periodStart, p.periodEnd),
      target: p.targetValue !== null ? t("portal.chart.summaryTarget", { value: value(p.targetValue) }) : t("portal.chart.summaryNoTarget"),
      actual:
        p.actualValue !== null
          ? pct
            ? t("portal.chart.summaryActualShare", { value: value(p.actualValue), share: pct })
            : t("portal.chart.summaryActual", { value: value(p.actualValue) })
          : t("portal.chart.summaryNoActual"),
    });
  });
  return `${base}${parts.join("; ")}.`;
}

export function IndicatorChart({ indicator: i }: { indicator: ChartIndicator }) {
  const t = useT();
  const fmt = useFormat();
  const captionId = useId();
  const numbers = [i.baselineValue, ...i.periods.flatMap((p) => [p.targetValue, p.actualValue])].filter((v): v is string => v !== null).map(Number);
  if (i.measure === "QUALITATIVE" || numbers.length === 0) return null;
  const max = i.measure === "PERCENTAGE" ? 100 : niceMax(Math.max(...numbers));
  const left = 48;
  const top = 14;
  const plot = 150;
  const group = 84;
  const bar = 26;
  const width = left + Math.max(i.periods.length, 2) * group + 12;
  const height = top + plot + 44;
  const y = (v: number) => top + plot - (Math.max(0, Math.min(v, max)) / max) * plot;
  const ticks = [0, 0.5, 1].map((share) => share * max);
  const baseline = i.baselineValue !== null ? Number(i.baselineValue) : null;
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm border border-slate-500 bg-slate-200" /> {t("portal.chart.target")}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-brand-600" /> {t("portal.chart.actual")}
        </span>
        {baseline !== null ? (
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block w-4 border-t-2 border-dashed border-amber-700" /> {t("portal.chart.baseline")}
          </span>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <svg role="img" aria-labelledby={captionId} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="h-auto max-w-full">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={left} x2={width - 6} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
              <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} className="fill-slate-600">
                {i.measure === "PERCENTAGE" ? `${tick}%` : compact(t.locale).format(tick)}
              </text>
            </g>
          ))}
          {i.periods.map((p, n) => {
            const x = left + n * group + (group - 2 * bar - 4) / 2;
            const target = p.targetValue !== null ? Number(p.targetValue) : null;
            const actual = p.actualValue !== null ? Number(p.actualValue) : null;
            const [a, b] = fmt.period(p.periodStart, p.periodEnd).split(" – ");
            const cx = left + n * group + group / 2;
            return (
              <g key={p.id}>
                {target !== null ? (
                  <>
                    <rect x={x} y={y(target)} width={bar} height={top + plot - y(target)} className="fill-slate-200 stroke-slate-500" strokeWidth={1} />
                    <text x={x + bar / 2} y={y(target) - 3} textAnchor="middle" fontSize={10} className="fill-slate-700">{compact(t.locale).format(target)}</text>
                  </>
                ) : null}
                {actual !== null ? (
                  <>
                    <rect x={x + bar + 4} y={y(actual)} width={bar} height={top + plot - y(actual)} className="fill-brand-600" />
                    <text x={x + bar + 4 + bar / 2} y={y(actual) - 3} textAnchor="middle" fontSize={10} className="fill-slate-900">{compact(t.locale).format(actual)}</text>
                  </>
                ) : (
                  <text x={x + bar + 4 + bar / 2} y={top + plot - 4} textAnchor="middle" fontSize={10} className="fill-slate-500">{t("portal.chart.notAvailable")}</text>
                )}
                <text x={cx} y={top + plot + 16} textAnchor="middle" fontSize={10} className="fill-slate-800">
                  <tspan x={cx}>{b === undefined ? a : `${a} –`}</tspan>
                  {b !== undefined ? <tspan x={cx} dy={12}>{b}</tspan> : null}
                </text>
              </g>
            );
          })}
          {baseline !== null ? (
            <line x1={left} x2={width - 6} y1={y(baseline)} y2={y(baseline)} className="stroke-amber-700" strokeWidth={2} strokeDasharray="6 4" />
          ) : null}
          <line x1={left} x2={width - 6} y1={top + plot} y2={top + plot} className="stroke-slate-500" strokeWidth={1} />
        </svg>
      </div>
      <figcaption id={captionId} className="text-xs text-slate-600">
        {summary(t, fmt, i)} {t("portal.chart.exactFigures")}
      </figcaption>
    </figure>
  );
}

export function IndicatorTable({ indicator: i }: { indicator: ChartIndicator }) {
  const t = useT();
  const fmt = useFormat();
  const numeric = i.measure !== "QUALITATIVE";
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("portal.chart.tableCaption", { title: i.title })}</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("portal.chart.period")}</th>
            {numeric ? (
              <>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.chart.target")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.chart.actual")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.chart.shareOfTarget")}</th>
              </>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">{t("portal.chart.comment")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {i.baselineValue !== null || i.baselineComment ? (
            <tr className="align-top">
              <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">
                {i.baselineYear ? t("portal.chart.baselineYear", { year: String(i.baselineYear) }) : t("portal.chart.baseline")}
              </th>
              {numeric ? (
                <>
                  <td className="px-3 py-2 text-right text-slate-500">—</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{show(fmt, i.baselineValue, i.measure, i.unitLabel)}</td>
                  <td className="px-3 py-2 text-right text-slate-500">—</td>
                </>
              ) : null}
              <td className="px-3 py-2">{i.baselineComment ?? "—"}</td>
            </tr>
          ) : null}
          {i.periods.map((p) => {
            const pct = share(percentOfTarget(p.actualValue, p.targetValue), t.locale);
            return (
              <tr key={p.id} className="align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">{fmt.period(p.periodStart, p.periodEnd)}</th>
                {numeric ? (
                  <>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{show(fmt, p.targetValue, i.measure, i.unitLabel)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{p.actualValue !== null ? show(fmt, p.actualValue, i.measure, i.unitLabel) : t("portal.chart.notYetReported")}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{pct ? `${pct}%` : "—"}</td>
                  </>
                ) : null}
                <td className="px-3 py-2">{[p.targetComment, p.actualComment].filter(Boolean).join(" · ") || "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
