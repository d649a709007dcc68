import { Link } from "@remix-run/react";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { ORGANISATION_TYPE_OPTIONS } from "~/utils/codelists";
import type { FormValues } from "~/utils/form";

export function OrganisationForm({
  defaults,
  actionData,
  countries,
  submitLabel,
  cancelTo,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  countries: Option[];
  submitLabel: string;
  cancelTo: string;
}) {
  return (
    <ZodForm schema={OrganisationFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="Organisation">
        <TextInput name="shortName" label="Short name" required hint="How lists and tables name it, e.g. HIRA or MOH-BY. Must be unique." />
        <Select
          name="iatiTypeCode"
          label="Organisation type (IATI)"
          required
          options={ORGANISATION_TYPE_OPTIONS}
          placeholder="Choose a type"
        />
        <TextInput name="fullName" label="Full name" required className="sm:col-span-2" hint="The official name, in its own language if you like." />
        <Select name="countryCode" label="Country" options={countries} placeholder="None (international)" />
        <TextInput
          name="iatiRef"
          label="IATI organisation identifier"
          hint="If it has one, e.g. XM-DAC-41114 (WHO) or KR-GOV-010."
        />
        <TextArea
          name="description"
          label="Description"
          className="sm:col-span-2"
          rows={3}
          hint="E.g. “WHO Collaborating Centre for Strategic Purchasing” or “partner ministry”."
        />
      </FormSection>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="text-sm font-medium text-brand-700 underline">
          Cancel
        </Link>
      </div>
    </ZodForm>
  );
}
