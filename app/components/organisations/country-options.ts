import type { Translator } from "~/i18n/translate";

/**
 * Countries for a select or a filter: each named in the reader's language
 * (the "country" group, from i18n-iso-countries) and sorted by that name.
 * Takes the ISO codes, or options whose value is the code.
 */
export function countryOptions(t: Translator, countries: readonly (string | { value: string })[]): { value: string; label: string }[] {
  return countries
    .map((c) => (typeof c === "string" ? c : c.value))
    .map((code) => ({ value: code, label: t.label("country", code) }))
    .sort((a, b) => a.label.localeCompare(b.label, t.locale));
}
