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

export function StatCard({ label, value, to, tone = "default" }: { label: string; value: string; to?: string; tone?: "default" | "warning" }) {
  const body = (
    <>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone === "warning" ? "text-amber-800" : "text-slate-900"}`}>{value}</dd>
    </>
  );
  const classes = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return to ? (
    <Link to={to} className={`${classes} hover:border-brand-600`}>
      <dl>{body}</dl>
    </Link>
  ) : (
    <div className={classes}>
      <dl>{body}</dl>
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
