import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { RowGroup } from "~/components/form/row-group";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { AgreementFormSchema } from "~/schemas/agreement";
import type { FormValues } from "~/utils/form";

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
  const t = useT();
  const values = actionData?.values ?? defaults;
  const orgOptions: Option[] = options.organisations.map((o) => ({
    value: o.id,
    label: t("agreements.form.organisationOption", { shortName: o.shortName, fullName: o.fullName }),
  }));
  const partyRoles = t.options("partyRole");
  return (
    <ZodForm schema={AgreementFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("agreements.form.agreement")}>
        <TextInput name="title" label={t("agreements.form.title")} required className="sm:col-span-2" />
        <Select
          name="programmeId"
          label={t("agreements.form.programme")}
          required
          options={options.programmes.map((p) => ({ value: p.id, label: t("agreements.form.withCode", { title: p.title, code: p.code }) }))}
          placeholder={t("agreements.form.chooseProgramme")}
        />
        <Select name="type" label={t("agreements.form.type")} required options={t.options("agreementType")} placeholder={t("agreements.form.chooseType")} />
        <Select
          name="parentId"
          label={t("agreements.form.parent")}
          hint={t("agreements.form.parentHint")}
          options={options.parents.map((p) => ({ value: p.id, label: t("agreements.form.withCode", { title: p.title, code: p.programme.code }) }))}
          placeholder={t("agreements.form.notAmendment")}
        />
        <Select name="status" label={t("agreements.form.status")} required options={t.options("agreementStatus")} placeholder={null} />
        <TextInput name="reference" label={t("agreements.form.reference")} hint={t("agreements.form.referenceHint")} />
        <TextArea name="description" label={t("agreements.form.description")} className="sm:col-span-2" />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("agreements.form.title") },
          { name: "description", label: t("agreements.form.description"), long: true },
        ]}
      />
      <FormSection title={t("agreements.form.datesAndValue")}>
        <TextInput name="signedOn" label={t("agreements.form.signedOn")} type="date" />
        <Select
          name="signedPrecision"
          label={t("agreements.form.precision")}
          options={t.options("datePrecision")}
          placeholder={null}
          hint={t("agreements.form.precisionHint", { monthOnly: t.label("datePrecision", "MONTH") })}
        />
        <TextInput name="effectiveOn" label={t("agreements.form.effectiveOn")} type="date" />
        <TextInput name="expiresOn" label={t("agreements.form.expiresOn")} type="date" hint={t("agreements.form.expiresOnHint")} />
        <TextInput name="value" label={t("agreements.form.value")} inputMode="decimal" hint={t("agreements.form.valueHint")} />
        <TextInput name="currency" label={t("agreements.form.currency")} hint={t("agreements.form.currencyHint")} />
      </FormSection>
      <RowGroup
        name="parties"
        legend={t("agreements.form.parties")}
        description={t("agreements.form.partiesHelp")}
        initialRows={partyRowCount(values)}
        serverError={actionData?.errors?.parties}
        addLabel={t("agreements.form.addParty")}
        renderRow={(i) => (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Select
              name={`parties.${i}.organisationId`}
              label={t("agreements.form.partyOrganisation", { n: i + 1 })}
              options={orgOptions}
              placeholder="—"
            />
            <Select name={`parties.${i}.role`} label={t("agreements.form.partyRole", { n: i + 1 })} options={partyRoles} placeholder="—" />
          </div>
        )}
      />
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}

