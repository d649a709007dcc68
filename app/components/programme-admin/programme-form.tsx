import { Link } from "@remix-run/react";
import { useWatch } from "react-hook-form";
import { FormSection, HiddenField, Select, TextArea, TextInput, type Option } from "~/components/form/fields";
import { SubmitButton, ZodForm, type ActionResult } from "~/components/form/zod-form";
import { formatPercent, hundredths, ProgrammeFormSchema } from "~/schemas/programme";
import { SECTOR_OPTIONS } from "~/utils/codelists";
import type { FormValues } from "~/utils/form";
import { ORGANISATION_ROLE_LABELS, PROGRAMME_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { ORGANISATION_ROLE_HINTS } from "~/utils/labels-programme";
import { RowGroup, rowsToRender } from "./row-group";

export type ProgrammeFormOptions = {
  organisations: { id: string; shortName: string; fullName: string; archivedAt: string | Date | null }[];
  countries: Option[];
};

const ROLE_OPTIONS: Option[] = optionsFrom(ORGANISATION_ROLE_LABELS);

/** The running total of the sector shares (updates as the user types, with JavaScript). */
function SectorTotal({ initial }: { initial: FormValues }) {
  const watched = useWatch({ name: "sectors", defaultValue: initial.sectors }) as { sectorCode?: string; percentage?: string }[] | undefined;
  const rows = (Array.isArray(watched) ? watched : []).filter((r) => r && (r.sectorCode || r.percentage));
  if (rows.length === 0) return null;
  const valid = rows.every((r) => /^\d{1,3}([.,]\d{1,2})?$/.test(String(r.percentage ?? "").trim()));
  if (!valid) return null;
  const total = rows.reduce((sum, r) => sum + hundredths(String(r.percentage).trim().replace(",", ".")), 0);
  return (
    <p aria-live="polite" className={`text-sm font-medium ${total === 10_000 ? "text-green-800" : "text-amber-800"}`}>
      Total: {formatPercent(total)}%{total === 10_000 ? "" : " (must be 100%)"}
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
  const values = actionData?.values ?? defaults;
  const serverErrors = actionData?.errors ?? {};
  const orgOptions: Option[] = options.organisations.map((o) => ({
    value: o.id,
    label: `${o.shortName} — ${o.fullName}${o.archivedAt ? " (archived)" : ""}`,
  }));
  return (
    <ZodForm schema={ProgrammeFormSchema} defaults={defaults} actionData={actionData}>
      <HiddenField name="version" />
      <FormSection title="Programme">
        <TextInput
          name="code"
          label="Code"
          required
          hint="2–40 capital letters, digits and hyphens, e.g. BY-DRG. Used in addresses and file names."
        />
        <Select name="status" label="Status (IATI activity status)" required options={optionsFrom(PROGRAMME_STATUS_LABELS)} placeholder={null} />
        <TextInput name="title" label="Title" required className="sm:col-span-2" />
        <TextArea name="description" label="Description" className="sm:col-span-2" rows={5} />
        <TextArea name="objectives" label="Objectives" className="sm:col-span-2" rows={4} />
        <TextInput
          name="iatiIdentifier"
          label="IATI identifier"
          hint="If the programme is published to IATI, e.g. XM-DAC-41114-BY-DRG. Must be unique."
          className="sm:col-span-2"
        />
      </FormSection>
      <FormSection title="Dates and budget" description="Planned dates from the agreement or plan; actual dates once they are known.">
        <TextInput name="plannedStart" label="Planned start" type="date" />
        <TextInput name="plannedEnd" label="Planned end" type="date" />
        <TextInput name="actualStart" label="Actual start" type="date" />
        <TextInput name="actualEnd" label="Actual end" type="date" />
        <TextInput name="budgetAmount" label="Budget" inputMode="decimal" hint="The total budget, e.g. 1500000. Leave empty if unknown." />
        <TextInput name="budgetCurrency" label="Budget currency" hint="ISO 4217 code, e.g. KRW, USD, EUR." />
        <TextArea
          name="sourceNote"
          label="Public source"
          hint="Where the public record of this programme comes from: publisher, document and date."
          className="sm:col-span-2"
          rows={2}
        />
      </FormSection>
      <RowGroup
        name="organisations"
        legend="Organisations"
        description={
          <>
            The organisations involved and their IATI role:{" "}
            {Object.entries(ORGANISATION_ROLE_HINTS)
              .map(([role, hint]) => `${ORGANISATION_ROLE_LABELS[role]} ${hint}`)
              .join("; ")}
            . An organisation may have several roles. Leave unused rows empty.{" "}
            {options.organisations.length === 0 ? (
              <Link to="/organisations/new" className="text-brand-700 underline">
                Add the first organisation
              </Link>
            ) : null}
          </>
        }
        initialRows={rowsToRender(values, "organisations")}
        serverError={serverErrors.organisations}
        addLabel="Add an organisation row"
        renderRow={(i) => (
          <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select name={`organisations.${i}.organisationId`} label={`Organisation ${i + 1}`} options={orgOptions} placeholder="—" />
            <Select name={`organisations.${i}.role`} label={`Organisation ${i + 1} role`} options={ROLE_OPTIONS} placeholder="—" />
          </div>
        )}
      />
      <RowGroup
        name="countries"
        legend="Partner countries"
        description="The recipient countries. Shares are optional; if you give one, give every country a share, adding up to 100%."
        initialRows={rowsToRender(values, "countries")}
        serverError={serverErrors.countries}
        addLabel="Add a country row"
        renderRow={(i) => (
          <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select name={`countries.${i}.countryCode`} label={`Country ${i + 1}`} options={options.countries} placeholder="—" />
            <TextInput name={`countries.${i}.percentage`} label={`Country ${i + 1} share (%)`} inputMode="decimal" />
          </div>
        )}
      />
      <RowGroup
        name="sectors"
        legend="DAC sectors"
        description="OECD DAC 5-digit purpose codes (IATI Sector codelist) with the share of the programme in each. When you give sectors, their shares must add up to exactly 100%."
        initialRows={rowsToRender(values, "sectors")}
        serverError={serverErrors.sectors}
        addLabel="Add a sector row"
        summary={<SectorTotal initial={values} />}
        renderRow={(i) => (
          <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Select name={`sectors.${i}.sectorCode`} label={`Sector ${i + 1}`} options={SECTOR_OPTIONS} placeholder="—" />
            <TextInput name={`sectors.${i}.percentage`} label={`Sector ${i + 1} share (%)`} inputMode="decimal" />
          </div>
        )}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{submitLabel}</SubmitButton>
        <Link to={cancelTo} className="text-sm font-medium text-brand-700 underline">
          Cancel
        </Link>
      </div>
    </ZodForm>
  );
}
