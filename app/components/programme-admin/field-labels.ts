import type { Translator } from "~/i18n/translate";

/** The programme's field names in the reader's language (edit conflicts, history). */
export function programmeFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(t.options("programmeField").map((o) => [o.value, o.label]));
}
