import { Link } from "@remix-run/react";
import { useEffect } from "react";
import { get, useFormContext, useWatch } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { useLiveValue } from "~/components/form/following-select";
import { RowGroup, rowsToRender } from "~/components/form/row-group";
import { TranslationFields } from "~/components/form/translation-fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { withNodes } from "~/components/ui/rich-text";
import { useT } from "~/i18n/context";
import { ActivityFormSchema, NewActivityFormSchema } from "~/schemas/activity";
import { ActivityOutcomeRows } from "./activity-outcome-rows";
import type { FormValues } from "~/utils/form";

export type ActivityFormOptions = {
  programmes: { id: string; code: string; title: string }[];
  organisations: { id: string; shortName: string; fullName: string }[];
  agreements: { id: string; title: string; programmeId: string; programme: { code: string; title: string } }[];
  countries: Option[];
};

export function ActivityForm({
  defaults,
  actionData,
  options,
  submitLabel,
  cancelTo,
  withOutcomes = false,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: ActivityFormOptions;
  submitLabel: string;
  cancelTo: string;
  /** The new-activity form records what the activity agreed too (outcomes are edited on their own pages). */
  withOutcomes?: boolean;
}) {
  const t = useT();
  const values = actionData?.values ?? defaults;
  const serverErrors = actionData?.errors ?? {};
  const orgOptions: Option[] = options.organisations.map((o) => ({ value: o.id, label: `${o.shortName} — ${o.fullName}` }));
  return (
    <ZodForm schema={withOutcomes ? NewActivityFormSchema : ActivityFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("activities.form.activity")}>
        <TextInput name="title" label={t("activities.form.title")} required className="sm:col-span-2" />
        <Select
          name="programmeId"
          label={t("activities.form.programme")}
          required
          options={options.programmes.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))}
          placeholder={t("activities.form.chooseProgramme")}
        />
        <Select name="kind" label={t("activities.form.kind")} required options={t.options("activityKind")} placeholder={t("activities.form.chooseKind")} />
        <Select name="status" label={t("activities.form.status")} required options={t.options("activityStatus")} placeholder={null} />
        <TextArea name="description" label={t("activities.form.description")} className="sm:col-span-2" />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("activities.form.title") },
          { name: "description", label: t("activities.form.description"), long: true },
        ]}
      />

      <FormSection title={t("activities.form.placeAndDates")} description={t("activities.form.placeAndDatesHelp")}>
        <Select
          name="countryCode"
          label={t("activities.form.country")}
          options={options.countries.map((o) => ({ value: o.value, label: t.label("country", o.value) }))}
          placeholder={t("activities.form.notRecorded")}
        />
        <TextInput name="city" label={t("activities.form.city")} />
        <TextInput name="latitude" label={t("iatiFields.activity.latitude")} inputMode="decimal" hint={t("iatiFields.activity.latitudeHint")} />
        <TextInput name="longitude" label={t("iatiFields.activity.longitude")} inputMode="decimal" hint={t("iatiFields.activity.longitudeHint")} />
        <TextInput name="plannedStart" label={t("activities.form.plannedStart")} type="date" />
        <TextInput name="plannedEnd" label={t("activities.form.plannedEnd")} type="date" hint={t("activities.form.plannedEndHint")} />
        <TextInput name="actualStart" label={t("activities.form.actualStart")} type="date" />
        <TextInput name="actualEnd" label={t("activities.form.actualEnd")} type="date" hint={t("activities.form.actualEndHint")} />
        <Select
          name="datePrecision"
          label={t("activities.form.precision")}
          options={t.options("datePrecision")}
          placeholder={null}
          hint={t("activities.form.precisionHint")}
          className="sm:col-span-2"
        />
      </FormSection>

      <FormSection title={t("activities.form.participants")} description={t("activities.form.participantsHelp")}>
        <TextInput name="participantsTotal" label={t("activities.form.participantsTotal")} inputMode="numeric" />
        <ParticipantsSum />
        <TextInput name="participantsFemale" label={t("activities.form.female")} inputMode="numeric" />
        <TextInput name="participantsMale" label={t("activities.form.male")} inputMode="numeric" />
        <TextInput name="participantsOther" label={t("activities.form.otherOrNotRecorded")} inputMode="numeric" />
        <div className="hidden sm:block" />
        <TextInput
          name="participantsNote"
          label={t("activities.form.participantsNote")}
          hint={t("activities.form.participantsNoteHint")}
          className="sm:col-span-2"
        />
      </FormSection>

      <AgreementChoices agreements={options.agreements} programmes={options.programmes} values={values} serverError={serverErrors.agreementIds} />

      <RowGroup
        name="organisations"
        legend={t("activities.form.organisations")}
        description={t("activities.form.organisationsHelp")}
        initialRows={rowsToRender(values, "organisations", 2)}
        serverError={serverErrors.organisations}
        addLabel={t("activities.form.addOrganisation")}
        renderRow={(i) => (
          <fieldset className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-3">
            <legend className="sr-only">{t("activities.form.organisationN", { n: String(i + 1) })}</legend>
            <Select
              name={`organisations.${i}.organisationId`}
              label={t("activities.form.organisationN", { n: String(i + 1) })}
              options={orgOptions}
              placeholder="—"
              className="sm:col-span-2"
            />
            <Select
              name={`organisations.${i}.role`}
              label={t("activities.form.roleN", { n: String(i + 1) })}
              options={t.options("activityOrganisationRole")}
              placeholder="—"
            />
          </fieldset>
        )}
      />

      <RowGroup
        name="participantGroups"
        legend={t("activities.form.groups")}
        description={t("activities.form.groupsHelp")}
        initialRows={rowsToRender(values, "participantGroups", 2)}
        serverError={serverErrors.participantGroups}
        addLabel={t("activities.form.addGroup")}
        renderRow={(i) => (
          <fieldset className="grid grid-cols-1 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-4">
            <legend className="mb-1 text-sm font-semibold text-slate-700">{t("activities.form.groupN", { n: String(i + 1) })}</legend>
            <Select
              name={`participantGroups.${i}.organisationId`}
              label={t("activities.form.groupOrganisation")}
              options={orgOptions}
              placeholder="—"
              className="sm:col-span-2"
            />
            <TextInput name={`participantGroups.${i}.label`} label={t("activities.form.groupLabel")} className="sm:col-span-2" />
            <TextInput name={`participantGroups.${i}.total`} label={t("activities.form.groupTotal")} inputMode="numeric" />
            <TextInput name={`participantGroups.${i}.female`} label={t("activities.form.female")} inputMode="numeric" />
            <TextInput name={`participantGroups.${i}.male`} label={t("activities.form.male")} inputMode="numeric" />
            <TextInput name={`participantGroups.${i}.other`} label={t("activities.form.groupOther")} inputMode="numeric" />
          </fieldset>
        )}
      />

      {withOutcomes ? <ActivityOutcomeRows values={values} organisations={options.organisations} serverError={serverErrors.outcomes} /> : null}

      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="text-sm font-medium text-brand-700 underline">
          {t("activities.form.cancel")}
        </Link>
      </div>
    </ZodForm>
  );
}

