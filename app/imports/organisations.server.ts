import organisationTypes from "~/data/iati-organisation-types";
import {
  createOrganisationIn,
  listOrganisations,
  ORGANISATION_LIST,
  organisationFormDefaults,
  organisationFormsByIds,
  organisationsByKeys,
  updateOrganisationIn,
} from "~/models/organisation-admin.server";
import { OrganisationFormSchema, type OrganisationForm } from "~/schemas/organisation";
import { fold } from "./cells";
import { countryColumn, idAndVersionColumns, textColumn } from "./columns.server";
import type { Current, ImportColumn, ImportKind } from "./kind.server";

// Organisations in a spreadsheet (issue 19, point 1): the organisation form's
// values. A row without an id matches by IATI identifier, else by short name
// (also when the file gives an identifier the record does not have yet).
// Translations are not in the file and so are never touched by an import.

type Form = ReturnType<typeof organisationFormDefaults>;

const TYPE_CODES = organisationTypes.items.map((i) => i.code);

const columns: ImportColumn<Form>[] = [
  ...idAndVersionColumns<Form>(),
  textColumn<Form>("shortName", "imports.organisations.shortName", { required: true }),
  textColumn<Form>("fullName", "imports.organisations.fullName", { required: true }),
  {
    key: "type",
    label: "imports.organisations.type",
    cell: { type: "code", codes: TYPE_CODES, enumGroup: "organisationType" },
    required: true,
    fields: ["iatiTypeCode"],
    show: (f) => f.iatiTypeCode,
    put: (f, v) => void (f.iatiTypeCode = v === null ? "" : String(v)),
  },
  countryColumn<Form>("imports.organisations.country"),
  textColumn<Form>("iatiRef", "imports.organisations.iatiRef"),
  textColumn<Form>("description", "imports.organisations.description"),
];

const iatiKey = (ref: string) => `iati:${fold(ref)}`;
const nameKey = (name: string) => `name:${fold(name)}`;

export const organisationsKind: ImportKind<Form, (typeof ORGANISATION_LIST.filters)[number]> = {
  name: "organisations",
  entityType: "Organisation",
  title: "imports.kind.organisations",
  recordPath: (id) => `/organisations/${id}`,
  // Organisations are reference data every staff member sees (no scope to narrow).
  list: { spec: ORGANISATION_LIST, page: (_scope, query) => listOrganisations(query) },
  columns,
  naturalKeyColumns: ["iatiRef", "shortName"],
  blankForm: () => ({ version: "", shortName: "", fullName: "", countryCode: "", iatiTypeCode: "", iatiRef: "", description: "", translations: {} as Form["translations"] }),
  async readCurrent(_scope, ids) {
    const rows = await organisationFormsByIds(ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, r]));
  },
  naturalKey: (f) => (f.iatiRef.trim() ? iatiKey(f.iatiRef) : f.shortName.trim() ? nameKey(f.shortName) : null),
  async findByNaturalKeys(_scope, forms) {
    const found = new Map<string, string>();
    const refs = forms.map((f) => f.iatiRef.trim()).filter(Boolean);
    const names = forms.map((f) => f.shortName.trim()).filter(Boolean);
    if (!refs.length && !names.length) return found;
    const rows = await organisationsByKeys(refs, names);
    for (const o of rows) {
      if (o.iatiRef) found.set(iatiKey(o.iatiRef), o.id);
      found.set(nameKey(o.shortName), o.id);
    }
    // An identifier no organisation has yet: the row is the organisation of that name, gaining it.
    for (const f of forms) {
      if (f.iatiRef.trim() && !found.has(iatiKey(f.iatiRef)) && found.has(nameKey(f.shortName))) found.set(iatiKey(f.iatiRef), found.get(nameKey(f.shortName))!);
    }
    return found;
  },
  schema: OrganisationFormSchema,
  create: (tx, ctx, data) => createOrganisationIn(tx, ctx, data as OrganisationForm),
  update: (tx, ctx, id, version, data) => updateOrganisationIn(tx, ctx, id, version, data as OrganisationForm),
};
