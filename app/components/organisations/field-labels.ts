import type { Translator } from "~/i18n/translate";

/** The organisation's field names in the reader's language (edit conflicts, history). */
export function organisationFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(t.options("organisationField").map((o) => [o.value, o.label]));
}
