import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";

export type DeliverableListRow = {
  id: string;
  title: string;
  status: string;
  dueDate: string | Date | null;
  archivedAt: string | Date | null;
  /** Computed by the model (due before today and still open); never stored. */
  overdue: boolean;
  programme: { id: string; code: string; title: string };
  agreement: { id: string; title: string } | null;
  activity: { id: string; title: string } | null;
  responsibleOrg: { id: string; shortName: string } | null;
};

/** The deliverable list's columns: the table shows them and the CSV holds exactly them. */
export function deliverableColumns(t: Translator, fmt: Formatter): Column<DeliverableListRow>[] {
  return [
    { key: "title", header: t("deliverables.col.title"), text: (r) => r.title, sortKey: "title" },
    { key: "programme", header: t("deliverables.col.programme"), text: (r) => r.programme.title, sortKey: "programme" },
    { key: "agreement", header: t("deliverables.col.agreement"), text: (r) => r.agreement?.title ?? "" },
    { key: "activity", header: t("deliverables.col.activity"), text: (r) => r.activity?.title ?? "" },
    { key: "responsible", header: t("deliverables.col.responsible"), text: (r) => r.responsibleOrg?.shortName ?? "" },
    { key: "dueDate", header: t("deliverables.col.due"), text: (r) => (r.dueDate ? fmt.date(r.dueDate) : ""), sortKey: "dueDate" },
    { key: "status", header: t("deliverables.col.status"), text: (r) => t.label("deliverableStatus", r.status), sortKey: "status" },
    { key: "overdue", header: t("deliverables.col.overdue"), text: (r) => (r.overdue ? t("deliverables.yes") : t("deliverables.no")) },
  ];
}
