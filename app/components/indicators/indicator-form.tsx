import { Checkbox, FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { FollowingSelect } from "~/components/form/following-select";
import { RowGroup } from "~/components/form/row-group";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { useT } from "~/i18n/context";
import type { FormValues } from "~/utils/form";

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
  const t = useT();
  const values = actionData?.values ?? defaults;
  return (
    <ZodForm schema={IndicatorFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("indicators.form.section")}>
        <TextInput name="title" label={t("indicators.form.title")} required className="sm:col-span-2" />
        <Select
          name="programmeId"
          label={t("indicators.form.programme")}
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder={t("indicators.form.programmePlaceholder")}
        />
        <FollowingSelect
          name="agreementId"
          label={t("indicators.form.agreement")}
          hint={t("indicators.form.agreementHint")}
          follows="programmeId"
          options={agreementOptions(options)}
          placeholder={t("indicators.form.agreementPlaceholder")}
        />
        <Select
          name="resultType"
          label={t("indicators.form.resultType")}
          required
          hint={t("indicators.form.resultTypeHint")}
          options={t.options("resultType")}
          placeholder={t("indicators.form.resultTypePlaceholder")}
        />
        <Select
          name="measure"
          label={t("indicators.form.measure")}
          required
          hint={t("indicators.form.measureHint")}
          options={t.options("indicatorMeasure")}
          placeholder={null}
        />
        <TextInput name="unitLabel" label={t("indicators.form.unit")} hint={t("indicators.form.unitHint")} />
        <Checkbox name="ascending" label={t("indicators.form.ascending")} hint={t("indicators.form.ascendingHint")} className="self-center" />
        <TextArea name="description" label={t("indicators.form.description")} className="sm:col-span-2" rows={3} />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("indicators.form.title") },
          { name: "description", label: t("indicators.form.description"), long: true },
        ]}
      />
      <FormSection title={t("indicators.form.baselineSection")} description={t("indicators.form.baselineSectionHint")}>
        <TextInput name="baselineValue" label={t("indicators.form.baselineValue")} inputMode="decimal" hint={t("indicators.form.baselineValueHint")} />
        <TextInput name="baselineYear" label={t("indicators.form.baselineYear")} inputMode="numeric" hint={t("indicators.form.baselineYearHint")} />
        <TextArea name="baselineComment" label={t("indicators.form.baselineComment")} className="sm:col-span-2" rows={2} />
      </FormSection>
      <RowGroup
        name="periods"
        legend={t("indicators.form.periods")}
        description={t("indicators.form.periodsHint")}
        initialRows={periodRowCount(values)}
        serverError={actionData?.errors?.periods}
        addLabel={t("indicators.form.addPeriod")}
        renderRow={(i) => <PeriodRow index={i} />}
      />
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}

function PeriodRow({ index }: { index: number }) {
  const t = useT();
  const n = String(index + 1);
  const name = (field: string) => `periods.${index}.${field}`;
  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t("indicators.form.period", { n })}</legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput name={name("periodStart")} label={t("indicators.form.periodStart", { n })} type="date" />
        <TextInput name={name("periodEnd")} label={t("indicators.form.periodEnd", { n })} type="date" />
        <TextInput name={name("targetValue")} label={t("indicators.form.target", { n })} inputMode="decimal" />
        <TextInput name={name("actualValue")} label={t("indicators.form.actual", { n })} inputMode="decimal" />
        <TextInput name={name("targetFemale")} label={t("indicators.form.targetFemale", { n })} inputMode="decimal" />
        <TextInput name={name("targetMale")} label={t("indicators.form.targetMale", { n })} inputMode="decimal" />
        <TextInput name={name("actualFemale")} label={t("indicators.form.actualFemale", { n })} inputMode="decimal" />
        <TextInput name={name("actualMale")} label={t("indicators.form.actualMale", { n })} inputMode="decimal" />
        <TextArea name={name("targetComment")} label={t("indicators.form.targetComment", { n })} rows={2} className="sm:col-span-2" />
        <TextArea name={name("actualComment")} label={t("indicators.form.actualComment", { n })} rows={2} className="sm:col-span-2" />
      </div>
    </fieldset>
  );
}

/** The agreements, each naming its programme: once a programme is chosen only its own are offered. */
function agreementOptions(options: IndicatorFormOptions): (Option & { parent: string })[] {
  return options.agreements.map((a) => ({ value: a.id, label: `${a.title} (${a.programme.code})`, parent: a.programmeId }));
}
