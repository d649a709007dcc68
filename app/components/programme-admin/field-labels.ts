import type { Translator } from "~/i18n/translate";
import { PROGRAMME_FIELD_LABELS } from "~/utils/labels-programme";

/** The programme's field names in the reader's language (edit conflicts, history). */
export function programmeFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(Object.keys(PROGRAMME_FIELD_LABELS).map((field) => [field, t.label("programmeField", field)]));
}
