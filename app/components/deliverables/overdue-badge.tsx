import { Badge } from "~/components/ui/card";
import { DELIVERABLE_STATUS_LABELS } from "~/utils/labels";

/** "Overdue" in words, never by colour alone. */
export function OverdueBadge() {
  return <Badge tone="red">Overdue</Badge>;
}

export function DeliverableStatusBadge({ status }: { status: string }) {
  const tone = status === "ACCEPTED" ? "green" : status === "SUBMITTED" ? "blue" : "slate";
  return <Badge tone={tone}>{DELIVERABLE_STATUS_LABELS[status] ?? status}</Badge>;
}
