import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Column } from "~/utils/list-query";

export type OrganisationListRow = {
  id: string;
  shortName: string;
  fullName: string;
  iatiTypeCode: string;
  iatiRef: string | null;
  archivedAt: string | Date | null;
  country: { code: string } | null;
  _count: { programmeRoles: number; agreementParties: number; activityRoles: number };
};

/**
 * The organisation list's columns: the table shows them and the CSV holds
 * exactly them, in the reader's language.
 */
// Counts stay plain digits (String), so a spreadsheet reads them as numbers.
export function organisationColumns(t: Translator, _fmt?: Formatter): Column<OrganisationListRow>[] {
  return [
    { key: "shortName", header: t("organisations.columns.shortName"), text: (r) => r.shortName, sortKey: "shortName" },
    { key: "fullName", header: t("organisations.columns.fullName"), text: (r) => r.fullName, sortKey: "fullName" },
    { key: "country", header: t("organisations.columns.country"), text: (r) => (r.country ? t.label("country", r.country.code) : ""), sortKey: "country" },
    { key: "type", header: t("organisations.columns.type"), text: (r) => t.label("organisationType", r.iatiTypeCode), sortKey: "type" },
    { key: "iatiRef", header: t("organisations.columns.iatiRef"), text: (r) => r.iatiRef ?? "" },
    { key: "programmes", header: t("organisations.columns.programmes"), text: (r) => String(r._count.programmeRoles), align: "right" },
    { key: "agreements", header: t("organisations.columns.agreements"), text: (r) => String(r._count.agreementParties), align: "right" },
    { key: "activities", header: t("organisations.columns.activities"), text: (r) => String(r._count.activityRoles), align: "right" },
  ];
}
