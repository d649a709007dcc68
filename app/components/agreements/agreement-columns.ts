import { formatDate, formatMoney, type Precision } from "~/utils/format";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";
import type { Column } from "~/utils/list-query";

export type AgreementListRow = {
  id: string;
  title: string;
  type: string;
  status: string;
  reference: string | null;
  signedOn: string | Date | null;
  signedPrecision: string;
  expiresOn: string | Date | null;
  value: string | { toString(): string } | null;
  currency: string | null;
  archivedAt: string | Date | null;
  programme: { code: string; title: string; countries: { country: { nameEn: string } }[] };
  parties: { role: string; organisation: { shortName: string } }[];
};

/** The agreement list's columns: the table shows them and the CSV holds exactly them. */
export const AGREEMENT_COLUMNS: Column<AgreementListRow>[] = [
  { key: "title", header: "Agreement", text: (r) => r.title, sortKey: "title" },
  { key: "type", header: "Type", text: (r) => AGREEMENT_TYPE_LABELS[r.type] ?? r.type, sortKey: "type" },
  { key: "programme", header: "Programme", text: (r) => r.programme.title, sortKey: "programme" },
  { key: "countries", header: "Countries", text: (r) => r.programme.countries.map((c) => c.country.nameEn).join(", ") },
  { key: "parties", header: "Parties", text: (r) => r.parties.map((p) => p.organisation.shortName).join(", ") },
  { key: "status", header: "Status", text: (r) => AGREEMENT_STATUS_LABELS[r.status] ?? r.status, sortKey: "status" },
  { key: "signedOn", header: "Signed", text: (r) => (r.signedOn ? formatDate(r.signedOn, r.signedPrecision as Precision) : ""), sortKey: "signedOn" },
  { key: "expiresOn", header: "Expires", text: (r) => (r.expiresOn ? formatDate(r.expiresOn) : ""), sortKey: "expiresOn" },
  { key: "value", header: "Value", text: (r) => (r.value ? formatMoney(r.value.toString(), r.currency) : ""), align: "right" },
];
