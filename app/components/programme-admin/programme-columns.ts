import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";
import { programmeBudget, type ProgrammeFactsView } from "~/components/programmes/programme-facts";

type DateValue = string | Date | null;

export type ProgrammeListRow = {
  id: string;
  code: string;
  title: string;
  status: string;
  plannedStart: DateValue;
  plannedEnd: DateValue;
  actualStart: DateValue;
  actualEnd: DateValue;
  budgetAmount: string | { toString(): string } | null;
  budgetCurrency: string | null;
  facts: ProgrammeFactsView;
  archivedAt: DateValue;
  countries: { country: { code: string } }[];
  organisations: { role: string; organisation: { id: string; shortName: string } }[];
};

/** Each organisation once, with its roles in IATI order: "KOICA (Funding, Implementing)". */
export function organisationsWithRoles(
  r: Pick<ProgrammeListRow, "organisations">,
  t: Translator,
): { id: string; shortName: string; roles: string[] }[] {
  const byId = new Map<string, { id: string; shortName: string; roles: string[] }>();
  for (const o of r.organisations) {
    const entry = byId.get(o.organisation.id) ?? { id: o.organisation.id, shortName: o.organisation.shortName, roles: [] };
    entry.roles.push(t.label("organisationRole", o.role));
    byId.set(o.organisation.id, entry);
  }
  return [...byId.values()];
}

/**
 * The programme list's columns: the table shows them and the CSV holds
 * exactly them, in the reader's language (the route builds them with
 * useT()/useFormat() for the table, with the request's translator for files).
 */
export function programmeColumns(t: Translator, fmt: Formatter): Column<ProgrammeListRow>[] {
  /** The actual date when there is one, else the planned one marked as such. */
  const actualOrPlanned = (actual: DateValue, planned: DateValue, fromRecords: DateValue): string => {
    if (actual) return fmt.date(actual);
    if (planned) return t("programmeEdit.columns.planned", { date: fmt.date(planned) });
    // Not stored: the records' date, said so (programmeFacts).
    if (fromRecords) return t("common.fromRecords", { value: fmt.date(fromRecords) });
    return "";
  };
  return [
    { key: "code", header: t("programmeEdit.columns.code"), text: (r) => r.code, sortKey: "code" },
    { key: "title", header: t("programmeEdit.columns.title"), text: (r) => r.title, sortKey: "title" },
    { key: "status", header: t("programmeEdit.columns.status"), text: (r) => t.label("programmeStatus", r.status), sortKey: "status" },
    {
      key: "countries",
      header: t("programmeEdit.columns.countries"),
      text: (r) =>
        r.countries
          .map((c) => t.label("country", c.country.code))
          .sort((a, b) => a.localeCompare(b, t.locale))
          .join(", "),
    },
    {
      key: "organisations",
      header: t("programmeEdit.columns.organisations"),
      text: (r) =>
        organisationsWithRoles(r, t)
          .map((o) => t("programmeEdit.columns.organisationRoles", { name: o.shortName, roles: o.roles.join(", ") }))
          .join("; "),
    },
    { key: "start", header: t("programmeEdit.columns.start"), text: (r) => actualOrPlanned(r.actualStart, r.plannedStart, r.facts.start), sortKey: "start" },
    { key: "end", header: t("programmeEdit.columns.end"), text: (r) => actualOrPlanned(r.actualEnd, r.plannedEnd, r.facts.end) },
    {
      key: "budget",
      header: t("programmeEdit.columns.budget"),
      text: (r) => (r.facts.budgets.length ? programmeBudget(t, fmt, r.facts) : ""),
      sortKey: "budget",
      align: "right",
    },
  ];
}
