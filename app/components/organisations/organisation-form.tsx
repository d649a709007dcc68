import { Link } from "@remix-run/react";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { OrganisationFormSchema } from "~/schemas/organisation";
import { ORGANISATION_TYPE_OPTIONS } from "~/utils/codelists";
import { countryOptions } from "./country-options";
import { IatiRefField } from "./iati-ref-field";
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
  const t = useT();
  // "10 — Government", the name in the reader's language.
  const types = ORGANISATION_TYPE_OPTIONS.map((o) => ({
    value: o.value,
    label: t("organisations.form.codeOption", { code: o.value, name: t.label("organisationType", o.value) }),
  }));
  return (
    <ZodForm schema={OrganisationFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("organisations.form.organisation")}>
        <TextInput name="shortName" label={t("organisations.form.shortName")} required hint={t("organisations.form.shortNameHint")} />
        <Select
          name="iatiTypeCode"
          label={t("organisations.form.type")}
          required
          options={types}
          placeholder={t("organisations.form.chooseType")}
        />
        <TextInput
          name="fullName"
          label={t("organisations.form.fullName")}
          required
          className="sm:col-span-2"
          hint={t("organisations.form.fullNameHint")}
        />
        <Select
          name="countryCode"
          label={t("organisations.form.country")}
          options={countryOptions(t, countries)}
          placeholder={t("organisations.form.noCountry")}
        />
        <IatiRefField label={t("organisations.form.iatiRef")} t={t} />
        <TextArea
          name="description"
          label={t("organisations.form.description")}
          className="sm:col-span-2"
          rows={3}
          hint={t("organisations.form.descriptionHint")}
        />
      </FormSection>
      <TranslationFields fields={[{ name: "fullName", label: t("organisations.form.fullName") }]} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="text-sm font-medium text-brand-700 underline">
          {t("organisations.form.cancel")}
        </Link>
      </div>
    </ZodForm>
  );
}
