import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import type { Precision } from "~/utils/format";

type TimelineActivity = {
  id: string;
  title: string;
  kind: string;
  status: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  datePrecision: string;
  city: string | null;
  /** Named in the reader's language when the code is there; else the English name. */
  countryCode?: string | null;
  country: { nameEn: string } | null;
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
};

/** Activities by year, past and planned: a timeline that reads top to bottom. */
export function ProgrammeTimeline({ activities, linkable, today }: { activities: TimelineActivity[]; linkable: boolean; today: string }) {
  const t = useT();
  const fmt = useFormat();
  if (activities.length === 0) return <p className="text-sm text-slate-600">{t("programmes.timeline.empty")}</p>;
  const byYear = new Map<string, TimelineActivity[]>();
  for (const a of activities) {
    const start = a.actualStart ?? a.plannedStart;
    const year = start ? start.slice(0, 4) : t("programmes.timeline.undated");
    byYear.set(year, [...(byYear.get(year) ?? []), a]);
  }
  return (
    <ol className="space-y-5">
      {[...byYear.entries()].map(([year, items]) => (
        <li key={year}>
          <h3 className="text-sm font-semibold text-slate-700">{year}</h3>
          <ol className="mt-2 space-y-3 border-l-2 border-brand-100 pl-4">
            {items.map((a) => {
              const start = a.actualStart ?? a.plannedStart;
              const upcoming = start ? start.slice(0, 10) > today : false;
              return (
                <li key={a.id} className="relative text-sm">
                  <span className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-brand-600" aria-hidden="true" />
                  <div className="flex flex-wrap items-center gap-2">
                    {linkable ? (
                      <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {a.title}
                      </Link>
                    ) : (
                      <span className="font-medium">{a.title}</span>
                    )}
                    <Badge tone={upcoming ? "blue" : "slate"}>{t.label("activityStatus", a.status)}</Badge>
                  </div>
                  <p className="text-slate-600">
                    {t.label("activityKind", a.kind)}
                    {start ? ` · ${fmt.dateRange(start, a.actualEnd ?? a.plannedEnd, a.datePrecision as Precision)}` : ""}
                    {a.city || a.country ? ` · ${[a.city, a.countryCode ? t.label("country", a.countryCode) : a.country?.nameEn].filter(Boolean).join(", ")}` : ""}
                    {a.participantsTotal
                      ? ` · ${
                          a.participantsFemale || a.participantsMale
                            ? t("programmes.timeline.participantsBySex", {
                                count: a.participantsTotal,
                                women: String(a.participantsFemale ?? 0),
                                men: String(a.participantsMale ?? 0),
                              })
                            : t("programmes.timeline.participants", { count: a.participantsTotal })
                        }`
                      : ""}
                  </p>
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
