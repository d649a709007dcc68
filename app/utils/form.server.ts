import { json } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { formDataToObject, zodErrorsToFieldErrors, type FieldErrors, type FormValues } from "./form";

export type FormFailure = { ok: false; errors: FieldErrors; values: FormValues; formError?: string };
export type FormSuccess<T> = { ok: true; data: T; values: FormValues; intent: string | null };

/** Parses a posted form with the same zod schema the browser used. */
export async function parseForm<S extends ZodTypeAny>(
  request: Request,
  schema: S,
  formData?: FormData,
): Promise<FormSuccess<z.output<S>> | FormFailure> {
  const data = formData ?? (await request.formData());
  const values = formDataToObject(data);
  const intent = typeof values.intent === "string" ? values.intent : null;
  const parsed = await schema.safeParseAsync(values);
  if (!parsed.success) return { ok: false, errors: zodErrorsToFieldErrors(parsed.error), values };
  return { ok: true, data: parsed.data, values, intent };
}

/** 400 with the field errors and the user's input, so the form shows both. */
export function invalid(errors: FieldErrors, values: FormValues, formError?: string, status = 400) {
  return json({ errors, values, formError: formError ?? null, conflict: null }, { status });
}
