import { organisationTypeName } from "~/utils/codelists";
import type { Column } from "~/utils/list-query";

export type OrganisationListRow = {
  id: string;
  shortName: string;
  fullName: string;
  iatiTypeCode: string;
  iatiRef: string | null;
  archivedAt: string | Date | null;
  country: { code: string; nameEn: string } | null;
  _count: { programmeRoles: number; agreementParties: number; activityRoles: number };
};

/** The organisation list's columns: the table shows them and the CSV holds exactly them. */
export const ORGANISATION_COLUMNS: Column<OrganisationListRow>[] = [
  { key: "shortName", header: "Short name", text: (r) => r.shortName, sortKey: "shortName" },
  { key: "fullName", header: "Full name", text: (r) => r.fullName, sortKey: "fullName" },
  { key: "country", header: "Country", text: (r) => r.country?.nameEn ?? "", sortKey: "country" },
  { key: "type", header: "Type (IATI)", text: (r) => organisationTypeName(r.iatiTypeCode), sortKey: "type" },
  { key: "iatiRef", header: "IATI identifier", text: (r) => r.iatiRef ?? "" },
  { key: "programmes", header: "Programme roles", text: (r) => String(r._count.programmeRoles), align: "right" },
  { key: "agreements", header: "Agreements", text: (r) => String(r._count.agreementParties), align: "right" },
  { key: "activities", header: "Activities", text: (r) => String(r._count.activityRoles), align: "right" },
];
