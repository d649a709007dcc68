import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { ProgressReportStatusName } from "~/schemas/reporting-requirement";
import type { Column } from "~/utils/list-query";

export type ProgressReportListRow = {
  id: string;
  sequence: number;
  periodStart: string | Date;
  periodEnd: string | Date;
  dueDate: string | Date;
  status: string;
  countryCode: string | null;
  overdue: boolean;
  dueSoon: boolean;
  programme: { id: string; code: string; title: string };
  requirement: { id: string; title: string; reporter: string; archivedAt: string | Date | null };
};

/** The staff list's columns: the table shows them and the CSV and XLSX hold exactly them. */
export function progressReportColumns(t: Translator, fmt: Formatter): Column<ProgressReportListRow>[] {
  return [
    { key: "requirement", header: t("reporting.col.requirement"), text: (r) => `${r.requirement.title} #${r.sequence}` },
    { key: "programme", header: t("reporting.col.programme"), text: (r) => r.programme.title, sortKey: "programme" },
    { key: "period", header: t("reporting.col.period"), text: (r) => t("reporting.period", { from: fmt.date(r.periodStart), to: fmt.date(r.periodEnd) }) },
    { key: "dueDate", header: t("reporting.col.due"), text: (r) => fmt.date(r.dueDate), sortKey: "dueDate" },
    { key: "status", header: t("reporting.col.status"), text: (r) => t(`reporting.status.${r.status as ProgressReportStatusName}`), sortKey: "status" },
    {
      key: "deadline",
      header: t("reporting.col.deadline"),
      text: (r) => (r.overdue ? t("reporting.marker.overdue") : r.dueSoon ? t("reporting.marker.dueSoon") : ""),
    },
    {
      key: "reporter",
      header: t("reporting.col.reporter"),
      text: (r) => [t(`reporting.reporter.${r.requirement.reporter as "STAFF"}`), r.countryCode ? t.label("country", r.countryCode) : ""].filter(Boolean).join(" · "),
    },
  ];
}
