import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { AgreementFormSchema } from "~/schemas/agreement";
import type { FormValues } from "~/utils/form";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";
import { DATE_PRECISION_LABELS, optionsFrom, PARTY_ROLE_LABELS } from "~/utils/labels-extra";

export type AgreementFormOptions = {
  programmes: { id: string; code: string; title: string }[];
  organisations: { id: string; shortName: string; fullName: string }[];
  parents: { id: string; title: string; programme: { code: string } }[];
};

/** How many party rows the form offers (filled ones plus blanks, so it works without JavaScript). */
export function partyRowCount(values: FormValues): number {
  const rows = Array.isArray(values.parties) ? (values.parties as Record<string, unknown>[]) : [];
  let lastFilled = -1;
  rows.forEach((r, i) => {
    if (r && (r.organisationId || r.role)) lastFilled = i;
  });
  return Math.max(3, lastFilled + 3);
}

export function AgreementForm({
  defaults,
  actionData,
  options,
  submitLabel,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: AgreementFormOptions;
  submitLabel: string;
}) {
  const values = actionData?.values ?? defaults;
  const orgOptions: Option[] = options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  const rowsToShow = partyRowCount(values);
  return (
    <ZodForm schema={AgreementFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="Agreement">
        <TextInput name="title" label="Title" required className="sm:col-span-2" />
        <Select
          name="programmeId"
          label="Programme"
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder="Choose a programme"
        />
        <Select name="type" label="Type" required options={optionsFrom(AGREEMENT_TYPE_LABELS)} placeholder="Choose a type" />
        <Select
          name="parentId"
          label="Amends (for amendments)"
          hint="An amendment belongs to the agreement it changes, in the same programme."
          options={options.parents.map((p) => ({ value: p.id, label: `${p.title} (${p.programme.code})` }))}
          placeholder="Not an amendment"
        />
        <Select name="status" label="Status" required options={optionsFrom(AGREEMENT_STATUS_LABELS)} placeholder={null} />
        <TextInput name="reference" label="Reference" hint="The agreement's own number, if it has one." />
        <TextArea name="description" label="Description" className="sm:col-span-2" />
      </FormSection>
      <FormSection title="Dates and value">
        <TextInput name="signedOn" label="Signed on" type="date" />
        <Select
          name="signedPrecision"
          label="How precisely is the signature date known?"
          options={optionsFrom(DATE_PRECISION_LABELS)}
          placeholder={null}
          hint="For “Nov 2019”, enter 2019-11-01 and choose “Month only”."
        />
        <TextInput name="effectiveOn" label="Effective from" type="date" />
        <TextInput name="expiresOn" label="Expires on" type="date" hint="Must be after the signature date." />
        <TextInput name="value" label="Value" inputMode="decimal" hint="Leave empty for agreements without a value." />
        <TextInput name="currency" label="Currency" hint="ISO 4217 code, e.g. KRW, USD, EUR." />
      </FormSection>
      <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 text-base font-semibold">Parties</legend>
        <p className="mb-3 text-sm text-slate-600">The organisations that sign or take part, with their role. Leave unused rows empty.</p>
        <div className="space-y-3">
          {Array.from({ length: rowsToShow }, (_, i) => (
            <div key={i} className="grid gap-3 sm:grid-cols-2">
              <Select name={`parties.${i}.organisationId`} label={`Party ${i + 1}: organisation`} options={orgOptions} placeholder="—" />
              <Select name={`parties.${i}.role`} label={`Party ${i + 1}: role`} options={optionsFrom(PARTY_ROLE_LABELS)} placeholder="—" />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}

