import { useT } from "~/i18n/context";
import { CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, clip, scaled, seriesColour } from "./palette";

// Horizontal stacked bars: one bar per category (a year), split into series
// (activity kinds, participants by sex). The bar's total is written at its
// end; each segment has a <title> with its series and value. Series colours
// follow the order of `series`, matching the Legend of the ChartFigure.

export type StackedRow = { label: string; values: number[] };

const ROW = 26;
const BAR = 16;

export function StackedBarChart({
  series,
  rows,
  summary,
  format = (n: number) => String(n),
}: {
  series: string[];
  rows: StackedRow[];
  summary: string;
  format?: (n: number) => string;
}) {
  const t = useT();
  const totals = rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(0, ...totals);
  const plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, rows.length * ROW) + 4;
  return (
    <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-label={summary} className="h-auto w-full max-w-md" fontSize="11">
      {rows.map((row, i) => {
        const y = 2 + i * ROW;
        let x = LABEL_WIDTH;
        const total = totals[i];
        const width = scaled(total, max, plot);
        return (
          <g key={row.label}>
            <title>{t("common.chart.inAll", { label: row.label, value: format(total) })}</title>
            <text x={LABEL_WIDTH - 6} y={y + BAR / 2 + 4} textAnchor="end" fill="#1e293b">
              {clip(row.label)}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={plot} height={BAR} fill="#f1f5f9" />
            {row.values.map((v, s) => {
              if (v <= 0) return null;
              const w = total > 0 ? (v / total) * width : 0;
              const seg = (
                <rect key={series[s]} x={x} y={y} width={w} height={BAR} fill={seriesColour(s)} stroke="#fff" strokeWidth="0.5">
                  <title>{`${row.label}, ${series[s]}: ${format(v)}`}</title>
                </rect>
              );
              x += w;
              return seg;
            })}
            <text x={LABEL_WIDTH + width + 4} y={y + BAR / 2 + 4} fill="#0f172a" fontWeight="600">
              {format(total)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
