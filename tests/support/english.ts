import { serverTranslator } from "~/i18n/catalogues.server";
import type { FieldErrors } from "~/utils/form";

// Schemas and models give messages for translation (message() in
// ~/i18n/translate); tests that read them straight from a schema check the
// English text a reader would see.
const t = serverTranslator("en");

export function english(raw: string | null | undefined): string {
  return t.text(raw);
}

export function englishErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t.text(v)]));
}
