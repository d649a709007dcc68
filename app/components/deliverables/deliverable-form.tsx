import { useEffect, useRef } from "react";
import { useFormContext } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { DeliverableFormSchema } from "~/schemas/deliverable";
import type { FormValues } from "~/utils/form";

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
  const t = useT();
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
      <FormSection title={t("deliverables.form.belongsTo")} description={t("deliverables.form.belongsToHelp")}>
        <Select
          name="agreementId"
          label={t("deliverables.form.agreement")}
          options={pick(options.agreements, (a) => a.title)}
          placeholder={t("deliverables.form.noAgreement")}
        />
        <Select
          name="activityId"
          label={t("deliverables.form.activity")}
          options={pick(options.activities, (a) => a.title)}
          placeholder={t("deliverables.form.noActivity")}
        />
      </FormSection>
      <FormSection title={t("deliverables.form.evidence")}>
        <Select
          name="evidenceDocumentId"
          label={t("deliverables.form.evidenceDocument")}
          className="sm:col-span-2"
          options={documents}
          placeholder={documents.length ? t("deliverables.form.noEvidence") : t("deliverables.form.noDocuments")}
          hint={t("deliverables.form.evidenceHint")}
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
  const t = useT();
  return (
    <ZodForm schema={DeliverableFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <HiddenField name="outcomeId" />
      <FormSection title={t("deliverables.form.deliverable")}>
        <TextInput name="title" label={t("deliverables.form.title")} required className="sm:col-span-2" hint={t("deliverables.form.titleHint")} />
        <Select
          name="programmeId"
          label={t("deliverables.form.programme")}
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.title} (${p.code})` }))}
          placeholder={t("deliverables.form.chooseProgramme")}
        />
        <Select
          name="responsibleOrgId"
          label={t("deliverables.form.responsible")}
          options={options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }))}
          placeholder={t("deliverables.form.notAssigned")}
        />
        <TextInput name="dueDate" label={t("deliverables.form.dueDate")} type="date" hint={t("deliverables.form.dueDateHint")} />
        <Select
          name="status"
          label={t("deliverables.form.status")}
          required
          options={t.options("deliverableStatus")}
          placeholder={null}
          hint={t("deliverables.form.statusHint")}
        />
        <TextInput name="submittedOn" label={t("deliverables.form.submittedOn")} type="date" hint={t("deliverables.form.eventDateHint")} />
        <TextInput name="acceptedOn" label={t("deliverables.form.acceptedOn")} type="date" hint={t("deliverables.form.eventDateHint")} />
        <TextArea name="description" label={t("deliverables.form.description")} className="sm:col-span-2" />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("deliverables.form.title") },
          { name: "description", label: t("deliverables.form.description"), long: true },
        ]}
      />
      <ProgrammeScopedChoices options={options} />
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}
