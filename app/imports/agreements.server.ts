import { message } from "~/i18n/translate";
import {
  AGREEMENT_LIST,
  agreementFormDefaults,
  agreementFormsByIds,
  agreementsByReferencesOrTitles,
  createAgreementIn,
  listAgreements,
  updateAgreementIn,
} from "~/models/agreement.server";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, AgreementFormSchema, type AgreementForm } from "~/schemas/agreement";
import { cellText, fold, formatDateCell, type DateCell, type DatePrecision } from "./cells";
import { codeColumn, dayColumn, idAndVersionColumns, programmeColumn, textColumn } from "./columns.server";
import type { Current, ImportColumn, ImportKind } from "./kind.server";
import { money } from "./money";

// Agreements in a spreadsheet (issue 19, point 1): programme, the agreement
// it amends, type, title, reference, status, the signature date with its
// precision ("Nov 2019" is a month), effective and expiry dates, value and
// currency. Parties and translations are not in the file and so are never
// touched by an import. Natural key (a row without an ID): programme +
// reference, else programme + title.

type Form = ReturnType<typeof agreementFormDefaults>;

// Effective and expiry dates are days (no precision column): dayColumn
// refuses a month or a year on its cell.
const columns: ImportColumn<Form>[] = [
  programmeColumn("imports.agreements.programme"),
  {
    key: "parent",
    label: "imports.agreements.parent",
    note: "imports.agreements.noteParent",
    cell: { type: "custom" },
    clearable: true,
    fields: ["parentId"],
    show: (f, refs) => (f.parentId ? refs.agreementName(f.parentId) : ""),
    put: (f, v) => void (f.parentId = v === null ? "" : String(v)),
    parse: (raw, refs) => {
      const value = cellText(raw);
      const id = refs.agreementId(value);
      if (id === "ambiguous") return { error: message("imports.agreements.parentAmbiguous", { value }) };
      return id ? { value: id } : { error: message("imports.agreements.unknownParent", { value }) };
    },
  },
  codeColumn<Form>("type", "type", "imports.agreements.type", AGREEMENT_TYPES, "agreementType", { required: true }),
  textColumn("title", "imports.agreements.title", { required: true }),
  textColumn("reference", "imports.agreements.reference"),
  textColumn("description", "imports.agreements.description"),
  codeColumn<Form>("status", "status", "imports.agreements.status", AGREEMENT_STATUSES, "agreementStatus"),
  {
    // The signature date keeps its precision (Agreement.signedPrecision): "Nov 2019" is a month and reads back as 2019-11.
    key: "signedOn",
    label: "imports.agreements.signedOn",
    note: "imports.agreements.noteSignedOn",
    cell: { type: "date" },
    clearable: true,
    fields: ["signedOn", "signedPrecision"],
    show: (f) => formatDateCell(f.signedOn, f.signedPrecision as DatePrecision),
    put: (f, v) => {
      // Cleared: the precision stays, meaningless without a date (the form does the same).
      if (v === null) f.signedOn = "";
      else [f.signedOn, f.signedPrecision] = [(v as DateCell).iso, (v as DateCell).precision];
    },
  },
  dayColumn("effectiveOn", "imports.agreements.effectiveOn"),
  dayColumn("expiresOn", "imports.agreements.expiresOn"),
  {
    key: "value",
    label: "imports.agreements.value",
    cell: { type: "decimal" },
    clearable: true,
    fields: ["value"],
    // The form holds the stored Decimal's text ("1250000.5"); the file has two decimals, as funding amounts.
    show: (f) => (f.value ? money(f.value) : ""),
    put: (f, v) => void (f.value = v === null ? "" : money(String(v))),
  },
  {
    key: "currency",
    label: "imports.agreements.currency",
    note: "imports.funding.noteCurrency",
    cell: { type: "text" },
    clearable: true,
    fields: ["currency"],
    show: (f) => f.currency,
    put: (f, v) => void (f.currency = v === null ? "" : String(v).trim().toUpperCase()),
  },
];

function blankForm(): Form {
  return {
    version: "",
    programmeId: "",
    parentId: "",
    type: "" as Form["type"],
    title: "",
    reference: "",
    description: "",
    translations: { ru: {}, ko: {} } as Form["translations"],
    status: "DRAFT",
    signedOn: "",
    signedPrecision: "DAY",
    effectiveOn: "",
    expiresOn: "",
    value: "",
    currency: "",
    parties: [],
  };
}

const byReference = (programmeId: string, reference: string) => `${programmeId}|ref|${fold(reference)}`;
const byTitle = (programmeId: string, title: string) => `${programmeId}|title|${fold(title)}`;

export const agreementsKind: ImportKind<Form, (typeof AGREEMENT_LIST.filters)[number]> = {
  name: "agreements",
  entityType: "Agreement",
  title: "imports.kind.agreements",
  recordPath: (id) => `/agreements/${id}`,
  list: { spec: AGREEMENT_LIST, page: (scope, query) => listAgreements(scope, query) },
  columns: [...idAndVersionColumns<Form>(), ...columns],
  naturalKeyColumns: ["programme", "reference"],
  blankForm,
  async readCurrent(scope, ids) {
    const rows = await agreementFormsByIds(scope, ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: r.title }]));
  },
  naturalKey(f) {
    if (!f.programmeId) return null;
    if (f.reference.trim()) return byReference(f.programmeId, f.reference);
    return f.title.trim() ? byTitle(f.programmeId, f.title) : null;
  },
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const programmeIds = [...new Set(forms.map((f) => f.programmeId).filter(Boolean))];
    const references = [...new Set(forms.map((f) => f.reference.trim()).filter(Boolean))];
    const titles = [...new Set(forms.filter((f) => !f.reference.trim()).map((f) => f.title.trim()).filter(Boolean))];
    if (!programmeIds.length || (!references.length && !titles.length)) return found;
    // Oldest first: of two agreements with one title, a row is the first.
    for (const a of await agreementsByReferencesOrTitles(scope, programmeIds, references, titles)) {
      for (const key of [a.reference ? byReference(a.programmeId, a.reference) : null, byTitle(a.programmeId, a.title)]) {
        if (key && !found.has(key)) found.set(key, a.id);
      }
    }
    return found;
  },
  rowCheck(cells, refs): Record<string, string> {
    // An amendment amends an agreement of its own programme (the model says so too, at apply; here the preview does).
    const parent = cells.get("parent");
    const programme = cells.get("programme");
    const elsewhere = typeof parent === "string" && typeof programme === "string" && refs.agreementProgrammeId(parent) !== programme;
    return elsewhere ? { parent: message("imports.agreements.parentProgramme") } : {};
  },
  schema: AgreementFormSchema,
  create: (tx, ctx, data) => createAgreementIn(tx, ctx, data as AgreementForm),
  update: (tx, ctx, id, version, data) => updateAgreementIn(tx, ctx, id, version, data as AgreementForm),
  notes: (t) => [t("imports.agreements.noteMatch")],
};
