import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Precision } from "~/utils/format";
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
  programme: { code: string; title: string; countries: { country: { code: string } }[] };
  parties: { role: string; organisation: { shortName: string } }[];
};

/**
 * The agreement list's columns: the table shows them and the CSV holds
 * exactly them, in the reader's language.
 */
export function agreementColumns(t: Translator, fmt: Formatter): Column<AgreementListRow>[] {
  return [
    { key: "title", header: t("agreements.columns.title"), text: (r) => r.title, sortKey: "title" },
    { key: "type", header: t("agreements.columns.type"), text: (r) => t.label("agreementType", r.type), sortKey: "type" },
    { key: "programme", header: t("agreements.columns.programme"), text: (r) => r.programme.title, sortKey: "programme" },
    {
      key: "countries",
      header: t("agreements.columns.countries"),
      text: (r) =>
        r.programme.countries
          .map((c) => t.label("country", c.country.code))
          .sort((a, b) => a.localeCompare(b, t.locale))
          .join(", "),
    },
    { key: "parties", header: t("agreements.columns.parties"), text: (r) => r.parties.map((p) => p.organisation.shortName).join(", ") },
    { key: "status", header: t("agreements.columns.status"), text: (r) => t.label("agreementStatus", r.status), sortKey: "status" },
    {
      key: "signedOn",
      header: t("agreements.columns.signedOn"),
      text: (r) => (r.signedOn ? fmt.date(r.signedOn, r.signedPrecision as Precision) : ""),
      sortKey: "signedOn",
    },
    { key: "expiresOn", header: t("agreements.columns.expiresOn"), text: (r) => (r.expiresOn ? fmt.date(r.expiresOn) : ""), sortKey: "expiresOn" },
    { key: "value", header: t("agreements.columns.value"), text: (r) => (r.value ? fmt.money(r.value.toString(), r.currency) : ""), align: "right" },
  ];
}
