import { Link } from "@remix-run/react";
import { DeliverableStatusBadge, OverdueBadge } from "~/components/deliverables/overdue-badge";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import type { Precision } from "~/utils/format";

// The deliverables and workshop outcomes of a programme, as a partner sees
// them on the progress page. Status is always in words, never colour alone.

export type DeliverableView = {
  id: string;
  title: string;
  status: string;
  dueDate: string | null;
  overdue: boolean;
  acknowledgedAt: string | null;
  responsibleOrg: { shortName: string } | null;
  _count: { comments: number };
};

const STATUS_ORDER = ["IN_PROGRESS", "NOT_STARTED", "SUBMITTED", "ACCEPTED"] as const;

export function DeliverableGroups({ deliverables }: { deliverables: DeliverableView[] }) {
  const t = useT();
  const fmt = useFormat();
  if (deliverables.length === 0) return <p className="text-sm text-slate-600">{t("portal.deliverables.none")}</p>;
  return (
    <div className="space-y-5">
      {STATUS_ORDER.map((status) => {
        const items = deliverables.filter((d) => d.status === status);
        if (items.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`deliverables-${status}`}>
            <h3 id={`deliverables-${status}`} className="text-sm font-semibold text-slate-700">
              {t.label("deliverableStatus", status)} ({fmt.number(items.length)})
            </h3>
            <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
              {items.map((d) => (
                <li key={d.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                  <div className="min-w-0">
                    <Link to={`/portal/deliverables/${d.id}`} className="break-words font-medium text-brand-700 underline-offset-2 hover:underline">
                      {d.title}
                    </Link>
                    <p className="text-slate-600">
                      {[
                        d.responsibleOrg?.shortName,
                        d._count.comments ? t("portal.comments", { count: d._count.comments }) : null,
                        d.acknowledgedAt ? t("portal.acknowledged") : t("portal.notAcknowledged"),
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  </div>
                  <div className="flex shrink-0 flex-wrap items-center gap-2">
                    <span className="whitespace-nowrap text-slate-700">{d.dueDate ? t("portal.due", { date: fmt.date(d.dueDate) }) : t("portal.noDueDate")}</span>
                    {d.overdue ? <OverdueBadge /> : null}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export type OutcomeView = {
  id: string;
  type: string;
  text: string;
  followUpStatus: string;
  dueDate: string | null;
  acknowledgedAt: string | null;
  activity: { id: string; title: string; kind: string; actualStart: string | null; plannedStart: string | null; datePrecision: string };
  deliverable: { id: string; title: string; status: string } | null;
  responsibleOrg: { shortName: string } | null;
  _count: { comments: number };
  followUpOverdue: boolean;
};

const FOLLOW_UP_TONE: Record<string, "slate" | "blue" | "green" | "amber"> = {
  NOT_STARTED: "amber",
  IN_PROGRESS: "blue",
  DONE: "green",
  NOT_PURSUED: "slate",
};

export function excerpt(text: string, max = 180): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function OutcomeList({ outcomes }: { outcomes: OutcomeView[] }) {
  const t = useT();
  const fmt = useFormat();
  if (outcomes.length === 0) {
    return <p className="text-sm text-slate-600">{t("portal.outcomes.none")}</p>;
  }
  return (
    <ul className="space-y-3">
      {outcomes.map((o) => (
        <li key={o.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="slate">{t.label("outcomeType", o.type)}</Badge>
            <Badge tone={FOLLOW_UP_TONE[o.followUpStatus]}>{t("portal.followUpBadge", { status: t.label("followUpStatus", o.followUpStatus) })}</Badge>
            {o.followUpOverdue ? <Badge tone="amber">{t("portal.outcomes.followUpOverdue")}</Badge> : null}
            {o.acknowledgedAt ? <Badge tone="green">{t("portal.acknowledged")}</Badge> : <Badge tone="amber">{t("portal.awaitingAcknowledgement")}</Badge>}
          </div>
          <p className="mt-2 break-words">
            <Link to={`/portal/outcomes/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {excerpt(o.text)}
            </Link>
          </p>
          <p className="mt-1 text-slate-600">
            {[
              t("portal.outcomes.agreedAt", {
                activity: o.activity.title,
                kind: t.label("activityKind", o.activity.kind),
                date: fmt.date(o.activity.actualStart ?? o.activity.plannedStart, o.activity.datePrecision as Precision),
              }),
              o.responsibleOrg ? t("portal.outcomes.responsible", { name: o.responsibleOrg.shortName }) : null,
              o.dueDate ? t("portal.dueLower", { date: fmt.date(o.dueDate) }) : null,
              o._count.comments ? t("portal.comments", { count: o._count.comments }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p className="mt-1 text-slate-700">
            {t("portal.outcomes.carriedOutBy")}{" "}
            {o.deliverable ? (
              <span className="inline-flex flex-wrap items-center gap-2">
                <Link to={`/portal/deliverables/${o.deliverable.id}`} className="text-brand-700 underline">
                  {o.deliverable.title}
                </Link>
                <DeliverableStatusBadge status={o.deliverable.status} />
              </span>
            ) : (
              <span className="text-slate-600">{t("portal.outcomes.noDeliverable")}</span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
