import { CHART_WIDTH, VALUE_WIDTH, clip, scaled, seriesColour } from "./palette";

// Horizontal grouped bars: for each category (a donor and year) its label on
// a line of its own (donor names are long), then one bar per series
// (commitment, disbursement) on a shared scale, each with its value written
// beside it and a <title>.

export type GroupedRow = { label: string; values: number[]; display?: string[] };

const LABEL = 15;
const BAR = 12;
const GAP = 10;

export function GroupedBarChart({ series, rows, summary }: { series: string[]; rows: GroupedRow[]; summary: string }) {
  const max = Math.max(0, ...rows.flatMap((r) => r.values));
  const plot = CHART_WIDTH - VALUE_WIDTH - 4;
  const group = LABEL + series.length * (BAR + 2) + GAP;
  const height = Math.max(group, rows.length * group);
  return (
    <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-label={summary} className="h-auto w-full max-w-md" fontSize="11">
      {rows.map((row, i) => {
        const y0 = i * group;
        return (
          <g key={row.label}>
            <text x={0} y={y0 + 11} fill="#1e293b" fontWeight="600">
              {clip(row.label, 60)}
              <title>{row.label}</title>
            </text>
            {row.values.map((v, s) => {
              const y = y0 + LABEL + s * (BAR + 2);
              const w = scaled(v, max, plot);
              const text = row.display?.[s] ?? String(v);
              return (
                <g key={series[s]}>
                  <title>{`${row.label}, ${series[s]}: ${text}`}</title>
                  <rect x={0} y={y} width={plot} height={BAR} fill="#f1f5f9" />
                  <rect x={0} y={y} width={w} height={BAR} fill={seriesColour(s)} />
                  <text x={w + 4} y={y + BAR - 2.5} fill="#0f172a" fontSize="10">
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
