import { useEffect, useRef, useState } from "react";
import { Checkbox, FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, useField, useFieldIds, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { DocumentFormSchema } from "~/schemas/document";
import type { FormValues } from "~/utils/form";
import { ACCEPT_ATTRIBUTE, ACCEPTED_FILE_TYPES_KEY, documentCategoryOptions, MAX_UPLOAD_BYTES } from "~/utils/labels-document";

export type DocumentFormOptions = {
  programmes: Option[];
  agreements: Option[];
  activities: Option[];
  deliverables: Option[];
  outcomes: Option[];
};

/**
 * The file input. It is not part of the zod schema (the server streams the
 * file to disk while parsing the body), but its error comes back with the
 * other field errors. A browser never refills a file input, so when the form
 * comes back the user is told to choose the file again.
 */
export function FileField({ result }: { result: ActionResult | null | undefined }) {
  const t = useT();
  const maxMb = MAX_UPLOAD_BYTES / (1024 * 1024);
  const returned = Boolean(result);
  const { error: serverError } = useField("file");
  // With JavaScript, a file past the limit or an empty one is refused as soon as it is chosen.
  const [localError, setLocalError] = useState<string | null>(null);
  const error = localError ?? serverError;
  const { inputId, errorId, hintId } = useFieldIds();
  const input = useRef<HTMLInputElement>(null);
  // Without JavaScript the returned page has an empty file input. With it the
  // input survives the round trip: a refused file is cleared so it cannot be
  // sent again by mistake, while a good file stays chosen when only another
  // field needed fixing.
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    setLocalError(null);
    if (result?.errors?.file && input.current) {
      input.current.value = "";
      setChosen(false);
    }
  }, [result]);
  return (
    <div className="sm:col-span-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {t("documents.form.file")}
        <span className="text-red-700"> *</span>
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        name="file"
        accept={ACCEPT_ATTRIBUTE}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          const problem = !file
            ? null
            : file.size > MAX_UPLOAD_BYTES
              ? t("documents.upload.tooLargeMb", { mb: maxMb })
              : file.size === 0
                ? t("documents.upload.empty")
                : null;
          if (problem) e.currentTarget.value = "";
          setLocalError(problem);
          setChosen(Boolean(file) && !problem);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(" ")}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm file:font-medium ${
          error ? "border-red-600" : "border-slate-300"
        }`}
      />
      <p id={hintId} className="mt-1 text-xs text-slate-600">
        {returned && !chosen ? <strong className="font-semibold text-slate-800">{t("documents.form.chooseAgain")}</strong> : null}
        {t("documents.form.accepted", { mb: maxMb, types: t(ACCEPTED_FILE_TYPES_KEY) })}
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

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
