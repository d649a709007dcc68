import { formatDate } from "~/utils/format";
import type { Column } from "~/utils/list-query";
import { FOLLOW_UP_STATUS_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";

export type OutcomeListRow = {
  id: string;
  type: string;
  text: string;
  dueDate: string | Date | null;
  followUpStatus: string;
  archivedAt: string | Date | null;
  activity: { id: string; title: string; programme: { id: string; code: string; title: string } };
  responsibleOrg: { id: string; shortName: string } | null;
  deliverable: { id: string; title: string } | null;
};

/** The outcome list's columns: the table shows them and the CSV holds exactly them (the full text). */
export const OUTCOME_COLUMNS: Column<OutcomeListRow>[] = [
  { key: "text", header: "Outcome", text: (r) => r.text, sortKey: "text" },
  { key: "type", header: "Type", text: (r) => OUTCOME_TYPE_LABELS[r.type] ?? r.type, sortKey: "type" },
  { key: "activity", header: "Activity", text: (r) => r.activity.title, sortKey: "activity" },
  { key: "programme", header: "Programme", text: (r) => r.activity.programme.title, sortKey: "programme" },
  { key: "responsible", header: "Responsible", text: (r) => r.responsibleOrg?.shortName ?? "" },
  { key: "dueDate", header: "Due", text: (r) => (r.dueDate ? formatDate(r.dueDate) : ""), sortKey: "dueDate" },
  { key: "status", header: "Follow-up", text: (r) => FOLLOW_UP_STATUS_LABELS[r.followUpStatus] ?? r.followUpStatus, sortKey: "status" },
  { key: "deliverable", header: "Deliverable", text: (r) => r.deliverable?.title ?? "" },
];

/** An outcome's text cut to a length that suits a heading or a table cell. */
export function outcomeExcerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
