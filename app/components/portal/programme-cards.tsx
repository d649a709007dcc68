import { programmeDates, type ProgrammeFactsView } from "~/components/programmes/programme-facts";
import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";

// The partner's programmes as cards: each says where it stands and leads to
// its progress page.

export type ProgrammeCardView = {
  code: string;
  title: string;
  status: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  facts: ProgrammeFactsView;
  countries: { country: { code: string } }[];
  organisations: { organisation: { shortName: string } }[];
  activities: number;
  deliverablesOpen: number;
  deliverablesOverdue: number;
  outcomes: number;
  outcomesToAcknowledge: number;
};

export function ProgrammeCards({ programmes }: { programmes: ProgrammeCardView[] }) {
  const t = useT();
  const fmt = useFormat();
  if (programmes.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">{t("portal.cards.empty")}</p>;
  }
  return (
    <ul className="grid grid-cols-1 gap-4 md:grid-cols-2">
      {programmes.map((p) => (
        <li key={p.code} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm [overflow-wrap:anywhere]">
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span className="font-mono">{p.code}</span>
            <Badge tone={p.status === "IMPLEMENTATION" ? "green" : "slate"}>{t.label("programmeStatus", p.status)}</Badge>
          </div>
          <h2 className="mt-2 break-words text-lg font-semibold leading-snug">
            <Link to={`/portal/programmes/${encodeURIComponent(p.code)}`} className="text-brand-700 underline-offset-2 hover:underline">
              {p.title}
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {p.countries.map((c) => t.label("country", c.country.code)).join(", ")} · {programmeDates(t, fmt, p.facts)}
          </p>
          {p.organisations.length ? (
            <p className="text-sm text-slate-600">{t("portal.fundedBy", { names: p.organisations.map((o) => o.organisation.shortName).join(", ") })}</p>
          ) : null}
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-600">{t("portal.cards.activities")}</dt>
              <dd className="text-lg font-semibold tabular-nums">{fmt.number(p.activities)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("portal.cards.openDeliverables")}</dt>
              <dd className="text-lg font-semibold tabular-nums">{fmt.number(p.deliverablesOpen)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("portal.cards.overdue")}</dt>
              <dd className={`text-lg font-semibold tabular-nums ${p.deliverablesOverdue ? "text-red-800" : ""}`}>{fmt.number(p.deliverablesOverdue)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">{t("portal.cards.outcomes")}</dt>
              <dd className="text-lg font-semibold tabular-nums">{fmt.number(p.outcomes)}</dd>
            </div>
          </dl>
          {p.outcomesToAcknowledge ? (
            <p className="mt-3 text-sm text-amber-900">
              {t("portal.cards.toAcknowledge", { count: p.outcomesToAcknowledge })}
            </p>
          ) : null}
          <div className="mt-auto pt-4">
            <Link
              to={`/portal/programmes/${encodeURIComponent(p.code)}`}
              className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
              aria-label={t("portal.cards.seeProgressOf", { title: p.title })}
            >
              {t("portal.cards.seeProgress")}
            </Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
