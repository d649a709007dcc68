import { Link } from "@remix-run/react";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { isFollowUpOverdue } from "~/schemas/outcome";

export type FollowUpActionView = {
  id: string;
  description: string;
  dueDate: string | null;
  status: string;
  owner: { shortName: string } | null;
  deliverable: { id: string; title: string } | null;
};

/** An outcome's follow-up actions, each with its owner, status and due date, flagged when overdue; `deliverablePath` is where deliverables open (workspace or portal). */
export function FollowUpActions({ actions, today, deliverablePath }: { actions: FollowUpActionView[]; today: string; deliverablePath: string }) {
  const t = useT();
  const fmt = useFormat();
  if (actions.length === 0) return <p className="text-sm text-slate-600">{t("outcomes.page.noActions")}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {actions.map((a) => (
        <li key={a.id} className="space-y-1 py-2 text-sm">
          <p className="font-medium">
            {a.description}{" "}
            {isFollowUpOverdue(a, today) ? <Badge tone="amber">{t("outcomes.page.actionOverdue")}</Badge> : null}
          </p>
          <p className="text-slate-600">
            {t("outcomes.page.actionMeta", {
              owner: a.owner?.shortName ?? t("outcomes.page.notAssigned"),
              status: t.label("followUpStatus", a.status),
              date: a.dueDate ? fmt.date(a.dueDate) : t("outcomes.page.noDueDate"),
            })}
          </p>
          {a.deliverable ? (
            <p>
              {t("outcomes.page.actionDeliverable")}:{" "}
              <Link to={`${deliverablePath}/${a.deliverable.id}`} className="text-brand-700 underline">
                {a.deliverable.title}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
