import type { MessageKey } from "~/i18n/translate";
import {
  FUNDING_LIST,
  createFundingLineIn,
  fundingFormDefaults,
  fundingFormsByIds,
  fundingLinesByValueDates,
  listFunding,
  updateFundingLineIn,
} from "~/models/funding.server";
import { FUNDING_KINDS, FundingFormSchema, type FundingForm } from "~/schemas/funding";
import { codeColumn, dayColumn, idAndVersionColumns, organisationColumn, programmeColumn, textColumn } from "./columns.server";
import type { Current, ImportColumn, ImportKind } from "./kind.server";
import { money } from "./money";

// Funding lines in a spreadsheet (issue 19, point 1): budgets, incoming funds
// and commitments, outgoing commitments, disbursements, expenditures and
// planned disbursements, as the funding form holds them. Amounts stay
// decimal text end to end (Decimal(20,2)); organisations by IATI identifier
// or name; the other publishers' activity ids as text.
//
// Natural key (a row without an ID): programme + kind + value date + amount +
// currency. Every one of them is on every line, and two lines agreeing on all
// five are the same money; a key without the amount (programme + kind +
// date + organisations) would take a second tranche paid on the same day for
// the first and overwrite it. The cost: a row without its ID that changes
// the amount is a new line, which the preview shows as new (the Notes sheet
// says to keep the ID column to change an amount).

type Form = ReturnType<typeof fundingFormDefaults>;
type Label = MessageKey;

const organisation = (key: "provider" | "receiver", field: "providerOrgId" | "receiverOrgId", label: Label) =>
  organisationColumn<Form>(key, field, label, { note: "imports.funding.noteOrganisation" });

// Funding dates are days (no precision column): dayColumn refuses a month or
// a year on its cell. A new line's value date is
// its transaction date, else its period start, unless the file gives one
// (the value date column comes after these, so a given one wins).
const date = (key: "periodStart" | "periodEnd" | "transactionDate" | "valueDate", label: Label, opts: { required?: boolean; note?: Label } = {}): ImportColumn<Form> => {
  const col = dayColumn<Form>(key, label, opts);
  if (key === "valueDate" || key === "periodEnd") return col;
  return {
    ...col,
    put: (f, v, refs) => {
      col.put(f, v, refs);
      if (v !== null && !f.valueDate) f.valueDate = f[key];
    },
  };
};

const columns: ImportColumn<Form>[] = [
  programmeColumn("imports.funding.programme"),
  codeColumn<Form>("kind", "kind", "imports.funding.kind", FUNDING_KINDS, "fundingKind", { required: true }),
  organisation("provider", "providerOrgId", "imports.funding.provider"),
  organisation("receiver", "receiverOrgId", "imports.funding.receiver"),
  {
    key: "fiscalYear",
    label: "imports.funding.fiscalYear",
    cell: { type: "int" },
    clearable: true,
    fields: ["fiscalYear"],
    show: (f) => f.fiscalYear,
    put: (f, v) => void (f.fiscalYear = v === null ? "" : String(v)),
  },
  date("periodStart", "imports.funding.periodStart"),
  date("periodEnd", "imports.funding.periodEnd"),
  date("transactionDate", "imports.funding.transactionDate"),
  // Never cleared, but a new line may leave it empty (its note says how it is then taken), so it
  // is not marked "Required for a new record".
  { ...date("valueDate", "imports.funding.valueDate", { note: "imports.funding.noteValueDate" }), clearable: false },
  {
    key: "amount",
    label: "imports.funding.amount",
    note: "imports.funding.noteAmount",
    cell: { type: "decimal" },
    required: true,
    fields: ["amount"],
    show: (f) => f.amount,
    put: (f, v) => void (f.amount = v === null ? "" : money(String(v))),
  },
  {
    key: "currency",
    label: "imports.funding.currency",
    note: "imports.funding.noteCurrency",
    cell: { type: "text" },
    required: true,
    fields: ["currency"],
    show: (f) => f.currency,
    // As the form stores it (upper case), so "usd" against a stored USD is no change.
    put: (f, v) => void (f.currency = v === null ? "" : String(v).trim().toUpperCase()),
  },
  textColumn("description", "imports.funding.description"),
  textColumn("providerActivityId", "imports.funding.providerActivityId"),
  textColumn("receiverActivityId", "imports.funding.receiverActivityId"),
];

function blankForm(): Form {
  return {
    version: "",
    programmeId: "",
    kind: "" as Form["kind"],
    providerOrgId: "",
    receiverOrgId: "",
    fiscalYear: "",
    periodStart: "",
    periodEnd: "",
    transactionDate: "",
    valueDate: "",
    amount: "",
    currency: "",
    description: "",
    providerActivityId: "",
    receiverActivityId: "",
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const keyOf = (l: { programmeId: string; kind: string; valueDate: string; amount: string; currency: string }) =>
  `${l.programmeId}|${l.kind}|${l.valueDate}|${l.amount}|${l.currency.toUpperCase()}`;

export const fundingKind: ImportKind<Form, (typeof FUNDING_LIST.filters)[number]> = {
  name: "funding",
  entityType: "FundingLine",
  title: "imports.kind.funding",
  recordPath: (id) => `/funding/${id}`,
  list: { spec: FUNDING_LIST, page: (scope, query) => listFunding(scope, query) },
  columns: [...idAndVersionColumns<Form>(), ...columns],
  naturalKeyColumns: ["programme", "kind", "valueDate", "amount", "currency"],
  blankForm,
  async readCurrent(scope, ids) {
    const rows = await fundingFormsByIds(scope, ids);
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: "" }]));
  },
  naturalKey(f) {
    return f.programmeId && f.kind && DAY.test(f.valueDate) && /^\d+\.\d{2}$/.test(f.amount) && f.currency ? keyOf(f) : null;
  },
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const keyed = forms.filter((f) => fundingKind.naturalKey(f));
    const programmeIds = [...new Set(keyed.map((f) => f.programmeId))];
    const days = [...new Set(keyed.map((f) => f.valueDate))];
    if (!programmeIds.length) return found;
    const lines = await fundingLinesByValueDates(scope, programmeIds, days.map((d) => new Date(`${d}T00:00:00Z`)));
    // Oldest first: of two identical lines, a row is the first.
    for (const l of lines) {
      const key = keyOf({ ...l, valueDate: l.valueDate.toISOString().slice(0, 10) });
      if (!found.has(key)) found.set(key, l.id);
    }
    return found;
  },
  label(f, refs) {
    const when = f.transactionDate || [f.periodStart, f.periodEnd].filter(Boolean).join("–") || f.valueDate;
    return [f.programmeId ? refs.programmeCodeOf(f.programmeId) : "", f.kind, when, [f.amount, f.currency].filter(Boolean).join(" ")].filter(Boolean).join(" · ");
  },
  schema: FundingFormSchema,
  create: (tx, ctx, data) => createFundingLineIn(tx, ctx, data as FundingForm),
  update: (tx, ctx, id, version, data) => updateFundingLineIn(tx, ctx, id, version, data as FundingForm),
  notes: (t) => [t("imports.funding.noteMatch")],
};
