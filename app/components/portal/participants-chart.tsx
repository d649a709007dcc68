import { useId } from "react";
import { useFormat, useT } from "~/i18n/context";

// Participants by sex and year, as a table and as a stacked bar chart (inline
// SVG, server-rendered). Colours are backed by the legend, the bar labels and
// the table, so nothing is told by colour alone.

export type ParticipantsRow = { year: number | null; female: number; male: number; other: number; notRecorded: number; total: number; activities: number };

const SERIES = [
  { key: "female", label: "portal.participants.women", className: "fill-brand-700", swatch: "bg-brand-700" },
  { key: "male", label: "portal.participants.men", className: "fill-sky-400", swatch: "bg-sky-400" },
  { key: "other", label: "portal.participants.other", className: "fill-amber-500", swatch: "bg-amber-500" },
  { key: "notRecorded", label: "portal.participants.sexNotRecorded", className: "fill-slate-300", swatch: "bg-slate-300" },
] as const;

export function ParticipantsTable({ rows }: { rows: ParticipantsRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const sum = (k: Exclude<keyof ParticipantsRow, "year">) => rows.reduce((n, r) => n + r[k], 0);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("portal.participants.caption")}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">{t("portal.participants.year")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.women")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.men")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.other")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.notRecorded")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.total")}</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{t("portal.participants.activities")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {rows.map((r) => (
            <tr key={r.year ?? "undated"}>
              <th scope="row" className="px-3 py-2 text-left font-medium">{r.year ?? t("portal.participants.yearNotRecorded")}</th>
              <td className="px-3 py-2 text-right">{fmt.number(r.female)}</td>
              <td className="px-3 py-2 text-right">{fmt.number(r.male)}</td>
              <td className="px-3 py-2 text-right">{fmt.number(r.other)}</td>
              <td className="px-3 py-2 text-right">{fmt.number(r.notRecorded)}</td>
              <td className="px-3 py-2 text-right font-semibold">{fmt.number(r.total)}</td>
              <td className="px-3 py-2 text-right">{fmt.number(r.activities)}</td>
            </tr>
          ))}
        </tbody>
        {rows.length > 1 ? (
          <tfoot className="border-t-2 border-slate-300 tabular-nums">
            <tr>
              <th scope="row" className="px-3 py-2 text-left font-semibold">{t("portal.participants.allYears")}</th>
              <td className="px-3 py-2 text-right">{fmt.number(sum("female"))}</td>
              <td className="px-3 py-2 text-right">{fmt.number(sum("male"))}</td>
              <td className="px-3 py-2 text-right">{fmt.number(sum("other"))}</td>
              <td className="px-3 py-2 text-right">{fmt.number(sum("notRecorded"))}</td>
              <td className="px-3 py-2 text-right font-semibold">{fmt.number(sum("total"))}</td>
              <td className="px-3 py-2 text-right">{fmt.number(sum("activities"))}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** Horizontal stacked bars, one per year, so long years lists stay readable on a phone. */
export function ParticipantsChart({ rows }: { rows: ParticipantsRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const captionId = useId();
  if (rows.length === 0) return null;
  const max = Math.max(...rows.map((r) => r.total), 1);
  const left = 44;
  const right = 52;
  const plot = 320;
  const barH = 22;
  const gap = 12;
  const width = left + plot + right;
  const height = rows.length * (barH + gap) + gap;
  // The chart's text alternative: every figure of every bar, in words.
  const text = rows
    .map((r) =>
      t("portal.participants.chartYear", {
        year: r.year === null ? t("portal.participants.yearNotRecorded") : String(r.year),
        total: t("portal.participants.count", { count: r.total }),
        details: [
          t("portal.participants.womenCount", { count: r.female }),
          t("portal.participants.menCount", { count: r.male }),
          r.other ? t("portal.participants.otherCount", { count: r.other }) : null,
          r.notRecorded ? t("portal.participants.notRecordedCount", { count: r.notRecorded }) : null,
        ]
          .filter(Boolean)
          .join(", "),
      }),
    )
    .join("; ");
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5">
            <span className={`inline-block h-3 w-3 rounded-sm ${s.swatch}`} /> {t(s.label)}
          </span>
        ))}
      </div>
      <svg role="img" aria-labelledby={captionId} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-xl">
        {rows.map((r, n) => {
          const yTop = gap + n * (barH + gap);
          let x = left;
          return (
            <g key={r.year ?? "undated"}>
              <text x={left - 6} y={yTop + barH / 2 + 4} textAnchor="end" fontSize={12} className="fill-slate-800">{r.year ?? "—"}</text>
              {SERIES.map((s) => {
                const v = r[s.key];
                const w = (v / max) * plot;
                const rect = v > 0 ? <rect key={s.key} x={x} y={yTop} width={w} height={barH} className={s.className} /> : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={yTop + barH / 2 + 4} fontSize={12} className="fill-slate-900 font-semibold">{fmt.number(r.total)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption id={captionId} className="text-xs text-slate-600">
        {t("portal.participants.chartIntro")} {text}.
      </figcaption>
    </figure>
  );
}
