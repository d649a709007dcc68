import { json } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { requestTranslator } from "~/i18n/request.server";
import { checkFormLimits, FormLimitError, formDataToObject, withAddedRow, zodErrorsToFieldErrors, type FieldErrors, type FormValues } from "./form";

export type FormFailure = { ok: false; errors: FieldErrors; values: FormValues; formError?: string };
export type FormSuccess<T> = { ok: true; data: T; values: FormValues; intent: string | null };

// A field name is a path ("parties.0.role") that formDataToObject walks into
// nested objects, so "__proto__.x" would write to Object.prototype for the
// whole process (prototype pollution: found by tests/hostile). No form has
// such a field; they are dropped before the walk.
const UNSAFE_SEGMENT = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

/** The posted fields without names that could reach an object's prototype. */
export function safeFormData(data: FormData): FormData {
  let unsafe = false;
  for (const key of data.keys()) if (UNSAFE_SEGMENT.test(key)) unsafe = true;
  if (!unsafe) return data;
  const clean = new FormData();
  for (const [key, value] of data.entries()) if (!UNSAFE_SEGMENT.test(key)) clean.append(key, value);
  return clean;
}

/**
 * The posted fields as nested values; a form past FORM_LIMITS (app/utils/limits.ts)
 * is answered 400 at once (the root error page explains it in the reader's language).
 */
export function readFormValues(data: FormData): FormValues {
  try {
    // The limits first, on every name sent (also those dropped next).
    checkFormLimits(data.keys());
    return formDataToObject(safeFormData(data));
  } catch (error) {
    if (error instanceof FormLimitError) throw new Response("The form could not be read.", { status: 400 });
    throw error;
  }
}

/** Parses a posted form with the same zod schema the browser used. */
export async function parseForm<S extends ZodTypeAny>(
  request: Request,
  schema: S,
  formData?: FormData,
): Promise<FormSuccess<z.output<S>> | FormFailure> {
  const values = readFormValues(formData ?? (await request.formData()));
  const intent = typeof values.intent === "string" ? values.intent : null;
  // "Add a row" without JavaScript: the form comes back as typed, with one more row; nothing is checked or saved.
  const added = withAddedRow(values);
  if (added) return { ok: false, errors: {}, values: added };
  const parsed = await schema.safeParseAsync(values);
  if (!parsed.success) {
    // The schema's messages, in the reader's language (the browser's own check shows the same).
    const t = await requestTranslator(request);
    const errors = Object.fromEntries(Object.entries(zodErrorsToFieldErrors(parsed.error)).map(([k, v]) => [k, t.text(v)]));
    return { ok: false, errors, values };
  }
  return { ok: true, data: parsed.data, values, intent };
}

/**
 * 400 with the field errors and the user's input, so the form shows both;
 * 200 when nothing is wrong (the form returned with one more row).
 */
export function invalid(errors: FieldErrors, values: FormValues, formError?: string, status = Object.keys(errors).length || formError ? 400 : 200) {
  return json({ errors, values, formError: formError ?? null, conflict: null }, { status });
}
