import type { MessageKey, Translator } from "~/i18n/translate";
import { AGREEMENT_FIELD_LABELS } from "~/schemas/agreement";

/** The agreement's field names in the reader's language (edit conflicts, history). */
export function agreementFieldLabels(t: Translator): Record<string, string> {
  return Object.fromEntries(Object.keys(AGREEMENT_FIELD_LABELS).map((field) => [field, t(`agreements.field.${field}` as MessageKey)]));
}
