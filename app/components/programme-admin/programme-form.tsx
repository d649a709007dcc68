import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { useWatch } from "react-hook-form";
import { TranslationFields } from "~/components/form/translation-fields";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { countryOptions } from "~/components/organisations/country-options";
import { useT } from "~/i18n/context";
import { formatPercent, hundredths, ORGANISATION_ROLES, ProgrammeFormSchema } from "~/schemas/programme";
import { SECTOR_OPTIONS } from "~/utils/codelists";
import type { FormValues } from "~/utils/form";
import { RowGroup, rowsToRender } from "~/components/form/row-group";
import { IatiClassificationFields } from "./iati-classification-fields";

export type ProgrammeFormOptions = {
  organisations: { id: string; shortName: string; fullName: string; archivedAt: string | Date | null }[];
  countries: Option[];
};

/** The running total of the sector or country shares (updates as the user types, with JavaScript). */
function ShareTotal({ initial, name, code }: { initial: FormValues; name: "sectors" | "countries"; code: "sectorCode" | "countryCode" }) {
  const t = useT();
  const watched = useWatch({ name, defaultValue: initial[name] }) as Record<string, string | undefined>[] | undefined;
  const rows = (Array.isArray(watched) ? watched : []).filter((r) => r && (r[code] || r.percentage));
  if (rows.length === 0) return null;
  const valid = rows.every((r) => /^\d{1,3}([.,]\d{1,2})?$/.test(String(r.percentage ?? "").trim()));
  if (!valid) return null;
  const total = rows.reduce((sum, r) => sum + hundredths(String(r.percentage).trim().replace(",", ".")), 0);
  return (
    <p aria-live="polite" className={`text-sm font-medium ${total === 10_000 ? "text-green-800" : "text-amber-800"}`}>
      {t(total === 10_000 ? "programmeEdit.form.total" : "programmeEdit.form.totalWrong", { total: formatPercent(total) })}
    </p>
  );
}

