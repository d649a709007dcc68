import { Checkbox, FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { DocumentFormSchema } from "~/schemas/document";
import type { FormValues } from "~/utils/form";
import { FileField } from "./file-field";
import { documentCategoryOptions } from "~/utils/labels-document";

export type DocumentFormOptions = {
  programmes: Option[];
  agreements: Option[];
  activities: Option[];
  deliverables: Option[];
  outcomes: Option[];
};

export function DocumentForm({
  defaults,
  actionData,
  options,
  submitLabel,
  withFile,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: DocumentFormOptions;
  submitLabel: string;
  /** The upload form has the file input; the edit form changes metadata only. */
  withFile: boolean;
}) {
  const t = useT();
  return (
    <ZodForm schema={DocumentFormSchema} defaults={defaults} actionData={actionData} encType={withFile ? "multipart/form-data" : undefined}>
      <HiddenField name="version" />
      <FormSection title={withFile ? t("documents.form.fileSection") : t("documents.form.section")}>
        {withFile ? <FileField result={actionData} /> : null}
        <TextInput name="title" label={t("documents.form.title")} required className="sm:col-span-2" hint={t("documents.form.titleHint")} />
        <Select
          name="categoryCode"
          label={t("documents.form.category")}
          required
          options={documentCategoryOptions(t)}
          placeholder={t("documents.form.categoryPlaceholder")}
          className="sm:col-span-2"
          hint={t("documents.form.categoryHint")}
        />
        <TextInput name="documentDate" label={t("documents.form.documentDate")} type="date" hint={t("documents.form.documentDateHint")} />
        <Select name="languageCode" label={t("documents.form.language")} options={t.options("documentLanguage")} placeholder={t("documents.form.notRecorded")} />
        <TextArea name="description" label={t("documents.form.description")} className="sm:col-span-2" rows={3} />
        <Checkbox
          name="shareable"
          label={t("documents.form.shareable")}
          className="sm:col-span-2"
          hint={t("documents.form.shareableHint")}
        />
        <Checkbox name="isPublic" label={t("iatiPublish.form.isPublic")} className="sm:col-span-2" hint={t("iatiPublish.form.isPublicHint")} />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("documents.form.title") },
          { name: "description", label: t("documents.form.description"), long: true },
        ]}
      />
      <FormSection
        title={t("documents.form.belongsSection")}
        description={t("documents.form.belongsHint")}
      >
        <Select
          name="programmeId"
          label={t("documents.form.programme")}
          options={options.programmes}
          placeholder={t("documents.form.programmePlaceholder")}
          className="sm:col-span-2"
        />
        <Select name="agreementId" label={t("documents.form.agreement")} options={options.agreements} placeholder={t("documents.form.none")} />
        <Select name="activityId" label={t("documents.form.activity")} options={options.activities} placeholder={t("documents.form.none")} />
        <Select name="deliverableId" label={t("documents.form.deliverable")} options={options.deliverables} placeholder={t("documents.form.none")} />
        <Select name="outcomeId" label={t("documents.form.outcome")} options={options.outcomes} placeholder={t("documents.form.none")} />
      </FormSection>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
