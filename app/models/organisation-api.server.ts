import { OrganisationFormSchema } from "~/schemas/organisation";
import { formApiResource } from "~/utils/api-resource.server";
import { parseListQuery } from "~/utils/list-query";
import { assertStaff } from "./ctx.server";
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  ORGANISATION_LIST,
  organisationFormDefaults,
  setOrganisationArchived,
  updateOrganisation,
  type OrganisationDetail,
  type OrganisationRow,
} from "./organisation-admin.server";

// Organisations through the JSON API (/api/v1/organisations, issue 19,
// point 5; ADR 0041). Organisations are shared reference data that only staff
// list and edit (the pages require staff; partners and donors meet them only
// as names on the records they see), so every operation here is for staff: a
// partner's or donor's token is refused (403), never given the whole
// register. The list is the organisations page's query; writes are the
// organisation form's schema and model functions.

export type OrganisationResource = ReturnType<typeof organisationResource>;

export function organisationResource(o: OrganisationDetail) {
  return { ...organisationFormDefaults(o), id: o.id, version: o.version, archived: o.archivedAt !== null, updatedAt: o.updatedAt.toISOString() };
}

function listItem(r: OrganisationRow) {
  return {
    id: r.id,
    shortName: r.shortName,
    fullName: r.fullName,
    countryCode: r.country?.code ?? null,
    iatiTypeCode: r.iatiTypeCode,
    iatiRef: r.iatiRef,
    archived: r.archivedAt !== null,
  };
}

export const organisationApi = formApiResource({
  path: "/api/v1/organisations",
  notFound: "Organisation not found",
  what: "organisation",
  schema: OrganisationFormSchema,
  guard: assertStaff,
  async list(_caller, params) {
    const query = parseListQuery(params, ORGANISATION_LIST);
    const { rows, total } = await listOrganisations(query);
    return { data: rows.map(listItem), page: query.page, perPage: query.perPage, total };
  },
  get: getOrganisation,
  defaults: organisationFormDefaults,
  represent: organisationResource,
  create: createOrganisation,
  update: updateOrganisation,
  setArchived: setOrganisationArchived,
});
