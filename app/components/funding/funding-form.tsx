import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { FundingFormSchema } from "~/schemas/funding";
import type { FormValues } from "~/utils/form";
import { optionsFrom } from "~/utils/labels-extra";
import { FUNDING_KIND_LABELS } from "~/utils/labels-results";

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
  const orgOptions: Option[] = options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  return (
    <ZodForm schema={FundingFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="Funding line">
        <Select
          name="programmeId"
          label="Programme"
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder="Choose a programme"
        />
        <Select
          name="kind"
          label="Kind"
          required
          hint="A budget plans money for a period; the other kinds are transactions (IATI transaction types)."
          options={optionsFrom(FUNDING_KIND_LABELS)}
          placeholder="Choose a kind"
        />
        <Select name="providerOrgId" label="Provider" hint="The organisation the money comes from." options={orgOptions} placeholder="Not recorded" />
        <Select name="receiverOrgId" label="Receiver" hint="The organisation the money goes to." options={orgOptions} placeholder="Not recorded" />
        <TextArea name="description" label="Description" className="sm:col-span-2" rows={2} />
      </FormSection>
      <FormSection title="Amount and dates">
        <TextInput name="amount" label="Amount" required inputMode="decimal" hint="More than zero, at most two decimals, e.g. 1250000.50." />
        <TextInput name="currency" label="Currency" required hint="ISO 4217 code, e.g. KRW, USD, EUR." />
        <TextInput name="transactionDate" label="Transaction date" type="date" hint="Required for every kind except a budget." />
        <TextInput
          name="valueDate"
          label="Value date"
          type="date"
          required
          hint="The date used for currency conversion: normally the transaction date, or the period start for a budget."
        />
        <TextInput name="periodStart" label="Period start" type="date" hint="Required for a budget." />
        <TextInput name="periodEnd" label="Period end" type="date" hint="Required for a budget; not before the start." />
        <TextInput name="fiscalYear" label="Fiscal year" inputMode="numeric" hint="Optional: the year the budget or transaction is counted in." />
      </FormSection>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
