import { formatDate } from "~/utils/format";
import { DELIVERABLE_STATUS_LABELS } from "~/utils/labels";
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
export const DELIVERABLE_COLUMNS: Column<DeliverableListRow>[] = [
  { key: "title", header: "Deliverable", text: (r) => r.title, sortKey: "title" },
  { key: "programme", header: "Programme", text: (r) => r.programme.title, sortKey: "programme" },
  { key: "agreement", header: "Agreement", text: (r) => r.agreement?.title ?? "" },
  { key: "activity", header: "Activity", text: (r) => r.activity?.title ?? "" },
  { key: "responsible", header: "Responsible", text: (r) => r.responsibleOrg?.shortName ?? "" },
  { key: "dueDate", header: "Due", text: (r) => (r.dueDate ? formatDate(r.dueDate) : ""), sortKey: "dueDate" },
  { key: "status", header: "Status", text: (r) => DELIVERABLE_STATUS_LABELS[r.status] ?? r.status, sortKey: "status" },
  { key: "overdue", header: "Overdue", text: (r) => (r.overdue ? "Yes" : "No") },
];
