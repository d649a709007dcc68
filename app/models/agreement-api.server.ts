import { AgreementFormSchema } from "~/schemas/agreement";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import {
  AGREEMENT_LIST,
  agreementFormDefaults,
  createAgreement,
  getAgreement,
  listAgreements,
  setAgreementArchived,
  updateAgreement,
  type AgreementDetail,
  type AgreementRow,
} from "./agreement.server";

// Agreements through the JSON API (/api/v1/agreements, issue 19, point 5;
// ADR 0041): the list is the agreements page's query (same filters, sorting,
// pages, scope: a partner's token sees its countries' agreements, a donor's
// those of the programmes its organisations fund), writes are the agreement
// form's schema and model functions. An agreement is the edit form's values
// (agreementFormDefaults) plus id, version, archived and the status in force
// today.

export type AgreementResource = ReturnType<typeof agreementResource>;

export function agreementResource(a: AgreementDetail) {
  return {
    ...agreementFormDefaults(a),
    id: a.id,
    version: a.version,
    /** The status today (an agreement past its expiry reads EXPIRED); `status` is the stored one the form edits. */
    effectiveStatus: a.effectiveStatus,
    archived: a.archivedAt !== null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** A row of the list, as the page shows it (`status`: in force today). */
function listItem(r: AgreementRow) {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    status: r.status,
    reference: r.reference,
    programmeCode: r.programme.code,
    signedOn: day(r.signedOn),
    signedPrecision: r.signedPrecision,
    value: r.value?.toString() ?? null,
    currency: r.currency,
    parties: r.parties.map((p) => ({ organisation: p.organisation.shortName, role: p.role })),
    archived: r.archivedAt !== null,
  };
}

export const agreementApi = formApiResource({
  path: "/api/v1/agreements",
  notFound: "Agreement not found",
  what: "agreement",
  schema: AgreementFormSchema,
  async list(caller, params) {
    const query = parseListQuery(params, AGREEMENT_LIST);
    const { rows, total } = await listAgreements(caller.scope, query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getAgreement,
  defaults: agreementFormDefaults,
  represent: agreementResource,
  create: createAgreement,
  update: updateAgreement,
  setArchived: setAgreementArchived,
});
