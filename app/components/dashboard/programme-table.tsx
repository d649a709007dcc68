import { Link } from "@remix-run/react";
import type { HomeProgramme } from "~/components/programmes/portfolio-home";
import { Badge } from "~/components/ui/card";
import { formatDateRange, formatMoney } from "~/utils/format";
import { PROGRAMME_STATUS_LABELS } from "~/utils/labels";

/** The dashboard's programme table (the same columns as the portfolio home pages). */
export function ProgrammeTable({ programmes }: { programmes: HomeProgramme[] }) {
  if (programmes.length === 0) {
    return <p className="text-slate-700">No programmes yet. Programmes you record will be listed here.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Active programmes</caption>
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-2 pr-4 font-medium">Programme</th>
            <th scope="col" className="py-2 pr-4 font-medium">Partner countries</th>
            <th scope="col" className="py-2 pr-4 font-medium">Funding</th>
            <th scope="col" className="py-2 pr-4 font-medium">Dates</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Agreements</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Activities</th>
            <th scope="col" className="py-2 text-right font-medium">Budget</th>
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
              <td className="py-2 pr-4">{p.countries.map((c) => c.country.nameEn).join(", ") || "—"}</td>
              <td className="py-2 pr-4">
                {p.organisations
                  .filter((o) => o.role === "FUNDING")
                  .map((o) => o.organisation.shortName)
                  .join(", ") || "—"}
              </td>
              <td className="whitespace-nowrap py-2 pr-4">{formatDateRange(p.actualStart ?? p.plannedStart, p.actualEnd ?? p.plannedEnd)}</td>
              <td className="py-2 pr-4">
                <Badge tone={p.status === "IMPLEMENTATION" ? "green" : "slate"}>{PROGRAMME_STATUS_LABELS[p.status]}</Badge>
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{p._count.agreements}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{p._count.activities}</td>
              <td className="whitespace-nowrap py-2 text-right tabular-nums">{formatMoney(p.budgetAmount, p.budgetCurrency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
