import { useWatch } from "react-hook-form";
import { TextInput } from "~/components/form/fields";
import type { Translator } from "~/i18n/translate";
import { orgIdHint } from "~/utils/iati-org-id";

// The organisation form's IATI identifier field, with a hint that follows the
// country and type chosen above it (issue 17): which registration agencies the
// country has (OrganisationRegistrationAgency codes starting with its ISO
// code), the DAC form for multilaterals and donor governments, and the
// "<country>-GOV" guess called out when no such agency exists.

/** The hint for an organisation of this country and type, in the reader's language. */
export function iatiRefHintText(t: Translator, countryCode: string | null | undefined, typeCode: string | null | undefined): string {
  const hint = orgIdHint(countryCode, typeCode);
  const parts: string[] = [];
  if (hint.notAPrefix) parts.push(t("iatiPublisher.hint.notAPrefix", { guess: hint.notAPrefix }));
  if (countryCode) {
    const list = hint.agencies.join(", ");
    parts.push(list ? t("iatiPublisher.hint.agencies", { agencies: list }) : t("iatiPublisher.hint.noAgencies"));
  }
  if (hint.dac) parts.push(t(hint.dac === "multilateral" ? "iatiPublisher.hint.multilateral" : "iatiPublisher.hint.government"));
  if (!countryCode && !hint.dac) parts.push(t("iatiPublisher.hint.noCountry"));
  return parts.join(" ");
}

export function IatiRefField({ label, t }: { label: string; t: Translator }) {
  const [countryCode, typeCode] = useWatch({ name: ["countryCode", "iatiTypeCode"] }) as [string | undefined, string | undefined];
  return <TextInput name="iatiRef" label={label} hint={iatiRefHintText(t, countryCode, typeCode)} />;
}
