import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type AttentionItem = { to: string; title: string; date: ReactNode; dateTime?: string | null; meta?: ReactNode };

/**
 * One "needs attention" panel: the count links to the filtered list (where
 * exactly that many rows are), the first few items link to their records.
 */
export function AttentionPanel({
  id,
  title,
  count,
  countLabel,
  allLabel,
  href,
  items,
  empty,
  tone = "default",
}: {
  id: string;
  title: string;
  count: number;
  /** The count link's accessible name ("7 overdue deliverables: show them all"). */
  countLabel: string;
  /** The link under the items when there are more ("All 7 overdue deliverables"). */
  allLabel: string;
  href: string;
  items: AttentionItem[];
  empty: string;
  tone?: "default" | "warning";
}) {
  const warn = tone === "warning" && count > 0;
  return (
    <section aria-labelledby={`${id}-heading`} className={`flex flex-col rounded-lg border bg-white p-4 shadow-sm ${warn ? "border-amber-300" : "border-slate-200"}`}>
      <div className="flex items-start justify-between gap-3">
        <h3 id={`${id}-heading`} className="text-sm font-semibold text-slate-800">
          {title}
        </h3>
        <Link
          to={href}
          aria-label={countLabel}
          className={`min-w-[2.5rem] rounded-md px-2 py-0.5 text-center text-2xl font-semibold tabular-nums underline-offset-2 hover:underline ${
            warn ? "bg-amber-50 text-amber-900" : "text-slate-900"
          }`}
        >
          {count}
        </Link>
      </div>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 flex-1 divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.to} className="py-1.5 text-sm">
              <Link to={item.to} className="line-clamp-2 break-words font-medium text-brand-700 underline-offset-2 hover:underline">
                {item.title}
              </Link>
              <div className="text-xs text-slate-600">
                {item.dateTime ? <time dateTime={item.dateTime}>{item.date}</time> : item.date}
                {item.meta ? <> · {item.meta}</> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {count > items.length ? (
        <Link to={href} className="mt-2 text-sm font-medium text-brand-700 underline">
          {allLabel}
        </Link>
      ) : null}
    </section>
  );
}
