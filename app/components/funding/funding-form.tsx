import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { FundingFormSchema } from "~/schemas/funding";
import { TraceabilityFields } from "./traceability-fields";
import { useT } from "~/i18n/context";
import type { FormValues } from "~/utils/form";

export type FundingFormOptions = {
  programmes: { id: string; code: string; title: string }[];
  organisations: { id: string; shortName: string; fullName: string }[];
};

export function FundingForm({
  defaults,
  actionData,
  options,
  submitLabel,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: FundingFormOptions;
  submitLabel: string;
}) {
  const t = useT();
  const orgOptions: Option[] = options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  return (
    <ZodForm schema={FundingFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("funding.form.section")}>
        <Select
          name="programmeId"
          label={t("funding.form.programme")}
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder={t("funding.form.programmePlaceholder")}
        />
        <Select
          name="kind"
          label={t("funding.form.kind")}
          required
          hint={t("funding.form.kindHint")}
          options={t.options("fundingKind")}
          placeholder={t("funding.form.kindPlaceholder")}
        />
        <Select
          name="providerOrgId"
          label={t("funding.form.provider")}
          hint={t("funding.form.providerHint")}
          options={orgOptions}
          placeholder={t("funding.form.notRecorded")}
        />
        <Select
          name="receiverOrgId"
          label={t("funding.form.receiver")}
          hint={t("funding.form.receiverHint")}
          options={orgOptions}
          placeholder={t("funding.form.notRecorded")}
        />
        <TraceabilityFields />
        <TextArea name="description" label={t("funding.form.description")} className="sm:col-span-2" rows={2} />
      </FormSection>
      <FormSection title={t("funding.form.amountSection")}>
        <TextInput name="amount" label={t("funding.form.amount")} required inputMode="decimal" hint={t("funding.form.amountHint")} />
        <TextInput name="currency" label={t("funding.form.currency")} required hint={t("funding.form.currencyHint")} />
        <TextInput name="transactionDate" label={t("funding.form.transactionDate")} type="date" hint={t("funding.form.transactionDateHint")} />
        <TextInput
          name="valueDate"
          label={t("funding.form.valueDate")}
          type="date"
          required
          hint={t("funding.form.valueDateHint")}
        />
        <TextInput name="periodStart" label={t("funding.form.periodStart")} type="date" hint={t("funding.form.periodStartHint")} />
        <TextInput name="periodEnd" label={t("funding.form.periodEnd")} type="date" hint={t("funding.form.periodEndHint")} />
        <TextInput name="fiscalYear" label={t("funding.form.fiscalYear")} inputMode="numeric" hint={t("funding.form.fiscalYearHint")} />
      </FormSection>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
