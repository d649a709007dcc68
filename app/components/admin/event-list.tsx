import { auditActionLabel, describeAuditDetails } from "~/utils/labels-admin";
import { formatDateTime } from "./user-columns";

export type EventItem = { id: string; at: string; actorEmail: string | null; action: string; changes?: unknown; metadata?: unknown; ip: string | null };

/** An account's history from the audit trail, newest first. */
export function EventList({ items, empty }: { items: EventItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="space-y-3 text-sm">
      {items.map((e) => {
        const details = describeAuditDetails(e);
        return (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <p>
              <span className="font-medium">{auditActionLabel(e.action)}</span>
              <span className="text-slate-600">
                {" "}
                · <time dateTime={e.at}>{formatDateTime(e.at)}</time> · by {e.actorEmail ?? "someone not signed in"}
                {e.ip ? ` from ${e.ip}` : ""}
              </span>
            </p>
            {details ? <p className="mt-0.5 break-words text-slate-700">{details}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
