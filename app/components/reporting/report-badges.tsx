import { Badge } from "~/components/ui/card";
import { useT } from "~/i18n/context";
import { isReportDueSoon, isReportOverdue, type ProgressReportStatusName } from "~/schemas/reporting-requirement";

export function ReportStatusBadge({ status }: { status: string }) {
  const t = useT();
  const tone = status === "APPROVED" ? "green" : status === "SUBMITTED" ? "blue" : status === "RETURNED" ? "amber" : "slate";
  return <Badge tone={tone}>{t(`reporting.status.${status as ProgressReportStatusName}`)}</Badge>;
}

/** Overdue or due soon, in words (never by colour alone); nothing for a report that is in or not yet near. */
export function DeadlineMarker({ report, today }: { report: { dueDate: Date | string; status: string }; today: Date | string }) {
  const t = useT();
  const day = typeof today === "string" ? new Date(today) : today;
  if (isReportOverdue(report, day)) return <Badge tone="red">{t("reporting.marker.overdue")}</Badge>;
  if (isReportDueSoon(report, day)) return <Badge tone="amber">{t("reporting.marker.dueSoon")}</Badge>;
  return null;
}
