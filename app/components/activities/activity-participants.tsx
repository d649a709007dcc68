import { Link } from "@remix-run/react";
import { formatNumber } from "~/utils/format";

// The participant figures on an activity's page: by sex with shares of the
// total, and by organisation or group.

const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 });

function share(part: number | null, total: number | null): string {
  if (part === null || !total) return "—";
  return percent.format(part / total);
}

export function ParticipantsBySex({
  total,
  female,
  male,
  other,
  note,
}: {
  total: number | null;
  female: number | null;
  male: number | null;
  other: number | null;
  note: string | null;
}) {
  const anyBySex = female !== null || male !== null || other !== null;
  if (total === null && !anyBySex) {
    return (
      <div className="space-y-2 text-sm">
        <p className="text-slate-600">The number of participants was not recorded. Edit the activity to add it when it is known.</p>
        {note ? <p className="text-slate-800">{note}</p> : null}
      </div>
    );
  }
  const bySex = (female ?? 0) + (male ?? 0) + (other ?? 0);
  const rest = total !== null && anyBySex ? total - bySex : null;
  const rows: [string, number | null][] = [
    ["Female", female],
    ["Male", male],
    ["Other or not recorded", other],
  ];
  if (rest) rows.push(["Not broken down by sex", rest]);
  return (
    <div className="space-y-2">
      <table className="w-full text-sm">
        <caption className="sr-only">Participants by sex</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              Participants
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              Number
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Share
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {label}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{formatNumber(n)}</td>
              <td className="py-1 text-right tabular-nums text-slate-600">{share(n, total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-300 font-semibold">
            <th scope="row" className="py-1 pr-3 text-left">
              Total
            </th>
            <td className="py-1 pr-3 text-right tabular-nums">{formatNumber(total)}</td>
            <td className="py-1 text-right tabular-nums">{total ? "100%" : "—"}</td>
          </tr>
        </tfoot>
      </table>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
    </div>
  );
}

export type GroupRow = {
  id: string;
  label: string | null;
  total: number;
  female: number;
  male: number;
  other: number;
  organisation: { id: string; shortName: string; fullName: string } | null;
};

export function ParticipantGroupsTable({ groups, activityTotal }: { groups: GroupRow[]; activityTotal: number | null }) {
  if (groups.length === 0) {
    return <p className="text-sm text-slate-600">No breakdown by organisation or group. Edit the activity to add one.</p>;
  }
  const sum = (k: "total" | "female" | "male" | "other") => groups.reduce((s, g) => s + g[k], 0);
  const rest = activityTotal !== null ? activityTotal - sum("total") : 0;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Participants by organisation or group</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-1 pr-3 font-medium">
                Organisation or group
              </th>
              {["Total", "Female", "Male", "Other"].map((h) => (
                <th key={h} scope="col" className="py-1 pl-3 text-right font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {groups.map((g) => (
              <tr key={g.id}>
                <th scope="row" className="break-words py-1 pr-3 text-left font-normal">
                  {g.organisation ? (
                    <Link to={`/organisations/${g.organisation.id}`} title={g.organisation.fullName} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {g.organisation.shortName}
                    </Link>
                  ) : null}
                  {g.organisation && g.label ? " — " : null}
                  {g.label}
                </th>
                {[g.total, g.female, g.male, g.other].map((n, i) => (
                  <td key={i} className="py-1 pl-3 text-right tabular-nums">
                    {formatNumber(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {groups.length > 1 ? (
            <tfoot>
              <tr className="border-t border-slate-300 font-semibold">
                <th scope="row" className="py-1 pr-3 text-left">
                  All groups
                </th>
                {(["total", "female", "male", "other"] as const).map((k) => (
                  <td key={k} className="py-1 pl-3 text-right tabular-nums">
                    {formatNumber(sum(k))}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {rest > 0 ? <p className="text-sm text-slate-600">{formatNumber(rest)} of the {formatNumber(activityTotal)} participants are not in a group.</p> : null}
    </div>
  );
}
