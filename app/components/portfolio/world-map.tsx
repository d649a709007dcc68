import type { CountryCount } from "~/models/portfolio.server";
import type { MapShape } from "~/models/portfolio-map.server";
import { ChartFigure, ChartTable } from "~/components/charts/chart-figure";
import { useT } from "~/i18n/context";
import { NO_ACTIVITY_FILL, shadeBuckets, shadeFor } from "./map-scale";

// The world map of activities by country: outlines projected on the server
// (portfolio-map.server.ts), shaded here by count. Each shaded country has a
// <title> with its name and count, the legend gives each shade's range in
// words, and the table lists every country with its count. Countries are
// named in the reader's language from their ISO codes.

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
  const t = useT();
  const name = (c: { code: string | null; name: string }) => (c.code ? t.label("country", c.code) : c.name);
  const activityCount = (count: number) => t("portfolio.count.activities", { count });
  const byCode = new Map(counts.map((c) => [c.code, c]));
  const buckets = shadeBuckets(Math.max(0, ...counts.map((c) => c.count)), (min, max) =>
    min === max ? activityCount(min) : t("portfolio.map.range", { min, max, count: max }),
  );
  const drawn = new Set(shapes.map((s) => s.code).filter(Boolean));
  const notDrawn = counts.filter((c) => !drawn.has(c.code));
  const top = counts[0];
  const summary = counts.length
    ? t("portfolio.map.summary", {
        countries: t("portfolio.count.countries", { count: counts.length }),
        name: name(top),
        activities: activityCount(top.count),
      })
    : t("portfolio.map.summaryNone");
  return (
    <ChartFigure
      id="map"
      caption={t("portfolio.map.caption")}
      note={note}
      table={
        counts.length ? (
          <ChartTable
            caption={t("portfolio.map.caption")}
            columns={[t("portfolio.map.country"), t("portfolio.map.activities")]}
            rows={counts.map((c) => [name(c), c.count])}
          />
        ) : (
          <p className="text-slate-600">{t("portfolio.map.noCountry")}</p>
        )
      }
    >
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label={t("portfolio.map.legend")}>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-4 rounded-sm border border-slate-300" style={{ backgroundColor: NO_ACTIVITY_FILL }} />
          {t("portfolio.map.noActivities")}
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
              <title>
                {c
                  ? t("portfolio.map.countryCount", { name: name(c), activities: activityCount(c.count) })
                  : t("portfolio.map.countryNone", { name: name(s) })}
              </title>
            </path>
          );
        })}
      </svg>
      {notDrawn.length ? (
        <p className="mt-2 text-sm text-slate-600">
          {t("portfolio.map.tooSmall", {
            countries: notDrawn.map((c) => t("portfolio.map.countryInBrackets", { name: name(c), activities: activityCount(c.count) })).join(", "),
          })}
        </p>
      ) : null}
    </ChartFigure>
  );
}
