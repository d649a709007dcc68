import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { ROLE_LABELS, ROLES } from "~/auth/permissions";
import { CheckboxGroup, Select, type Option } from "~/components/form/fields";

const ROLE_HINTS: Record<string, string> = {
  ADMIN: "Edits everything and manages users and the audit trail.",
  STAFF: "Edits programmes and every record in them.",
  PARTNER: "Sees the progress portal for the countries chosen below.",
  DONOR: "Sees the programmes funded by the organisations chosen below.",
};

/**
 * Role, and the scope that goes with it: countries for a partner, funding
 * organisations for a donor. Without JavaScript both lists are shown (the
 * server keeps only the one that fits the role); with it, only the one that
 * applies to the chosen role.
 */
export function AccessFields({ countries, organisations }: { countries: Option[]; organisations: Option[] }) {
  const { watch } = useFormContext();
  const role = String(watch("role") ?? "");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const show = (which: "PARTNER" | "DONOR") => !hydrated || role === which;
  return (
    <>
      <Select
        name="role"
        label="Role"
        required
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        hint={hydrated && ROLE_HINTS[role] ? ROLE_HINTS[role] : "Administrators and staff see everything; partners and donors only their scope."}
        placeholder="Choose a role"
      />
      <div className="hidden sm:block" aria-hidden="true" />
      {show("PARTNER") ? (
        <CheckboxGroup
          name="countries"
          label="Countries (partner users)"
          hint="The partner sees the programmes of these countries. Countries with programmes are listed first."
          options={countries}
          className="sm:col-span-2"
        />
      ) : null}
      {show("DONOR") ? (
        <CheckboxGroup
          name="organisationIds"
          label="Funding organisations (donor users)"
          hint="The donor sees the programmes these organisations fund. Only organisations recorded as funding a programme are listed."
          options={organisations}
          className="sm:col-span-2"
        />
      ) : null}
    </>
  );
}
