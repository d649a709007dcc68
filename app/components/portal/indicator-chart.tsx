import { useId } from "react";
import { formatMeasure, formatPeriod, percentOfTarget } from "~/utils/labels-results";

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

const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function show(v: string | null, measure: string, unit: string | null): string {
  if (v === null) return "—";
  return measure === "PERCENTAGE" ? `${formatMeasure(v)}%` : formatMeasure(v, unit);
}

function summary(i: ChartIndicator): string {
  const base = i.baselineValue !== null ? `Baseline ${show(i.baselineValue, i.measure, i.unitLabel)}${i.baselineYear ? ` (${i.baselineYear})` : ""}. ` : "";
  const parts = i.periods.map((p) => {
    const pct = percentOfTarget(p.actualValue, p.targetValue);
    return `${formatPeriod(p.periodStart, p.periodEnd)}: ${p.targetValue !== null ? `target ${show(p.targetValue, i.measure, i.unitLabel)}` : "no target"}, ${
      p.actualValue !== null ? `actual ${show(p.actualValue, i.measure, i.unitLabel)}${pct ? ` (${pct}% of target)` : ""}` : "actual not yet reported"
    }`;
  });
  return `${base}${parts.join("; ")}.`;
}

export function IndicatorChart({ indicator: i }: { indicator: ChartIndicator }) {
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
  const ticks = [0, 0.5, 1].map((t) => t * max);
  const baseline = i.baselineValue !== null ? Number(i.baselineValue) : null;
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm border border-slate-500 bg-slate-200" /> Target
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span className="inline-block h-3 w-3 rounded-sm bg-brand-600" /> Actual
        </span>
        {baseline !== null ? (
          <span className="inline-flex items-center gap-1.5">
            <span className="inline-block w-4 border-t-2 border-dashed border-amber-700" /> Baseline
          </span>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <svg role="img" aria-labelledby={captionId} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="h-auto max-w-full">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left} x2={width - 6} y1={y(t)} y2={y(t)} className="stroke-slate-200" strokeWidth={1} />
              <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} className="fill-slate-600">
                {i.measure === "PERCENTAGE" ? `${t}%` : compact.format(t)}
              </text>
            </g>
          ))}
          {i.periods.map((p, n) => {
            const x = left + n * group + (group - 2 * bar - 4) / 2;
            const target = p.targetValue !== null ? Number(p.targetValue) : null;
            const actual = p.actualValue !== null ? Number(p.actualValue) : null;
            const [a, b] = formatPeriod(p.periodStart, p.periodEnd).split(" – ");
            const cx = left + n * group + group / 2;
            return (
              <g key={p.id}>
                {target !== null ? (
                  <>
                    <rect x={x} y={y(target)} width={bar} height={top + plot - y(target)} className="fill-slate-200 stroke-slate-500" strokeWidth={1} />
                    <text x={x + bar / 2} y={y(target) - 3} textAnchor="middle" fontSize={10} className="fill-slate-700">{compact.format(target)}</text>
                  </>
                ) : null}
                {actual !== null ? (
                  <>
                    <rect x={x + bar + 4} y={y(actual)} width={bar} height={top + plot - y(actual)} className="fill-brand-600" />
                    <text x={x + bar + 4 + bar / 2} y={y(actual) - 3} textAnchor="middle" fontSize={10} className="fill-slate-900">{compact.format(actual)}</text>
                  </>
                ) : (
                  <text x={x + bar + 4 + bar / 2} y={top + plot - 4} textAnchor="middle" fontSize={10} className="fill-slate-500">n/a</text>
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
        {summary(i)} The table has the exact figures.
      </figcaption>
    </figure>
  );
}

export function IndicatorTable({ indicator: i }: { indicator: ChartIndicator }) {
  const numeric = i.measure !== "QUALITATIVE";
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Baseline, targets and actual values of “{i.title}”</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Period</th>
            {numeric ? (
              <>
                <th scope="col" className="px-3 py-2 text-right font-medium">Target</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Actual</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">% of target</th>
              </>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">Comment</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {i.baselineValue !== null || i.baselineComment ? (
            <tr className="align-top">
              <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">Baseline{i.baselineYear ? ` (${i.baselineYear})` : ""}</th>
              {numeric ? (
                <>
                  <td className="px-3 py-2 text-right text-slate-500">—</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{show(i.baselineValue, i.measure, i.unitLabel)}</td>
                  <td className="px-3 py-2 text-right text-slate-500">—</td>
                </>
              ) : null}
              <td className="px-3 py-2">{i.baselineComment ?? "—"}</td>
            </tr>
          ) : null}
          {i.periods.map((p) => {
            const pct = percentOfTarget(p.actualValue, p.targetValue);
            return (
              <tr key={p.id} className="align-top">
                <th scope="row" className="whitespace-nowrap px-3 py-2 text-left font-medium">{formatPeriod(p.periodStart, p.periodEnd)}</th>
                {numeric ? (
                  <>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{show(p.targetValue, i.measure, i.unitLabel)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{p.actualValue !== null ? show(p.actualValue, i.measure, i.unitLabel) : "Not yet reported"}</td>
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
