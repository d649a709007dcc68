import { useEffect, useRef } from "react";
import { useFormContext } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import type { FormValues } from "~/utils/form";
import { DELIVERABLE_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";

type InProgramme = { id: string; title: string; programmeId: string; programme: { code: string } };

export type DeliverableFormOptions = {
  programmes: { id: string; code: string; title: string }[];
  organisations: { id: string; shortName: string; fullName: string }[];
  agreements: InProgramme[];
  activities: InProgramme[];
  documents: (InProgramme & { originalName: string })[];
};

/**
 * Agreement, activity and evidence must be in the deliverable's programme. The
 * server checks that; with JavaScript the choices narrow to the programme
 * picked, and without it every choice is labelled with its programme's code.
 */
function ProgrammeScopedChoices({ options }: { options: DeliverableFormOptions }) {
  const { watch, setValue, getValues } = useFormContext();
  const programmeId = (watch("programmeId") as string | undefined) ?? "";
  const previous = useRef(programmeId);
  useEffect(() => {
    if (previous.current === programmeId) return;
    previous.current = programmeId;
    // Drop choices that belong to the programme no longer chosen.
    const keep = (field: string, list: InProgramme[]) => {
      const current = getValues(field) as string | undefined;
      if (current && !list.some((x) => x.id === current && x.programmeId === programmeId)) setValue(field, "");
    };
    keep("agreementId", options.agreements);
    keep("activityId", options.activities);
    keep("evidenceDocumentId", options.documents);
  }, [programmeId, options, getValues, setValue]);
  const pick = <T extends InProgramme>(list: T[], label: (x: T) => string): Option[] =>
    list
      .filter((x) => !programmeId || x.programmeId === programmeId)
      .map((x) => ({ value: x.id, label: programmeId ? label(x) : `${label(x)} (${x.programme.code})` }));
  const documents = pick(options.documents, (d) => (d.title === d.originalName ? d.title : `${d.title} — ${d.originalName}`));
  return (
    <>
      <FormSection title="What it belongs to" description="Optional. Both must be in the deliverable's programme.">
        <Select
          name="agreementId"
          label="Under the agreement"
          options={pick(options.agreements, (a) => a.title)}
          placeholder="Not under a particular agreement"
        />
        <Select
          name="activityId"
          label="From the activity"
          options={pick(options.activities, (a) => a.title)}
          placeholder="Not from a particular activity"
        />
      </FormSection>
      <FormSection title="Evidence">
        <Select
          name="evidenceDocumentId"
          label="Evidence document"
          className="sm:col-span-2"
          options={documents}
          placeholder={documents.length ? "No evidence yet" : "No documents in this programme yet"}
          hint="The document that shows the deliverable was produced, e.g. the submitted report. Upload it with “Attach a document” on the deliverable's page, then choose it here."
        />
      </FormSection>
    </>
  );
}

export function DeliverableForm({
  defaults,
  actionData,
  options,
  submitLabel,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: DeliverableFormOptions;
  submitLabel: string;
}) {
  return (
    <ZodForm schema={DeliverableFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <HiddenField name="outcomeId" />
      <FormSection title="Deliverable">
        <TextInput name="title" label="Title" required className="sm:col-span-2" hint="What is owed, e.g. “Draft DRG tariff methodology submitted to the Ministry”." />
        <Select
          name="programmeId"
          label="Programme"
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder="Choose a programme"
        />
        <Select
          name="responsibleOrgId"
          label="Responsible organisation"
          options={options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }))}
          placeholder="Not assigned"
        />
        <TextInput name="dueDate" label="Due date" type="date" hint="Open deliverables past this date are shown as overdue." />
        <Select
          name="status"
          label="Status"
          required
          options={optionsFrom(DELIVERABLE_STATUS_LABELS)}
          placeholder={null}
          hint="The submission and acceptance dates are recorded when the status changes."
        />
        <TextArea name="description" label="Description" className="sm:col-span-2" />
      </FormSection>
      <ProgrammeScopedChoices options={options} />
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
