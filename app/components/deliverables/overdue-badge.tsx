import { Badge } from "~/components/ui/card";
import { useT } from "~/i18n/context";

/** "Overdue" in words, never by colour alone. */
export function OverdueBadge() {
  const t = useT();
  return <Badge tone="red">{t("deliverables.overdue")}</Badge>;
}

export function DeliverableStatusBadge({ status }: { status: string }) {
  const t = useT();
  const tone = status === "ACCEPTED" ? "green" : status === "SUBMITTED" ? "blue" : "slate";
  return <Badge tone={tone}>{t.label("deliverableStatus", status)}</Badge>;
}
