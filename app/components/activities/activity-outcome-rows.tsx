import { Select, TextArea, TextInput } from "~/components/form/fields";
import { RowGroup, rowsToRender } from "~/components/form/row-group";
import { FollowUpActionRows, type OutcomeFormOptions } from "~/components/outcomes/outcome-form";
import { useT } from "~/i18n/context";
import { OUTCOME_TEXT_MAX } from "~/schemas/outcome";
import type { FormValues } from "~/utils/form";

/**
 * What the activity agreed, recorded with it on the new-activity form
 * (issue 20): outcomes as repeatable rows, each with the outcome form's
 * fields and its follow-up actions as rows of their own. Saved with the
 * activity in one submission, so an activity recorded offline needs no id
 * from the server first; afterwards each outcome is edited on its own page.
 */
export function ActivityOutcomeRows({
  values,
  organisations,
  serverError,
}: {
  values: FormValues;
  organisations: OutcomeFormOptions["organisations"];
  serverError?: string;
}) {
  const t = useT();
  const orgOptions = organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  const rows = Array.isArray(values.outcomes) ? (values.outcomes as unknown[]) : [];
  const row = (i: number): FormValues => (rows[i] && typeof rows[i] === "object" ? (rows[i] as FormValues) : {});
  return (
    <RowGroup
      name="outcomes"
      legend={t("activities.form.outcomes")}
      description={t("activities.form.outcomesHelp")}
      initialRows={rowsToRender(values, "outcomes", 1)}
      serverError={serverError}
      addLabel={t("activities.form.addOutcome")}
      renderRow={(i) => {
        const n = String(i + 1);
        return (
          <fieldset className="space-y-3 border-t border-slate-100 pt-3">
            <legend className="mb-1 text-sm font-semibold text-slate-700">{t("activities.form.outcomeN", { n })}</legend>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Select name={`outcomes.${i}.type`} label={t("outcomes.form.type")} options={t.options("outcomeType")} placeholder={t("outcomes.form.chooseType")} />
              <Select name={`outcomes.${i}.responsibleOrgId`} label={t("outcomes.form.responsible")} options={orgOptions} placeholder={t("outcomes.form.notAssigned")} />
              <TextArea
                name={`outcomes.${i}.text`}
                label={t("outcomes.form.text")}
                rows={3}
                className="sm:col-span-2"
                hint={t("outcomes.form.textHint", { max: String(OUTCOME_TEXT_MAX) })}
              />
              <TextInput name={`outcomes.${i}.dueDate`} label={t("outcomes.form.dueDate")} type="date" />
              {/* Defaults to the first status ("not started"): a row with nothing else is blank. */}
              <Select name={`outcomes.${i}.followUpStatus`} label={t("outcomes.form.followUpStatus")} options={t.options("followUpStatus")} placeholder={null} />
              <TextArea
                name={`outcomes.${i}.followUpNote`}
                label={t("outcomes.form.followUpNote")}
                rows={2}
                className="sm:col-span-2"
                hint={t("outcomes.form.followUpNoteHint")}
              />
            </div>
            <FollowUpActionRows
              name={`outcomes.${i}.followUps`}
              description={t("activities.form.outcomeActionsHelp")}
              addLabel={t("activities.form.addOutcomeAction", { n })}
              values={row(i)}
              organisations={organisations}
            />
          </fieldset>
        );
      }}
    />
  );
}
