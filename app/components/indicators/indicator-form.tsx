import { Checkbox, FormSection, HiddenField, Select, TextArea, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { IndicatorFormSchema } from "~/schemas/indicator";
import type { FormValues } from "~/utils/form";
import { optionsFrom } from "~/utils/labels-extra";
import { INDICATOR_MEASURE_LABELS, RESULT_TYPE_LABELS } from "~/utils/labels-results";

export type IndicatorFormOptions = {
  programmes: { id: string; code: string; title: string }[];
  agreements: { id: string; title: string; programmeId: string; programme: { code: string } }[];
};

function isFilled(row: unknown): boolean {
  if (!row || typeof row !== "object") return false;
  return Object.values(row as Record<string, unknown>).some((v) => (typeof v === "string" ? v.trim() !== "" : v !== null && v !== undefined));
}

/**
 * How many period rows the form offers: every row up to the last filled one
 * (so a row keeps its number, and its errors stay next to it), plus two blank
 * rows, so more periods can be added without JavaScript.
 */
export function periodRowCount(values: FormValues): number {
  const rows = Array.isArray(values.periods) ? values.periods : [];
  let last = -1;
  rows.forEach((r, i) => {
    if (isFilled(r)) last = i;
  });
  return last + 1 + 2;
}

export function IndicatorForm({
  defaults,
  actionData,
  options,
  submitLabel,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: IndicatorFormOptions;
  submitLabel: string;
}) {
  const values = actionData?.values ?? defaults;
  const rowsToShow = periodRowCount(values);
  return (
    <ZodForm schema={IndicatorFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="Indicator">
        <TextInput name="title" label="Title" required className="sm:col-span-2" />
        <Select
          name="programmeId"
          label="Programme"
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder="Choose a programme"
        />
        <Select
          name="agreementId"
          label="Agreement"
          hint="Optional: the agreement this indicator reports on. It must belong to the same programme."
          options={options.agreements.map((a) => ({ value: a.id, label: `${a.title} (${a.programme.code})` }))}
          placeholder="No particular agreement"
        />
        <Select
          name="resultType"
          label="Result type"
          required
          hint="IATI result type: what level of change the indicator measures."
          options={optionsFrom(RESULT_TYPE_LABELS)}
          placeholder="Choose a result type"
        />
        <Select
          name="measure"
          label="Measure"
          required
          hint="Percentages lie between 0 and 100; qualitative indicators are described in comments, without numbers."
          options={optionsFrom(INDICATOR_MEASURE_LABELS)}
          placeholder={null}
        />
        <TextInput name="unitLabel" label="Unit" hint="What one unit counts: people, hospitals, KRW. Leave empty for a percentage." />
        <Checkbox name="ascending" label="Higher values are better" hint="Untick when lower is better, e.g. waiting times or costs." className="self-center" />
        <TextArea name="description" label="Description" className="sm:col-span-2" rows={3} />
      </FormSection>
      <FormSection title="Baseline" description="The value before the programme's work began, and when it was measured.">
        <TextInput name="baselineValue" label="Baseline value" inputMode="decimal" hint="A number, e.g. 140000 or 12.5." />
        <TextInput name="baselineYear" label="Baseline year" inputMode="numeric" hint="Between 1900 and 2100." />
        <TextArea name="baselineComment" label="Baseline comment" className="sm:col-span-2" rows={2} />
      </FormSection>
      <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 text-base font-semibold">Periods</legend>
        <p className="mb-3 text-sm text-slate-600">
          One row per reporting period, with its target and, once known, the actual value. Periods must not overlap. Figures by sex
          are optional; women and men together cannot exceed the total. Leave unused rows empty; after saving, two new empty rows
          appear.
        </p>
        <div className="space-y-4">
          {Array.from({ length: rowsToShow }, (_, i) => (
            <PeriodRow key={i} index={i} />
          ))}
        </div>
      </fieldset>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}

function PeriodRow({ index }: { index: number }) {
  const n = index + 1;
  const name = (field: string) => `periods.${index}.${field}`;
  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Period {n}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput name={name("periodStart")} label={`Period ${n}: start`} type="date" />
        <TextInput name={name("periodEnd")} label={`Period ${n}: end`} type="date" />
        <TextInput name={name("targetValue")} label={`Period ${n}: target`} inputMode="decimal" />
        <TextInput name={name("actualValue")} label={`Period ${n}: actual`} inputMode="decimal" />
        <TextInput name={name("targetFemale")} label={`Period ${n}: target, women`} inputMode="decimal" />
        <TextInput name={name("targetMale")} label={`Period ${n}: target, men`} inputMode="decimal" />
        <TextInput name={name("actualFemale")} label={`Period ${n}: actual, women`} inputMode="decimal" />
        <TextInput name={name("actualMale")} label={`Period ${n}: actual, men`} inputMode="decimal" />
        <TextArea name={name("targetComment")} label={`Period ${n}: target comment`} rows={2} className="sm:col-span-2" />
        <TextArea name={name("actualComment")} label={`Period ${n}: actual comment`} rows={2} className="sm:col-span-2" />
      </div>
    </fieldset>
  );
}
