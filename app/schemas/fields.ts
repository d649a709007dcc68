import countries from "i18n-iso-countries";
import currencyCodes from "currency-codes";
import { z } from "zod";

// Building blocks for form schemas. Each accepts what a browser form sends
// (strings; "" for an empty field) and what react-hook-form holds, and turns
// it into the typed value the model wants. Used on both sides of every form.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const requiredText = (label: string, max = 300) =>
  z
    .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Keep ${label} under ${max} characters.`);

export const optionalText = (label: string, max = 5000) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `Keep ${label} under ${max} characters.`).optional(),
  );

export const id = (label: string) =>
  z.string({ required_error: `Choose ${label}.`, invalid_type_error: `Choose ${label}.` }).trim().min(1, `Choose ${label}.`).max(40);

export const optionalId = () => z.preprocess(blankToUndefined, z.string().trim().max(40).optional());

export const version = () => z.coerce.number().int().min(1);

/** yyyy-mm-dd from a date input; stored as a calendar date (UTC midnight). */
export const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date (yyyy-mm-dd).`)
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label[0].toUpperCase()}${label.slice(1)} is not a real date.`)
      .transform((s) => new Date(`${s}T00:00:00Z`))
      .optional(),
  );

export const requiredDate = (label: string) =>
  z.preprocess(blankToUndefined, z.any()).pipe(
    z
      .string({ required_error: `Enter ${label}.`, invalid_type_error: `Enter ${label}.` })
      .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a date (yyyy-mm-dd).`)
      .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label[0].toUpperCase()}${label.slice(1)} is not a real date.`)
      .transform((s) => new Date(`${s}T00:00:00Z`)),
  );

export const optionalInt = (label: string, max = 10_000_000) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: `Enter ${label} as a whole number.` })
      .int(`Enter ${label} as a whole number.`)
      .min(0, `${label[0].toUpperCase()}${label.slice(1)} cannot be negative.`)
      .max(max, `${label[0].toUpperCase()}${label.slice(1)} looks too large.`)
      .optional(),
  );

/** A decimal amount kept as a string so it reaches the database exactly. */
export const optionalAmount = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.replace(/[\s,]/g, "") : v),
    z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^-?\d{1,18}(\.\d{1,2})?$/, `Enter ${label} as a number with at most two decimals.`)
        .optional(),
    ),
  );

export const optionalMeasure = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.replace(/[\s,]/g, "") : v),
    z.preprocess(
      blankToUndefined,
      z.string().regex(/^-?\d{1,16}(\.\d{1,4})?$/, `Enter ${label} as a number.`).optional(),
    ),
  );

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencyCodes.code(code) !== undefined;
}

export const currencyCode = (required = false) => {
  const base = z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isCurrencyCode, "Use an ISO 4217 currency code such as KRW, USD or EUR.");
  return required
    ? z.preprocess(blankToUndefined, z.string({ required_error: "Choose a currency." }).pipe(base))
    : z.preprocess(blankToUndefined, base.optional());
};

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export const countryCode = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine(isCountryCode, "Use an ISO 3166-1 country code such as BY or KZ.")
      .optional(),
  );

/** A repeated form field (checkbox group); absent means an empty list. */
export const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" || v === false ? [] : Array.isArray(v) ? v.filter((x) => x !== "" && x !== false) : [v]),
    z.array(z.string().trim().min(1).max(40)).max(500),
  );

export const checkbox = () => z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export function enumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { errorMap: () => ({ message }) });
}

/**
 * Rows of a repeatable group (parties, sectors). Blank rows stay in place as
 * null while the rows are checked, so an error on the third row on screen is
 * reported as row 2 (zero-based) and shows next to it; they are dropped after.
 */
export function rows<T extends z.ZodTypeAny>(row: T, isBlank: (r: Record<string, unknown>) => boolean) {
  return z
    .preprocess(
      (v) =>
        Array.isArray(v)
          ? v.map((r) => (r && typeof r === "object" && !isBlank(r as Record<string, unknown>) ? r : null))
          : [],
      z.array(row.nullable()).max(100),
    )
    .transform((list) => list.filter((r): r is z.output<T> => r !== null));
}

export function afterOrSame(start: Date | undefined, end: Date | undefined): boolean {
  return !start || !end || end.getTime() >= start.getTime();
}
