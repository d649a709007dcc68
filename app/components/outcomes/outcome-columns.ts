import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";

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
export function outcomeColumns(t: Translator, fmt: Formatter): Column<OutcomeListRow>[] {
  return [
    { key: "text", header: t("outcomes.col.text"), text: (r) => r.text, sortKey: "text" },
    { key: "type", header: t("outcomes.col.type"), text: (r) => t.label("outcomeType", r.type), sortKey: "type" },
    { key: "activity", header: t("outcomes.col.activity"), text: (r) => r.activity.title, sortKey: "activity" },
    { key: "programme", header: t("outcomes.col.programme"), text: (r) => r.activity.programme.title, sortKey: "programme" },
    { key: "responsible", header: t("outcomes.col.responsible"), text: (r) => r.responsibleOrg?.shortName ?? "" },
    { key: "dueDate", header: t("outcomes.col.due"), text: (r) => (r.dueDate ? fmt.date(r.dueDate) : ""), sortKey: "dueDate" },
    { key: "status", header: t("outcomes.col.followUp"), text: (r) => t.label("followUpStatus", r.followUpStatus), sortKey: "status" },
    { key: "deliverable", header: t("outcomes.col.deliverable"), text: (r) => r.deliverable?.title ?? "" },
  ];
}

/** An outcome's text cut to a length that suits a heading or a table cell. */
export function outcomeExcerpt(text: string, max = 160): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
