import type { ReactNode } from "react";
import { Link } from "@remix-run/react";

export function Card({ title, children, className = "" }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {title ? <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2> : null}
      {children}
    </section>
  );
}

/**
 * One term/value pair of a summary. The caller wraps the cards in a single
 * <dl>; each card is a <div> group of one <dt> and one <dd> (a <dl> may hold
 * only those), never a <dl> of its own. A card with `to` is one link: the
 * label is the link, stretched over the whole card, and its name carries the
 * value too ("Agreements: 12"), so it differs from the menu's "Agreements".
 */
export function StatCard({ label, value, to, tone = "default" }: { label: string; value: string; to?: string; tone?: "default" | "warning" }) {
  const classes = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return (
    <div
      className={
        to
          ? `${classes} relative hover:border-brand-600 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600`
          : classes
      }
    >
      <dt className="text-sm text-slate-600">
        {to ? (
          <Link to={to} className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none">
            {label}
            <span className="sr-only">: {value}</span>
          </Link>
        ) : (
          label
        )}
      </dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone === "warning" ? "text-amber-800" : "text-slate-900"}`}>{value}</dd>
    </div>
  );
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "green" | "amber" | "red" | "blue" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-800",
    green: "bg-green-100 text-green-900",
    amber: "bg-amber-100 text-amber-900",
    red: "bg-red-100 text-red-900",
    blue: "bg-brand-100 text-brand-900",
  } as const;
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
