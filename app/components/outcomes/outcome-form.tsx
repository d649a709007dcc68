import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useFormContext } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { OUTCOME_TEXT_MAX, OutcomeFormSchema } from "~/schemas/outcome";
import type { FormValues } from "~/utils/form";
import { ACTIVITY_KIND_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { FOLLOW_UP_STATUS_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";

export type OutcomeFormOptions = {
  activities: { id: string; title: string; kind: string; programmeId: string; programme: { code: string } }[];
  organisations: { id: string; shortName: string; fullName: string }[];
  deliverables: { id: string; title: string; programmeId: string; programme: { code: string } }[];
};

/** The activity, fixed when the outcome is recorded from its page (/outcomes/new?activity=). */
export type FixedActivity = { id: string; title: string; kind: string; programme: { code: string; title: string } };

/** The deliverable must be in the activity's programme; with JavaScript the choices follow the activity chosen. */
function DeliverableChoice({ options }: { options: OutcomeFormOptions }) {
  const { watch, getValues, setValue } = useFormContext();
  const activityId = (watch("activityId") as string | undefined) ?? "";
  const programmeId = options.activities.find((a) => a.id === activityId)?.programmeId ?? "";
  const previous = useRef(programmeId);
  useEffect(() => {
    if (previous.current === programmeId) return;
    previous.current = programmeId;
    const current = getValues("deliverableId") as string | undefined;
    if (current && !options.deliverables.some((d) => d.id === current && d.programmeId === programmeId)) setValue("deliverableId", "");
  }, [programmeId, options, getValues, setValue]);
  const choices = options.deliverables
    .filter((d) => !programmeId || d.programmeId === programmeId)
    .map((d) => ({ value: d.id, label: programmeId ? d.title : `${d.title} (${d.programme.code})` }));
  return (
    <Select
      name="deliverableId"
      label="Carried out by the deliverable"
      className="sm:col-span-2"
      options={choices}
      placeholder={choices.length ? "No deliverable yet" : "No deliverables in this programme yet"}
      hint="Or, after saving, use “Create a deliverable to carry this out” on the outcome's page."
    />
  );
}

export function OutcomeForm({
  defaults,
  actionData,
  options,
  fixedActivity,
  submitLabel,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: OutcomeFormOptions;
  fixedActivity?: FixedActivity | null;
  submitLabel: string;
}) {
  return (
    <ZodForm schema={OutcomeFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="The outcome">
        {fixedActivity ? (
          <div className="sm:col-span-2">
            <HiddenField name="activityId" />
            <p className="text-sm font-medium text-slate-800">Workshop or meeting</p>
            <p className="mt-1 text-sm">
              <Link to={`/activities/${fixedActivity.id}`} className="font-medium text-brand-700 underline">
                {fixedActivity.title}
              </Link>{" "}
              <span className="text-slate-600">
                ({ACTIVITY_KIND_LABELS[fixedActivity.kind] ?? fixedActivity.kind}, {fixedActivity.programme.title})
              </span>
            </p>
          </div>
        ) : (
          <Select
            name="activityId"
            label="Workshop or meeting"
            required
            className="sm:col-span-2"
            options={options.activities.map((a) => ({
              value: a.id,
              label: `${a.title} (${ACTIVITY_KIND_LABELS[a.kind] ?? a.kind}, ${a.programme.code})`,
            }))}
            placeholder="Choose the activity where it was agreed"
          />
        )}
        <Select name="type" label="Type" required options={optionsFrom(OUTCOME_TYPE_LABELS)} placeholder="Choose a type" />
        <Select
          name="responsibleOrgId"
          label="Responsible organisation"
          options={options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }))}
          placeholder="Not assigned"
        />
        <TextArea
          name="text"
          label="What was agreed"
          required
          rows={5}
          className="sm:col-span-2"
          hint={`In the words of the minutes, up to ${OUTCOME_TEXT_MAX} characters.`}
        />
        <TextInput name="dueDate" label="Due date" type="date" />
      </FormSection>
      <FormSection title="Follow-up">
        <Select name="followUpStatus" label="Follow-up status" required options={optionsFrom(FOLLOW_UP_STATUS_LABELS)} placeholder={null} />
        <div className="hidden sm:block" aria-hidden="true" />
        <TextArea
          name="followUpNote"
          label="Follow-up note"
          rows={3}
          className="sm:col-span-2"
          hint="What has been done about it; required when it is not pursued."
        />
        <DeliverableChoice options={options} />
      </FormSection>
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
