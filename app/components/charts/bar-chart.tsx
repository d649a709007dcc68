import { CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH, clip, scaled, seriesColour } from "./palette";

// Horizontal bars, one per category, with the value written beside each bar.
// Server-rendered SVG that scales with its viewBox; the words are in the
// aria-label and in each bar's <title>.

export type Bar = { label: string; value: number; display?: string; colour?: string };

const ROW = 26;
const BAR = 16;

export function BarChart({ bars, summary }: { bars: Bar[]; summary: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const plot = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, bars.length * ROW) + 4;
  return (
    <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img" aria-label={summary} className="h-auto w-full max-w-md" fontSize="11">
      {bars.map((b, i) => {
        const y = 2 + i * ROW;
        const w = scaled(b.value, max, plot);
        const text = b.display ?? String(b.value);
        return (
          <g key={b.label}>
            <title>{`${b.label}: ${text}`}</title>
            <text x={LABEL_WIDTH - 6} y={y + BAR / 2 + 4} textAnchor="end" fill="#1e293b">
              {clip(b.label)}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={plot} height={BAR} fill="#f1f5f9" />
            <rect x={LABEL_WIDTH} y={y} width={w} height={BAR} fill={b.colour ?? seriesColour(0)} />
            <text x={LABEL_WIDTH + w + 4} y={y + BAR / 2 + 4} fill="#0f172a" fontWeight="600">
              {text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
