import type { ReactNode } from "react";
import { useT } from "~/i18n/context";
import { seriesColour } from "./palette";

// The frame every chart shares: a <figure> whose caption names it, the SVG
// (role="img" with a summary in words as its aria-label), a legend in text,
// and the same numbers as a table behind "Show the data as a table" (a
// native <details>, so it opens without JavaScript).

export function ChartFigure({
  id,
  caption,
  note,
  legend,
  children,
  table,
}: {
  id: string;
  caption: string;
  note?: ReactNode;
  legend?: string[];
  children: ReactNode;
  table: ReactNode;
}) {
  const t = useT();
  return (
    <figure aria-labelledby={`${id}-caption`} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <figcaption id={`${id}-caption`} className="text-base font-semibold text-slate-900">
        {caption}
      </figcaption>
      {note ? <p className="mt-1 text-sm text-slate-600">{note}</p> : null}
      {legend && legend.length > 0 ? <Legend items={legend} /> : null}
      <div className="mt-3">{children}</div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 hover:underline">{t("common.chart.showTable")}</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

export function Legend({ items }: { items: string[] }) {
  const t = useT();
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label={t("common.chart.legend")}>
      {items.map((label, i) => (
        <li key={label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: seriesColour(i) }} />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** A plain, readable data table for a chart (first column is the row header). */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table className="min-w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 text-left">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`px-2 py-1.5 font-semibold ${i > 0 ? "text-right" : ""}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r} className="border-b border-slate-100">
            {row.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-2 py-1.5 text-left font-medium">
                  {cell}
                </th>
              ) : (
                <td key={i} className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
