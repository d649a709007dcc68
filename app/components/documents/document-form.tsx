import { useEffect, useRef, useState } from "react";
import { Checkbox, FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, useField, useFieldIds, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { DocumentFormSchema } from "~/schemas/document";
import type { FormValues } from "~/utils/form";
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_FILE_TYPES_TEXT,
  DOCUMENT_CATEGORY_OPTIONS,
  DOCUMENT_LANGUAGE_LABELS,
  MAX_UPLOAD_BYTES,
} from "~/utils/labels-document";
import { optionsFrom } from "~/utils/labels-extra";

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
function FileField({ result }: { result: ActionResult | null | undefined }) {
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
        File<span className="text-red-700"> *</span>
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        name="file"
        accept={ACCEPT_ATTRIBUTE}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          const problem = !file ? null : file.size > MAX_UPLOAD_BYTES ? "The file is larger than 20 MB." : file.size === 0 ? "The file is empty." : null;
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
        {returned && !chosen ? <strong className="font-semibold text-slate-800">Choose the file again: the browser does not keep it when the form is sent back. </strong> : null}
        Up to 20 MB: {ACCEPTED_FILE_TYPES_TEXT}.
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
  return (
    <ZodForm schema={DocumentFormSchema} defaults={defaults} actionData={actionData} encType={withFile ? "multipart/form-data" : undefined}>
      <HiddenField name="version" />
      <FormSection title={withFile ? "File and title" : "Document"}>
        {withFile ? <FileField result={actionData} /> : null}
        <TextInput name="title" label="Title" required className="sm:col-span-2" hint="What the document is, e.g. “MoU between NHIS and the Ministry of Health, signed copy”." />
        <Select
          name="categoryCode"
          label="Category (IATI)"
          required
          options={DOCUMENT_CATEGORY_OPTIONS}
          placeholder="Choose a category"
          className="sm:col-span-2"
          hint="From the IATI document category list; used when the programme is published."
        />
        <TextInput name="documentDate" label="Document date" type="date" hint="The date on the document (signature, publication); the upload date is kept anyway." />
        <Select name="languageCode" label="Language" options={optionsFrom(DOCUMENT_LANGUAGE_LABELS)} placeholder="Not recorded" />
        <TextArea name="description" label="Description" className="sm:col-span-2" rows={3} />
        <Checkbox
          name="shareable"
          label="Shareable with partners"
          className="sm:col-span-2"
          hint="Partner ministries of the programme's countries and its donors may see and download it. Leave unticked for internal documents."
        />
      </FormSection>
      <FormSection
        title="What it belongs to"
        description="Choose the programme, or a record in it: the record decides the programme, and all the choices must be in the same programme."
      >
        <Select name="programmeId" label="Programme" options={options.programmes} placeholder="Taken from the record below" className="sm:col-span-2" />
        <Select name="agreementId" label="Agreement" options={options.agreements} placeholder="None" />
        <Select name="activityId" label="Activity" options={options.activities} placeholder="None" />
        <Select name="deliverableId" label="Deliverable" options={options.deliverables} placeholder="None" />
        <Select name="outcomeId" label="Outcome" options={options.outcomes} placeholder="None" />
      </FormSection>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
