import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/context";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";

// The participant figures on an activity's page: by sex with shares of the
// total, and by organisation or group.

const percents = new Map<Locale, Intl.NumberFormat>();
function percent(locale: Locale): Intl.NumberFormat {
  let f = percents.get(locale);
  if (!f) percents.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: "percent", maximumFractionDigits: 0 })));
  return f;
}

function share(locale: Locale, part: number | null, total: number | null): string {
  if (part === null || !total) return "—";
  return percent(locale).format(part / total);
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
  const t = useT();
  const fmt = useFormat();
  const anyBySex = female !== null || male !== null || other !== null;
  if (total === null && !anyBySex) {
    return (
      <div className="space-y-2 text-sm">
        <p className="text-slate-600">{t("activities.participants.notRecorded")}</p>
        {note ? <p className="text-slate-800">{note}</p> : null}
      </div>
    );
  }
  const bySex = (female ?? 0) + (male ?? 0) + (other ?? 0);
  const rest = total !== null && anyBySex ? total - bySex : null;
  const rows: [string, number | null][] = [
    [t("activities.participants.female"), female],
    [t("activities.participants.male"), male],
    [t("activities.participants.otherOrNotRecorded"), other],
  ];
  if (rest) rows.push([t("activities.participants.notBrokenDown"), rest]);
  return (
    <div className="space-y-2">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("activities.participants.bySex")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              {t("activities.participants.participants")}
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">
              {t("activities.participants.number")}
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              {t("activities.participants.share")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([label, n]) => (
            <tr key={label}>
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {label}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{fmt.number(n)}</td>
              <td className="py-1 text-right tabular-nums text-slate-600">{share(t.locale, n, total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-300 font-semibold">
            <th scope="row" className="py-1 pr-3 text-left">
              {t("activities.participants.total")}
            </th>
            <td className="py-1 pr-3 text-right tabular-nums">{fmt.number(total)}</td>
            <td className="py-1 text-right tabular-nums">{total ? percent(t.locale).format(1) : "—"}</td>
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
  const t = useT();
  const fmt = useFormat();
  if (groups.length === 0) {
    return <p className="text-sm text-slate-600">{t("activities.participants.noGroups")}</p>;
  }
  const sum = (k: "total" | "female" | "male" | "other") => groups.reduce((s, g) => s + g[k], 0);
  const rest = activityTotal !== null ? activityTotal - sum("total") : 0;
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("activities.participants.byGroup")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("activities.participants.organisationOrGroup")}
              </th>
              {[t("activities.participants.total"), t("activities.participants.female"), t("activities.participants.male"), t("activities.participants.other")].map((h) => (
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
                    {fmt.number(n)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {groups.length > 1 ? (
            <tfoot>
              <tr className="border-t border-slate-300 font-semibold">
                <th scope="row" className="py-1 pr-3 text-left">
                  {t("activities.participants.allGroups")}
                </th>
                {(["total", "female", "male", "other"] as const).map((k) => (
                  <td key={k} className="py-1 pl-3 text-right tabular-nums">
                    {fmt.number(sum(k))}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {rest > 0 ? (
        <p className="text-sm text-slate-600">{t("activities.participants.notInGroup", { count: rest, rest: fmt.number(rest), total: fmt.number(activityTotal) })}</p>
      ) : null}
    </div>
  );
}