export function ProgrammeForm({
  defaults,
  actionData,
  options,
  submitLabel,
  cancelTo,
}: {
  defaults: FormValues;
  actionData?: ActionResult | null;
  options: ProgrammeFormOptions;
  submitLabel: string;
  cancelTo: string;
}) {
  const t = useT();
  const values = actionData?.values ?? defaults;
  const serverErrors = actionData?.errors ?? {};
  const orgOptions: Option[] = options.organisations.map((o) => ({
    value: o.id,
    label: t(o.archivedAt ? "programmeEdit.form.organisationOptionArchived" : "programmeEdit.form.organisationOption", {
      shortName: o.shortName,
      fullName: o.fullName,
    }),
  }));
  const countries = useMemo(() => countryOptions(t, options.countries), [t, options.countries]);
  // "12220 — Basic health care", the name in the reader's language.
  const sectors = useMemo(
    () => SECTOR_OPTIONS.map((s) => ({ value: s.value, label: t("programmeEdit.form.codeOption", { code: s.value, name: t.label("sector", s.value) }) })),
    [t],
  );
  const roles = t.options("organisationRole");
  return (
    <ZodForm schema={ProgrammeFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title={t("programmeEdit.form.programme")}>
        <TextInput name="code" label={t("programmeEdit.form.code")} required hint={t("programmeEdit.form.codeHint")} />
        <Select name="status" label={t("programmeEdit.form.status")} required options={t.options("programmeStatus")} placeholder={null} />
        <TextInput name="title" label={t("programmeEdit.form.title")} required className="sm:col-span-2" />
        <TextArea name="description" label={t("programmeEdit.form.description")} className="sm:col-span-2" rows={5} />
        <TextArea name="objectives" label={t("programmeEdit.form.objectives")} className="sm:col-span-2" rows={4} />
        <TextInput
          name="iatiIdentifier"
          label={t("programmeEdit.form.iatiIdentifier")}
          hint={t("programmeEdit.form.iatiIdentifierHint")}
          className="sm:col-span-2"
        />
      </FormSection>
      <TranslationFields
        fields={[
          { name: "title", label: t("programmeEdit.form.title") },
          { name: "description", label: t("programmeEdit.form.description"), long: true },
        ]}
      />
      <FormSection title={t("programmeEdit.form.datesAndBudget")} description={t("programmeEdit.form.datesAndBudgetHelp")}>
        <TextInput name="plannedStart" label={t("programmeEdit.form.plannedStart")} type="date" />
        <TextInput name="plannedEnd" label={t("programmeEdit.form.plannedEnd")} type="date" />
        <TextInput name="actualStart" label={t("programmeEdit.form.actualStart")} type="date" />
        <TextInput name="actualEnd" label={t("programmeEdit.form.actualEnd")} type="date" />
        <TextInput name="budgetAmount" label={t("programmeEdit.form.budget")} inputMode="decimal" hint={t("programmeEdit.form.budgetHint")} />
        <TextInput name="budgetCurrency" label={t("programmeEdit.form.budgetCurrency")} hint={t("programmeEdit.form.currencyHint")} />
        <TextArea
          name="sourceNote"
          label={t("programmeEdit.form.sourceNote")}
          hint={t("programmeEdit.form.sourceNoteHint")}
          className="sm:col-span-2"
          rows={2}
        />
      </FormSection>
      <RowGroup
        name="organisations"
        legend={t("programmeEdit.form.organisations")}
        description={
          <>
            {t("programmeEdit.form.organisationsHelp", {
              roles: ORGANISATION_ROLES.map((role) =>
                t("programmeEdit.form.roleWithHint", { role: t.label("organisationRole", role), hint: t.label("organisationRoleHint", role) }),
              ).join("; "),
            })}{" "}
            {options.organisations.length === 0 ? (
              <Link to="/organisations/new" className="text-brand-700 underline">
                {t("programmeEdit.form.firstOrganisation")}
              </Link>
            ) : null}
          </>
        }
        initialRows={rowsToRender(values, "organisations")}
        serverError={serverErrors.organisations}
        addLabel={t("programmeEdit.form.addOrganisation")}
        renderRow={(i) => (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select
              name={`organisations.${i}.organisationId`}
              label={t("programmeEdit.form.organisationN", { n: i + 1 })}
              options={orgOptions}
              placeholder="—"
            />
            <Select name={`organisations.${i}.role`} label={t("programmeEdit.form.organisationRoleN", { n: i + 1 })} options={roles} placeholder="—" />
          </div>
        )}
      />
      <RowGroup
        name="countries"
        legend={t("programmeEdit.form.countries")}
        description={t("programmeEdit.form.countriesHelp")}
        initialRows={rowsToRender(values, "countries")}
        serverError={serverErrors.countries}
        addLabel={t("programmeEdit.form.addCountry")}
        summary={<ShareTotal initial={values} name="countries" code="countryCode" />}
        renderRow={(i) => (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select name={`countries.${i}.countryCode`} label={t("programmeEdit.form.countryN", { n: i + 1 })} options={countries} placeholder="—" />
            <TextInput name={`countries.${i}.percentage`} label={t("programmeEdit.form.countryShareN", { n: i + 1 })} inputMode="decimal" />
          </div>
        )}
      />
      <RowGroup
        name="sectors"
        legend={t("programmeEdit.form.sectors")}
        description={t("programmeEdit.form.sectorsHelp")}
        initialRows={rowsToRender(values, "sectors")}
        serverError={serverErrors.sectors}
        addLabel={t("programmeEdit.form.addSector")}
        summary={<ShareTotal initial={values} name="sectors" code="sectorCode" />}
        renderRow={(i) => (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select name={`sectors.${i}.sectorCode`} label={t("programmeEdit.form.sectorN", { n: i + 1 })} options={sectors} placeholder="—" />
            <TextInput name={`sectors.${i}.percentage`} label={t("programmeEdit.form.sectorShareN", { n: i + 1 })} inputMode="decimal" />
          </div>
        )}
      />
      <IatiClassificationFields />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="text-sm font-medium text-brand-700 underline">
          {t("programmeEdit.form.cancel")}
        </Link>
      </div>
    </ZodForm>
  );
}
