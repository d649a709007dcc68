import { formatDate, formatMoney } from "~/utils/format";
import { ORGANISATION_ROLE_LABELS, PROGRAMME_STATUS_LABELS } from "~/utils/labels";
import type { Column } from "~/utils/list-query";

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
  archivedAt: DateValue;
  countries: { country: { code: string; nameEn: string } }[];
  organisations: { role: string; organisation: { id: string; shortName: string } }[];
};

/** Each organisation once, with its roles in IATI order: "KOICA (Funding, Implementing)". */
export function organisationsWithRoles(r: Pick<ProgrammeListRow, "organisations">): { id: string; shortName: string; roles: string[] }[] {
  const byId = new Map<string, { id: string; shortName: string; roles: string[] }>();
  for (const o of r.organisations) {
    const entry = byId.get(o.organisation.id) ?? { id: o.organisation.id, shortName: o.organisation.shortName, roles: [] };
    entry.roles.push(ORGANISATION_ROLE_LABELS[o.role] ?? o.role);
    byId.set(o.organisation.id, entry);
  }
  return [...byId.values()];
}

/** The actual date when there is one, else the planned one marked as such. */
function actualOrPlanned(actual: DateValue, planned: DateValue): string {
  if (actual) return formatDate(actual);
  if (planned) return `${formatDate(planned)} (planned)`;
  return "";
}

/** The programme list's columns: the table shows them and the CSV holds exactly them. */
export const PROGRAMME_COLUMNS: Column<ProgrammeListRow>[] = [
  { key: "code", header: "Code", text: (r) => r.code, sortKey: "code" },
  { key: "title", header: "Programme", text: (r) => r.title, sortKey: "title" },
  { key: "status", header: "Status", text: (r) => PROGRAMME_STATUS_LABELS[r.status] ?? r.status, sortKey: "status" },
  { key: "countries", header: "Partner countries", text: (r) => r.countries.map((c) => c.country.nameEn).join(", ") },
  {
    key: "organisations",
    header: "Organisations",
    text: (r) =>
      organisationsWithRoles(r)
        .map((o) => `${o.shortName} (${o.roles.join(", ")})`)
        .join("; "),
  },
  { key: "start", header: "Start", text: (r) => actualOrPlanned(r.actualStart, r.plannedStart), sortKey: "start" },
  { key: "end", header: "End", text: (r) => actualOrPlanned(r.actualEnd, r.plannedEnd) },
  {
    key: "budget",
    header: "Budget",
    text: (r) => (r.budgetAmount !== null && r.budgetCurrency ? formatMoney(r.budgetAmount.toString(), r.budgetCurrency) : ""),
    sortKey: "budget",
    align: "right",
  },
];
