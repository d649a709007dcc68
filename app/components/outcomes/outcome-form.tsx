import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useFormContext } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { useT } from "~/i18n/context";
import { OUTCOME_TEXT_MAX, OutcomeFormSchema } from "~/schemas/outcome";
import { RowGroup, rowsToRender } from "~/components/form/row-group";
import type { FormValues } from "~/utils/form";

export type OutcomeFormOptions = {
  activities: { id: string; title: string; kind: string; programmeId: string; programme: { code: string } }[];
  organisations: { id: string; shortName: string; fullName: string }[];
  deliverables: { id: string; title: string; programmeId: string; programme: { code: string } }[];
};

/** The activity, fixed when the outcome is recorded from its page (/outcomes/new?activity=). */
export type FixedActivity = { id: string; title: string; kind: string; programme: { code: string; title: string } };

/** The deliverable must be in the activity's programme; with JavaScript the choices follow the activity chosen. */
function DeliverableChoice({ options }: { options: OutcomeFormOptions }) {
  const t = useT();
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
      label={t("outcomes.form.deliverable")}
      className="sm:col-span-2"
      options={choices}
      placeholder={choices.length ? t("outcomes.form.noDeliverable") : t("outcomes.form.noDeliverables")}
      hint={t("outcomes.form.deliverableHint")}
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
  const t = useT();
  return (
    <ZodForm schema={OutcomeFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("outcomes.form.outcome")}>
        {fixedActivity ? (
          <div className="sm:col-span-2">
            <HiddenField name="activityId" />
            <p className="text-sm font-medium text-slate-800">{t("outcomes.form.activity")}</p>
            <p className="mt-1 text-sm">
              <Link to={`/activities/${fixedActivity.id}`} className="font-medium text-brand-700 underline">
                {fixedActivity.title}
              </Link>{" "}
              <span className="text-slate-600">
                ({t.label("activityKind", fixedActivity.kind)}, {fixedActivity.programme.title})
              </span>
            </p>
          </div>
        ) : (
          <Select
            name="activityId"
            label={t("outcomes.form.activity")}
            required
            className="sm:col-span-2"
            options={options.activities.map((a) => ({
              value: a.id,
              label: `${a.title} (${t.label("activityKind", a.kind)}, ${a.programme.code})`,
            }))}
            placeholder={t("outcomes.form.chooseActivity")}
          />
        )}
        <Select name="type" label={t("outcomes.form.type")} required options={t.options("outcomeType")} placeholder={t("outcomes.form.chooseType")} />
        <Select
          name="responsibleOrgId"
          label={t("outcomes.form.responsible")}
          options={options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }))}
          placeholder={t("outcomes.form.notAssigned")}
        />
        <TextArea
          name="text"
          label={t("outcomes.form.text")}
          required
          rows={5}
          className="sm:col-span-2"
          hint={t("outcomes.form.textHint", { max: String(OUTCOME_TEXT_MAX) })}
        />
        <TextInput name="dueDate" label={t("outcomes.form.dueDate")} type="date" />
      </FormSection>
      <TranslationFields fields={[{ name: "text", label: t("outcomes.form.text"), long: true }]} />
      <FormSection title={t("outcomes.form.followUp")}>
        <Select name="followUpStatus" label={t("outcomes.form.followUpStatus")} required options={t.options("followUpStatus")} placeholder={null} />
        <div className="hidden sm:block" aria-hidden="true" />
        <TextArea
          name="followUpNote"
          label={t("outcomes.form.followUpNote")}
          rows={3}
          className="sm:col-span-2"
          hint={t("outcomes.form.followUpNoteHint")}
        />
        <DeliverableChoice options={options} />
      </FormSection>
      <FollowUpRows values={actionData?.values ?? defaults} options={options} />
      <div className="flex gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </ZodForm>
  );
}

/** The outcome form's follow-up actions: deliverables follow the activity's programme. */
function FollowUpRows({ values, options }: { values: FormValues; options: OutcomeFormOptions }) {
  const { watch } = useFormContext();
  const activityId = (watch("activityId") as string | undefined) ?? "";
  const programmeId = options.activities.find((a) => a.id === activityId)?.programmeId ?? "";
  const deliverables = options.deliverables
    .filter((d) => !programmeId || d.programmeId === programmeId)
    .map((d) => ({ value: d.id, label: programmeId ? d.title : `${d.title} (${d.programme.code})` }));
  const t = useT();
  return (
    <FollowUpActionRows
      name="followUps"
      description={t("outcomes.form.actionsHelp")}
      values={values}
      organisations={options.organisations}
      deliverables={deliverables}
    />
  );
}

/**
 * Follow-up actions as a repeatable group (components/form/row-group): the
 * filled rows plus blank ones, and "Add an action" in place, with or without
 * JavaScript. `name` is the group's field ("followUps", or an outcome's on
 * the new-activity form: "outcomes.1.followUps"); `values` holds it as posted
 * or loaded. Without `deliverables` the rows offer none (on the new-activity
 * form: deliverables are linked later, on the outcome's page).
 */
export function FollowUpActionRows({
  name,
  description,
  addLabel,
  values,
  organisations,
  deliverables,
}: {
  name: string;
  description: string;
  /** The "add" button's name, when several groups of actions share a page. */
  addLabel?: string;
  values: FormValues;
  organisations: OutcomeFormOptions["organisations"];
  deliverables?: Option[];
}) {
  const t = useT();
  const owners = organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  const group = name.split(".").pop()!;
  return (
    <RowGroup
      name={name}
      legend={t("outcomes.form.actions")}
      description={description}
      initialRows={rowsToRender(values, group, 2)}
      addLabel={addLabel ?? t("outcomes.form.addAction")}
      renderRow={(i) => (
        <fieldset className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-4">
          <legend className="mb-1 text-sm font-semibold text-slate-700">{t("outcomes.form.actionN", { n: String(i + 1) })}</legend>
          <TextInput name={`${name}.${i}.description`} label={t("outcomes.form.actionDescription", { n: String(i + 1) })} className="sm:col-span-4" />
          <Select name={`${name}.${i}.ownerOrgId`} label={t("outcomes.form.actionOwner", { n: String(i + 1) })} options={owners} placeholder="—" className="sm:col-span-2" />
          <TextInput name={`${name}.${i}.dueDate`} label={t("outcomes.form.actionDueDate", { n: String(i + 1) })} type="date" />
          <Select name={`${name}.${i}.status`} label={t("outcomes.form.actionStatus", { n: String(i + 1) })} options={t.options("followUpStatus")} placeholder="—" />
          {deliverables ? (
            <Select name={`${name}.${i}.deliverableId`} label={t("outcomes.form.actionDeliverable", { n: String(i + 1) })} options={deliverables} placeholder="—" className="sm:col-span-4" />
          ) : null}
        </fieldset>
      )}
    />
  );
}
