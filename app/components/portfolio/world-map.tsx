import type { CountryCount } from "~/models/portfolio.server";
import type { MapShape } from "~/models/portfolio-map.server";
import { ChartFigure, ChartTable } from "~/components/charts/chart-figure";
import { NO_ACTIVITY_FILL, activityCount, shadeBuckets, shadeFor } from "./map-scale";

// The world map of activities by country: outlines projected on the server
// (portfolio-map.server.ts), shaded here by count. Each shaded country has a
// <title> with its name and count, the legend gives each shade's range in
// words, and the table lists every country with its count.

export function WorldMap({
  shapes,
  width,
  height,
  counts,
  note,
}: {
  shapes: MapShape[];
  width: number;
  height: number;
  counts: CountryCount[];
  note: string;
}) {
  const byCode = new Map(counts.map((c) => [c.code, c]));
  const buckets = shadeBuckets(Math.max(0, ...counts.map((c) => c.count)));
  const drawn = new Set(shapes.map((s) => s.code).filter(Boolean));
  const notDrawn = counts.filter((c) => !drawn.has(c.code));
  const top = counts[0];
  const summary = counts.length
    ? `World map of activities by country: ${counts.length} ${counts.length === 1 ? "country" : "countries"}; the most in ${top.name} (${activityCount(top.count)}).`
    : "World map of activities by country: no activity has a country yet.";
  return (
    <ChartFigure
      id="map"
      caption="Activities by country"
      note={note}
      table={
        counts.length ? (
          <ChartTable caption="Activities by country" columns={["Country", "Activities"]} rows={counts.map((c) => [c.name, c.count])} />
        ) : (
          <p className="text-slate-600">No activity in this selection has a country.</p>
        )
      }
    >
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="Map legend">
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-4 rounded-sm border border-slate-300" style={{ backgroundColor: NO_ACTIVITY_FILL }} />
          No activities
        </li>
        {buckets.map((b) => (
          <li key={b.label} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-3 w-4 rounded-sm" style={{ backgroundColor: b.colour }} />
            {b.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-auto w-full rounded bg-sky-50">
        {shapes.map((s, i) => {
          const c = s.code ? byCode.get(s.code) : undefined;
          return (
            <path
              key={`${s.code ?? s.name}-${i}`}
              d={s.d}
              data-country={s.code ?? undefined}
              fill={c ? shadeFor(c.count, buckets) : NO_ACTIVITY_FILL}
              stroke="#ffffff"
              strokeWidth={0.5}
            >
              <title>{c ? `${c.name}: ${activityCount(c.count)}` : `${s.name}: no activities`}</title>
            </path>
          );
        })}
      </svg>
      {notDrawn.length ? (
        <p className="mt-2 text-sm text-slate-600">
          Too small to draw at this scale: {notDrawn.map((c) => `${c.name} (${activityCount(c.count)})`).join(", ")}.
        </p>
      ) : null}
    </ChartFigure>
  );
}
