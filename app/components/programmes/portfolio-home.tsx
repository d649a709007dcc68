import { programmeBudget, programmeDates, type ProgrammeFactsView } from "~/components/programmes/programme-facts";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Badge, Card, StatCard } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";

export type HomeProgramme = {
  code: string;
  title: string;
  status: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  facts: ProgrammeFactsView;
  countries: { country: { code: string; nameEn: string } }[];
  organisations: { role: string; organisation: { shortName: string } }[];
  _count: { agreements: number; activities: number; deliverables: number };
};

export type HomeSummary = {
  programmes: number;
  agreements: number;
  activities: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  participants: number;
};

export function PortfolioHome({
  heading,
  intro,
  summary,
  programmes,
  emptyMessage,
}: {
  heading: string;
  intro: ReactNode;
  summary: HomeSummary;
  programmes: HomeProgramme[];
  emptyMessage: string;
}) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{heading}</h1>
        <p className="mt-1 text-slate-700">{intro}</p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("programmes.home.summary")}>
        <StatCard label={t("programmes.home.stat.programmes")} value={fmt.number(summary.programmes)} />
        <StatCard label={t("programmes.home.stat.agreements")} value={fmt.number(summary.agreements)} />
        <StatCard label={t("programmes.home.stat.activities")} value={fmt.number(summary.activities)} />
        <StatCard label={t("programmes.home.stat.deliverablesOpen")} value={fmt.number(summary.deliverablesOpen)} />
        <StatCard
          label={t("programmes.home.stat.deliverablesOverdue")}
          value={fmt.number(summary.deliverablesOverdue)}
          tone={summary.deliverablesOverdue > 0 ? "warning" : "default"}
        />
        <StatCard label={t("programmes.home.stat.participants")} value={fmt.number(summary.participants)} />
      </dl>
      <Card title={t("programmes.home.programmes")}>
        <ProgrammeTable programmes={programmes} emptyMessage={emptyMessage} />
      </Card>
    </div>
  );
}

/** The programmes a user can see: the table of every home page and the staff dashboard. */
export function ProgrammeTable({ programmes, emptyMessage }: { programmes: HomeProgramme[]; emptyMessage: string }) {
  const t = useT();
  const fmt = useFormat();
  if (programmes.length === 0) return <p className="text-slate-700">{emptyMessage}</p>;
  return (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("programmes.table.caption")}</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">{t("programmes.table.programme")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("programmes.table.countries")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("programmes.table.funding")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("programmes.table.dates")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("programmes.table.status")}</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">{t("programmes.table.agreements")}</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">{t("programmes.table.activities")}</th>
                  <th scope="col" className="py-2 text-right font-medium">{t("programmes.table.budget")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {programmes.map((p) => (
                  <tr key={p.code} className="align-top">
                    <td className="max-w-md py-2 pr-4">
                      <Link to={`/programmes/${p.code}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {p.title}
                      </Link>
                      <div className="text-xs text-slate-600">{p.code}</div>
                    </td>
                    <td className="py-2 pr-4">{p.countries.map((c) => t.label("country", c.country.code)).join(", ") || "—"}</td>
                    <td className="py-2 pr-4">
                      {p.organisations
                        .filter((o) => o.role === "FUNDING")
                        .map((o) => o.organisation.shortName)
                        .join(", ") || "—"}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-4">
                      {programmeDates(t, fmt, p.facts)}
                    </td>
                    <td className="py-2 pr-4">
                      <Badge tone={p.status === "IMPLEMENTATION" ? "green" : "slate"}>{t.label("programmeStatus", p.status)}</Badge>
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{fmt.number(p._count.agreements)}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{fmt.number(p._count.activities)}</td>
                    <td className="whitespace-nowrap py-2 text-right tabular-nums">{programmeBudget(t, fmt, p.facts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
  );
}
