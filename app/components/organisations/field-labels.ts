import type { Translator } from "~/i18n/translate";
import { ORGANISATION_FIELD_LABELS } from "~/utils/labels-programme";

/** The organisation's field names in the reader's language (edit conflicts, history). */
export function organisationFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(Object.keys(ORGANISATION_FIELD_LABELS).map((field) => [field, t.label("organisationField", field)]));
}
