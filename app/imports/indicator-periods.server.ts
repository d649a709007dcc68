import { z } from "zod";
import type { Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import {
  INDICATOR_LIST,
  indicatorPeriodFormsByIds,
  indicatorPeriodsByTitles,
  listIndicatorPeriodIds,
  updateIndicatorPeriodIn,
  type IndicatorPeriodValues,
  type IndicatorPeriodValuesForm,
} from "~/models/indicator.server";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { DomainError } from "~/utils/errors.server";
import { fold } from "./cells";
import { dayColumn, decimalColumn, idAndVersionColumns, programmeColumn, textColumn } from "./columns.server";
import type { Current, ImportColumn, ImportKind } from "./kind.server";

// Indicator period values in a spreadsheet (issue 19, point 1): one row per
// period of an indicator — target and actual, by sex, their comments — with
// the indicator's baseline. The programme, the indicator's title and the
// period's dates say which period a row is (the natural key); they, and the
// periods themselves, are changed on the indicator's form, so a row that
// changes them or names no period is refused. The values obey the indicator
// form's rules (its schema runs on the row, as one period of its indicator),
// and actuals made official by an approved progress report are refused with
// the form's message.

type Form = IndicatorPeriodValuesForm;

const NUMBERS = ["targetValue", "targetFemale", "targetMale", "actualValue", "actualFemale", "actualMale"] as const;
const ACTUALS = ["actualValue", "actualFemale", "actualMale"] as const;
const PERIOD_KEYS = ["periodStart", "periodEnd", ...NUMBERS, "targetComment", "actualComment"] as const;

// Not "required": a row never creates a period (the Notes sheet would say "required for a new record").
const identity = <C extends ImportColumn<Form>>(c: C): C => ({ ...c, note: "imports.notes.periodIdentity", required: false, clearable: false });

const columns: ImportColumn<Form>[] = [
  identity(programmeColumn<Form>("imports.indicatorPeriods.programme", ["programmeId"])),
  identity({ ...textColumn<Form>("indicatorTitle", "imports.indicatorPeriods.indicator"), key: "indicator" }),
  identity(dayColumn<Form>("periodStart", "imports.indicatorPeriods.periodStart")),
  identity(dayColumn<Form>("periodEnd", "imports.indicatorPeriods.periodEnd")),
  { ...decimalColumn<Form>("baselineValue", "imports.indicatorPeriods.baselineValue"), note: "imports.notes.baseline" },
  { ...textColumn<Form>("baselineYear", "imports.indicatorPeriods.baselineYear"), cell: { type: "int" }, note: "imports.notes.baseline" },
  ...NUMBERS.map((k) => decimalColumn<Form>(k, `imports.indicatorPeriods.${k}`)),
  textColumn<Form>("targetComment", "imports.indicatorPeriods.targetComment"),
  textColumn<Form>("actualComment", "imports.indicatorPeriods.actualComment"),
];

function blankForm(): Form {
  const values = { periodStart: "", periodEnd: "", targetValue: "", actualValue: "", targetFemale: "", targetMale: "", actualFemale: "", actualMale: "", targetComment: "", actualComment: "" };
  return {
    version: "",
    indicatorId: "",
    programmeId: "",
    indicatorTitle: "",
    measure: "UNIT",
    baselineValue: "",
    baselineYear: "",
    ...values,
    stored: { programmeId: "", indicatorTitle: "", baselineValue: "", baselineYear: "", ...values },
    lockedBy: "",
  };
}

/** The row as one period of its indicator, for the indicator form's schema (its rules for numbers by measure, sex and dates). */
function asIndicator(f: Form) {
  return {
    programmeId: f.programmeId,
    agreementId: "",
    resultType: "OUTPUT",
    measure: f.measure,
    title: f.indicatorTitle || "-",
    description: "",
    translations: { ru: { title: "", description: "" }, ko: { title: "", description: "" } },
    unitLabel: "",
    ascending: true,
    baselineValue: f.baselineValue,
    baselineYear: f.baselineYear,
    baselineComment: "",
    periods: [Object.fromEntries(PERIOD_KEYS.map((k) => [k, f[k]]))],
  };
}

/** Decimals compared as numbers ("1.50" is "1.5"). */
const sameNumber = (a: string, b: string) => (a === "" || b === "" ? a === b : Number(a) === Number(b));

const Schema = z
  .custom<Form>((v) => typeof v === "object" && v !== null)
  .superRefine((f, ctx) => {
    const issue = (path: string, text: string) => ctx.addIssue({ code: "custom", path: [path], message: text });
    if (!f.indicatorId) return issue("indicatorTitle", message("imports.indicatorPeriods.newPeriod"));
    const s = f.stored;
    if (f.programmeId !== s.programmeId) issue("programmeId", message("imports.indicatorPeriods.identity"));
    if (fold(f.indicatorTitle) !== fold(s.indicatorTitle)) issue("indicatorTitle", message("imports.indicatorPeriods.identity"));
    for (const k of ["periodStart", "periodEnd"] as const) if (f[k] !== s[k]) issue(k, message("imports.indicatorPeriods.identity"));
    const parsed = IndicatorFormSchema.safeParse(asIndicator(f));
    if (!parsed.success) {
      for (const e of parsed.error.issues) {
        const field = e.path[0] === "periods" ? e.path[2] : e.path[0];
        if (typeof field === "string" && (field === "baselineValue" || field === "baselineYear" || (PERIOD_KEYS as readonly string[]).includes(field))) issue(field, e.message);
      }
    }
    // Issue 18: actuals approved in a progress report change only by reopening it.
    if (f.lockedBy) {
      const changed = ACTUALS.find((k) => !sameNumber(f[k], s[k]));
      if (changed) issue(changed, message("progressReport.lock.indicator", { report: f.lockedBy }));
    }
  })
  .transform((f): IndicatorPeriodValues => {
    // Valid here (superRefine passed): the indicator form's own parsing of the values.
    const data = IndicatorFormSchema.parse(asIndicator(f));
    const baselineChanged = !sameNumber(f.baselineValue, f.stored.baselineValue) || f.baselineYear !== f.stored.baselineYear;
    return { period: data.periods[0], baseline: baselineChanged ? { baselineValue: data.baselineValue, baselineYear: data.baselineYear } : null };
  });

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const keyOf = (programmeId: string, title: string, start: string, end: string) => `${programmeId}|${fold(title)}|${start}|${end}`;

export const indicatorPeriodsKind: ImportKind<Form, (typeof INDICATOR_LIST.filters)[number]> = {
  name: "indicatorPeriods",
  entityType: "Indicator",
  title: "imports.kind.indicatorPeriods",
  // A period's page is its indicator's: the indicator page redirects a period's id to it.
  recordPath: (id) => `/indicators/${id}`,
  list: { spec: INDICATOR_LIST, page: (scope, query) => listIndicatorPeriodIds(scope, query) },
  columns: [...idAndVersionColumns<Form>(), ...columns],
  naturalKeyColumns: ["programme", "indicator", "periodStart", "periodEnd"],
  blankForm,
  async readCurrent(scope: Scope, ids: string[]) {
    const rows = await indicatorPeriodFormsByIds(scope, ids.filter(Boolean));
    return new Map(rows.map((r): [string, Current<Form>] => [r.id, { id: r.id, version: r.version, form: r.form, label: r.label }]));
  },
  naturalKey: (f) => (f.programmeId && f.indicatorTitle.trim() && f.periodStart && f.periodEnd ? keyOf(f.programmeId, f.indicatorTitle, f.periodStart, f.periodEnd) : null),
  async findByNaturalKeys(scope, forms) {
    const found = new Map<string, string>();
    const programmeIds = [...new Set(forms.map((f) => f.programmeId).filter(Boolean))];
    const titles = [...new Set(forms.map((f) => f.indicatorTitle.trim()).filter(Boolean))];
    if (!programmeIds.length || !titles.length) return found;
    for (const p of await indicatorPeriodsByTitles(scope, programmeIds, titles)) {
      found.set(keyOf(p.indicator.programmeId, p.indicator.title, ymd(p.periodStart), ymd(p.periodEnd)), p.id);
    }
    return found;
  },
  schema: Schema,
  create: () => {
    // The schema refuses rows that name no period; a period is added on the indicator's form.
    throw new DomainError("invalid", message("imports.indicatorPeriods.newPeriod"));
  },
  update: (tx, ctx, id, version, data) => updateIndicatorPeriodIn(tx, ctx, id, version, data as IndicatorPeriodValues),
};
