import { useWatch } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useFormat, useT } from "~/i18n/context";
import { reportingPeriods, type ReportingFrequencyName } from "~/models/reporting-periods";
import { isRealDay } from "~/schemas/fields";
import { REPORTER_KINDS, REPORTING_FREQUENCIES, RequirementFormSchema } from "~/schemas/reporting-requirement";
import type { FormValues } from "~/utils/form";

export type RequirementFormOptions = {
  agreements: { id: string; title: string }[];
  /** The programme's countries, named in the reader's language. */
  countries: Option[];
  organisations: { id: string; shortName: string; fullName: string }[];
};

const PREVIEW = 8;

/** The periods the dates on the form give (with JavaScript): what saving will create, before it does. */
function PeriodPreview() {
  const t = useT();
  const fmt = useFormat();
  const [frequency, startDate, endDate, dueDays, custom] = useWatch({ name: ["frequency", "startDate", "endDate", "dueDays", "customPeriodEnds"] }) as string[];
  const days = Number(dueDays);
  const ok = isRealDay(startDate ?? "") && isRealDay(endDate ?? "") && Number.isInteger(days) && days >= 0 && days <= 365;
  const ends = String(custom ?? "").split(/[\s,;]+/).filter(isRealDay).map((s) => new Date(`${s}T00:00:00Z`));
  const periods = ok
    ? reportingPeriods({ frequency: (frequency || "QUARTERLY") as ReportingFrequencyName, startDate: new Date(`${startDate}T00:00:00Z`), endDate: new Date(`${endDate}T00:00:00Z`), dueDays: days, customPeriodEnds: ends })
    : [];
  return (
    <div className="sm:col-span-2 text-sm" aria-live="polite">
      <p className="font-semibold text-slate-800">{t("reporting.form.preview")}</p>
      {periods.length === 0 ? (
        <p className="text-slate-600">{t("reporting.form.previewNone")}</p>
      ) : (
        <ol className="mt-1 list-decimal pl-6 text-slate-700">
          {periods.slice(0, PREVIEW).map((p) => (
            <li key={p.sequence}>
              {t("reporting.period", { from: fmt.date(p.periodStart), to: fmt.date(p.periodEnd) })} · {t("reporting.col.due")}: {fmt.date(p.dueDate)}
            </li>
          ))}
          {periods.length > PREVIEW ? <li className="list-none">{t("reporting.form.previewMore", { count: periods.length - PREVIEW })}</li> : null}
        </ol>
      )}
    </div>
  );
}

export function RequirementForm({
  defaults,
  actionData,
  options,
  submitLabel,
  note,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: RequirementFormOptions;
  submitLabel: string;
  note?: string;
}) {
  const t = useT();
  return (
    <ZodForm schema={RequirementFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("reporting.form.requirement")}>
        <TextInput name="title" label={t("reporting.form.title")} className="sm:col-span-2" hint={t("reporting.form.titleHint")} />
        <Select
          name="agreementId"
          label={t("reporting.form.agreement")}
          className="sm:col-span-2"
          options={options.agreements.map((a) => ({ value: a.id, label: a.title }))}
          placeholder={t("reporting.form.wholeProgramme")}
        />
      </FormSection>
      <TranslationFields fields={[{ name: "title", label: t("reporting.form.title") }]} />
      <FormSection title={t("reporting.form.periods")} description={t("reporting.form.periodsHelp")}>
        <Select name="frequency" label={t("reporting.form.frequency")} options={REPORTING_FREQUENCIES.map((f) => ({ value: f, label: t(`reporting.frequency.${f}`) }))} placeholder={null} />
        <TextInput name="dueDays" label={t("reporting.form.dueDays")} type="number" inputMode="numeric" />
        <TextInput name="startDate" label={t("reporting.form.startDate")} type="date" hint={t("reporting.form.datesHint")} />
        <TextInput name="endDate" label={t("reporting.form.endDate")} type="date" hint={t("reporting.form.datesHint")} />
        <TextArea name="customPeriodEnds" label={t("reporting.form.customPeriodEnds")} className="sm:col-span-2" rows={3} hint={t("reporting.form.customHint")} />
        <PeriodPreview />
      </FormSection>
      <FormSection title={t("reporting.form.who")}>
        <Select name="reporter" label={t("reporting.form.reporter")} options={REPORTER_KINDS.map((r) => ({ value: r, label: t(`reporting.reporter.${r}`) }))} placeholder={null} />
        <Select name="reporterCountryCode" label={t("reporting.form.country")} options={options.countries} placeholder={t("reporting.form.chooseCountry")} hint={t("reporting.form.countryHint")} />
        <Select
          name="reporterOrganisationId"
          label={t("reporting.form.organisation")}
          className="sm:col-span-2"
          options={options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }))}
          placeholder={t("reporting.form.chooseOrganisation")}
        />
      </FormSection>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
