import { useFormat, useT } from "~/i18n/context";
import { auditActionLabel, describeAuditDetails } from "~/utils/labels-admin";

export type EventItem = { id: string; at: string; actorEmail: string | null; action: string; changes?: unknown; metadata?: unknown; ip: string | null };

/** An account's history from the audit trail, newest first. */
export function EventList({ items, empty }: { items: EventItem[]; empty: string }) {
  const t = useT();
  const fmt = useFormat();
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="space-y-3 text-sm">
      {items.map((e) => {
        const details = describeAuditDetails(e, t);
        const actor = e.actorEmail ?? t("admin.event.someone");
        return (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <p>
              <span className="font-medium">{auditActionLabel(e.action, t)}</span>
              <span className="text-slate-600">
                {" "}
                · <time dateTime={e.at}>{fmt.dateTime(e.at)}</time> ·{" "}
                {e.ip ? t("admin.event.byFrom", { actor, ip: e.ip }) : t("admin.event.by", { actor })}
              </span>
            </p>
            {details ? <p className="mt-0.5 break-words text-slate-700">{details}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