const toCount = (v: unknown) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** The by-sex figures added up as the user types (with JavaScript; without it, as loaded). */
function ParticipantsSum() {
  const tr = useT();
  const [total, female, male, other] = useWatch({ name: ["participantsTotal", "participantsFemale", "participantsMale", "participantsOther"] });
  const parts = [female, male, other].map(toCount);
  const t = toCount(total);
  if (parts.every((p) => p === null)) return <div className="hidden sm:block" />;
  const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  const over = t !== null && sum > t;
  return (
    <p aria-live="polite" className={`self-start pt-8 text-sm ${over ? "font-medium text-red-700" : "text-slate-600"}`}>
      {tr(t === null ? "activities.form.sum" : sum < t ? "activities.form.sumOfTotalRest" : "activities.form.sumOfTotal", {
        parts: parts.map((p) => p ?? 0).join(" + "),
        sum: String(sum),
        total: t === null ? null : String(t),
        rest: t === null ? null : String(t - sum),
      })}
    </p>
  );
}

/**
 * The agreements the activity serves, grouped by programme (code and title in
 * each group's heading), so the right ones can be found without JavaScript.
 * With JavaScript the chosen programme's group comes first.
 */
function AgreementChoices({
  agreements,
  programmes,
  values,
  serverError,
}: {
  agreements: ActivityFormOptions["agreements"];
  programmes: ActivityFormOptions["programmes"];
  values: FormValues;
  serverError?: string;
}) {
  const t = useT();
  const { register, formState, control, getValues, setValue } = useFormContext();
  const programmeId = useWatch({ control, name: "programmeId" }) as string | undefined;
  // Without JavaScript every programme's group is listed (the server refuses
  // another programme's agreement). Once the page is live and a programme is
  // chosen, only its group is shown, and ticks left in other groups are undone,
  // so nobody tabs through agreements that cannot be chosen (as a Select that
  // `follows` a field does).
  const live = useLiveValue("programmeId");
  const focused = Boolean(live);
  const clientError = (get(formState.errors, "agreementIds") as { message?: string } | undefined)?.message;
  const error = clientError ?? serverError;
  const initial = values.agreementIds;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : initial ? [String(initial)] : []);
  const groups = new Map<string, { code: string; title: string; items: { id: string; title: string }[] }>();
  for (const a of agreements) {
    const g = groups.get(a.programmeId) ?? { code: a.programme.code, title: a.programme.title, items: [] };
    g.items.push({ id: a.id, title: a.title });
    groups.set(a.programmeId, g);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => Number(b === programmeId) - Number(a === programmeId));
  const registration = register("agreementIds");
  const selected = programmes.find((p) => p.id === programmeId);
  const own = new Set((programmeId ? groups.get(programmeId)?.items : undefined)?.map((a) => a.id) ?? []);
  useEffect(() => {
    if (!live) return;
    const current = getValues("agreementIds") as unknown;
    const ids: string[] = Array.isArray(current) ? current.map(String) : current ? [String(current)] : [];
    const kept = ids.filter((id) => own.has(id));
    if (kept.length !== ids.length) setValue("agreementIds", kept);
    // `own` follows programmeId; listing it would rerun this on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, getValues, setValue]);
  const noneHere = focused && own.size === 0;
  const recordLink = (
    <Link to="/agreements/new" className="text-brand-700 underline">
      {t("activities.form.recordAgreement")}
    </Link>
  );
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-5" aria-describedby={error ? "agreementIds-error" : undefined}>
      <legend className="px-1 text-base font-semibold">{t("activities.form.agreements")}</legend>
      <p className="mb-3 text-sm text-slate-600">
        {selected ? t("activities.form.agreementsHelpCode", { code: selected.code }) : t("activities.form.agreementsHelp")}
      </p>
      {error ? (
        <p id="agreementIds-error" className="mb-3 text-sm text-red-700">
          {t.text(error)}
        </p>
      ) : null}
      {ordered.length === 0 || noneHere ? (
        <p className="text-sm text-slate-600">
          {withNodes(t(noneHere && selected ? "activities.form.noProgrammeAgreements" : "activities.form.noAgreements", { code: selected?.code ?? "" }), { link: recordLink })}
        </p>
      ) : (
        <div className="max-h-96 space-y-4 overflow-y-auto pr-1">
          {ordered.map(([id, g]) => (
            <div key={id} role="group" aria-labelledby={`agreements-${id}`} hidden={focused && id !== programmeId}>
              <h3 id={`agreements-${id}`} className="break-words text-sm font-semibold text-slate-800">
                {g.code} <span className="font-normal text-slate-600">— {g.title}</span>
                {id === programmeId ? <span className="ml-2 rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-900">{t("activities.form.thisProgramme")}</span> : null}
              </h3>
              <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
                {g.items.map((a) => (
                  <label key={a.id} className="flex min-h-[24px] items-start gap-2 text-sm">
                    <input type="checkbox" value={a.id} defaultChecked={checked.has(a.id)} className="mt-0.5 h-4 w-4 shrink-0" {...registration} />
                    <span className="min-w-0 break-words">
                      {a.title} <span className="text-slate-500">({g.code})</span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
