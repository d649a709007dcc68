import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { ROLES } from "~/auth/permissions";
import { CheckboxGroup, Select, type Option } from "~/components/form/fields";
import { useT } from "~/i18n/context";
import type { MessageKey } from "~/i18n/translate";

const ROLE_HINTS: Record<string, MessageKey> = {
  ADMIN: "admin.access.hint.ADMIN",
  STAFF: "admin.access.hint.STAFF",
  PARTNER: "admin.access.hint.PARTNER",
  DONOR: "admin.access.hint.DONOR",
};

/**
 * Role, and the scope that goes with it: countries for a partner, funding
 * organisations for a donor. Without JavaScript both lists are shown (the
 * server keeps only the one that fits the role); with it, only the one that
 * applies to the chosen role.
 */
export function AccessFields({ countries, organisations }: { countries: Option[]; organisations: Option[] }) {
  const t = useT();
  const { watch } = useFormContext();
  const role = String(watch("role") ?? "");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const show = (which: "PARTNER" | "DONOR") => !hydrated || role === which;
  return (
    <>
      <Select
        name="role"
        label={t("admin.access.role")}
        required
        options={ROLES.map((r) => ({ value: r, label: t.label("role", r) }))}
        hint={hydrated && ROLE_HINTS[role] ? t(ROLE_HINTS[role]) : t("admin.access.roleHint")}
        placeholder={t("admin.access.chooseRole")}
      />
      <div className="hidden sm:block" aria-hidden="true" />
      {show("PARTNER") ? (
        <CheckboxGroup
          name="countries"
          label={t("admin.access.countries")}
          hint={t("admin.access.countriesHint")}
          // Country names in the reader's language (the options carry ISO codes).
          options={countries.map((c) => ({ value: c.value, label: t.label("country", c.value) }))}
          className="sm:col-span-2"
        />
      ) : null}
      {show("DONOR") ? (
        <CheckboxGroup
          name="organisationIds"
          label={t("admin.access.organisations")}
          hint={t("admin.access.organisationsHint")}
          options={organisations}
          className="sm:col-span-2"
        />
      ) : null}
    </>
  );
}
