import { z } from "zod";
import { COUNTRY_CODES, CURRENCY_CODES } from "~/data/iso-codes";
import { message as m } from "~/i18n/translate";

// Building blocks for form schemas. Each accepts what a browser form sends
// (strings; "" for an empty field) and what react-hook-form holds, and turns
// it into the typed value the model wants. Used on both sides of every form.
//
// Messages are given for translation (message() in ~/i18n/translate): the
// field shows them in the reader's language. A `label` is a message key of a
// noun phrase ("activities.v.title": "a title") or, until every schema has
// its keys, that phrase in English.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// Lone UTF-16 surrogates (not text; PostgreSQL and XML refuse them).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 and C1 control characters except tab, line feed and carriage return:
// PostgreSQL refuses NUL in text, XML 1.0 (the IATI export) refuses the rest,
// and none of them is something a person types.
// U+FFFE and U+FFFF are not characters at all (XML refuses them too).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/**
 * The documented normalisation of free text from a form, before it is
 * trimmed and its length checked: control characters (other than tab and
 * line breaks) and lone surrogates are removed, and the text is put in
 * Unicode NFC (a Korean or accented name typed on macOS arrives decomposed;
 * composed, it matches searches and sorts with the same name typed
 * elsewhere). Idempotent: cleanText(cleanText(s)) === cleanText(s).
 */
export function cleanText(value: string): string {
  return value.replace(LONE_SURROGATE, "").replace(CONTROL, "").normalize("NFC");
}

export const requiredText = (label: string, max = 300) =>
  z
    .string({ required_error: m("validation.enter", { label: `@${label}` }), invalid_type_error: m("validation.enter", { label: `@${label}` }) })
    .transform(cleanText)
    .pipe(z.string().trim().min(1, m("validation.enter", { label: `@${label}` })).max(max, m("validation.tooLong", { label: `@${label}`, max })));

export const optionalText = (label: string, max = 5000) =>
  z.preprocess(
    (v) => blankToUndefined(typeof v === "string" ? cleanText(v) : v),
    z.string().trim().max(max, m("validation.tooLong", { label: `@${label}`, max })).optional(),
  );

// Record ids are cuids; anything else in a select's value was not offered by
// the form (and a NUL byte would reach the database as an error, not a miss).
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

export const id = (label: string) =>
  z
    .string({ required_error: m("validation.choose", { label: `@${label}` }), invalid_type_error: m("validation.choose", { label: `@${label}` }) })
    .trim()
    .min(1, m("validation.choose", { label: `@${label}` }))
    .max(40, m("validation.chooseFromList", { label: `@${label}` }))
    // Blank is min(1)'s case, with its own message.
    .refine((v) => v === "" || ID_PATTERN.test(v), m("validation.chooseFromList", { label: `@${label}` }));

export const optionalId = () =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(40, m("validation.chooseItem")).regex(ID_PATTERN, m("validation.chooseItem")).optional(),
  );

export const version = () => z.coerce.number().int().min(1);

/** True for a yyyy-mm-dd that is a day of the calendar (not 2024-02-30); never throws. */
export function isRealDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** yyyy-mm-dd from a date input; stored as a calendar date (UTC midnight). */
export const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, m("validation.dateFormat", { label: `@${label}` }))
      .refine((s) => isRealDay(s), m("validation.notRealDate", { label: `@${label}` }))
      .transform((s) => new Date(`${s}T00:00:00Z`))
      .optional(),
  );

export const requiredDate = (label: string) =>
  z.preprocess(blankToUndefined, z.any()).pipe(
    z
      .string({ required_error: m("validation.enter", { label: `@${label}` }), invalid_type_error: m("validation.enter", { label: `@${label}` }) })
      .regex(/^\d{4}-\d{2}-\d{2}$/, m("validation.dateFormat", { label: `@${label}` }))
      // zod runs this even when the pattern failed: an invalid Date must not throw (toISOString would).
      .refine((s) => isRealDay(s), m("validation.notRealDate", { label: `@${label}` }))
      .transform((s) => new Date(`${s}T00:00:00Z`)),
  );

export const optionalInt = (label: string, max = 10_000_000) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: m("validation.wholeNumber", { label: `@${label}` }) })
      .int(m("validation.wholeNumber", { label: `@${label}` }))
      .min(0, m("validation.negative", { label: `@${label}` }))
      .max(max, m("validation.tooLarge", { label: `@${label}` }))
      .optional(),
  );

/**
 * What is wrong with a decimal as typed (thousands separators already
 * removed), as a message for translation, or null: not a number at all, too
 * many digits before the point (the column's precision: too large) or after it.
 */
export function decimalProblem(s: string, label: string, digits: { before: number; after: number }, notNumber: string): string | null {
  const match = /^-?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!match) return notNumber;
  if (match[1].length > digits.before) return m("validation.digitsBeforePoint", { label: `@${label}`, max: digits.before });
  if ((match[2]?.length ?? 0) > digits.after) return m("validation.digitsAfterPoint", { label: `@${label}`, max: digits.after });
  return null;
}

/** An optional decimal kept as a string, so it reaches a Decimal column exactly; each refusal says what is wrong. */
const optionalDecimal = (label: string, digits: { before: number; after: number }, notNumber: string) =>
  z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.replace(/[\s,]/g, "") : v),
    z.preprocess(
      blankToUndefined,
      z
        .string({ invalid_type_error: notNumber })
        .superRefine((s, ctx) => {
          const problem = decimalProblem(s, label, digits, notNumber);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        })
        .optional(),
    ),
  );

/** A money amount: Decimal(20,2), so at most 18 digits before the point and 2 after. */
export const AMOUNT_DIGITS = { before: 18, after: 2 } as const;

export const optionalAmount = (label: string) =>
  optionalDecimal(label, AMOUNT_DIGITS, m("validation.amount", { label: `@${label}` }));

/** An indicator figure: Decimal(20,4). */
export const MEASURE_DIGITS = { before: 16, after: 4 } as const;

export const optionalMeasure = (label: string) =>
  optionalDecimal(label, MEASURE_DIGITS, m("validation.number", { label: `@${label}` }));

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODES.has(code);
}

export const currencyCode = (required = false) => {
  const base = z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isCurrencyCode, m("validation.currency"));
  return required
    ? z.preprocess(blankToUndefined, z.string({ required_error: m("validation.chooseCurrency") }).pipe(base))
    : z.preprocess(blankToUndefined, base.optional());
};

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code);
}

export const countryCode = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine(isCountryCode, m("validation.country"))
      .optional(),
  );

/** A repeated form field (checkbox group); absent means an empty list. */
export const idList = () =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" || v === false ? [] : Array.isArray(v) ? v.filter((x) => x !== "" && x !== false) : [v]),
    z.array(z.string().trim().min(1).max(40).regex(ID_PATTERN, m("validation.chooseItems"))).max(500),
  );

export const checkbox = () => z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export function enumField<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { errorMap: () => ({ message }) });
}

// Row schemas of the repeatable groups (rows() and its kin), so that
// withRules() can give the cross-field rules every row that parses on its own
// even when another row does not.
const ROW_GROUPS = new WeakMap<z.ZodTypeAny, { row: z.ZodTypeAny; isBlank: (r: Record<string, unknown>) => boolean }>();

/** Marks `group` as rows of `row` (blank rows per `isBlank`), for withRules(). Returns `group`. */
export function rowGroup<G extends z.ZodTypeAny>(group: G, row: z.ZodTypeAny, isBlank: (r: Record<string, unknown>) => boolean): G {
  ROW_GROUPS.set(group, { row, isBlank });
  return group;
}

/**
 * What the cross-field rules of withRules() see: each field that parsed, as
 * its parsed value (absent if it did not parse); a group of rows as the rows
 * in their form positions, null where a row is blank or did not parse.
 */
export type RuleInput<T> = { [K in keyof T]?: NonNullable<T[K]> extends (infer R)[] ? (R | null)[] : T[K] };

/**
 * An object schema with rules across its fields (an end before its start, a
 * sum over a total) that always run, so a form shows all its problems at
 * once. A zod `.superRefine` on the object runs only when every field's
 * parse was merely "dirty": a missing choice, an unknown option or a number
 * that is not one aborts the object and hides the rules until it is fixed.
 * Here the rules run first, on the fields that parse on their own; a field's
 * own message wins over a rule's message for the same field. Browser
 * (react-hook-form) and server use the same schema, so both show everything.
 */
export function withRules<T extends z.ZodRawShape>(
  object: z.ZodObject<T>,
  rules: (value: RuleInput<z.output<z.ZodObject<T>>>, ctx: z.RefinementCtx) => void,
) {
  return z.preprocess((raw, ctx) => {
    const source = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const value: Record<string, unknown> = {};
    const failed = new Set<string>();
    for (const [key, field] of Object.entries(object.shape) as [string, z.ZodTypeAny][]) {
      const result = field.safeParse(source[key]);
      if (!result.success) for (const issue of result.error.issues) failed.add([key, ...issue.path].join("."));
      const group = ROW_GROUPS.get(field);
      if (group) {
        const list = Array.isArray(source[key]) ? (source[key] as unknown[]) : [];
        value[key] = list.map((r) => {
          if (!r || typeof r !== "object" || group.isBlank(r as Record<string, unknown>)) return null;
          const row = group.row.safeParse(r);
          return row.success ? row.data : null;
        });
      } else if (result.success) value[key] = result.data;
    }
    const issues: z.IssueData[] = [];
    rules(value as RuleInput<z.output<z.ZodObject<T>>>, {
      addIssue: (issue) => void issues.push(issue),
      path: [],
    });
    for (const issue of issues) if (!failed.has((issue.path ?? []).join("."))) ctx.addIssue(issue);
    return raw;
  }, object);
}

/**
 * Rows of a repeatable group (parties, sectors). Blank rows stay in place as
 * null while the rows are checked, so an error on the third row on screen is
 * reported as row 2 (zero-based) and shows next to it; they are dropped after.
 */
export function rows<T extends z.ZodTypeAny>(row: T, isBlank: (r: Record<string, unknown>) => boolean) {
  const group = z
    .preprocess(
      (v) =>
        Array.isArray(v)
          ? v.map((r) => (r && typeof r === "object" && !isBlank(r as Record<string, unknown>) ? r : null))
          : [],
      z.array(row.nullable()).max(100),
    )
    .transform((list) => list.filter((r): r is z.output<T> => r !== null));
  return rowGroup(group, row, isBlank);
}

export const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * Rows of a repeatable group. Blank rows become null rather than being
 * dropped before validation, so an error's path ("organisations.3.role")
 * points at the row the user filled; the nulls are dropped once the whole
 * form is valid (see the end of ActivityFormSchema).
 */
export function indexedRows<T extends z.ZodTypeAny>(row: T, isBlank: (r: Record<string, unknown>) => boolean) {
  return rowGroup(
    z.preprocess(
      (v) => (Array.isArray(v) ? v.map((r) => (r && typeof r === "object" && !isBlank(r as Record<string, unknown>) ? r : null)) : []),
      z.array(row.nullable()).max(100, m("activities.v.maxRows")),
    ),
    row,
    isBlank,
  );
}

export const present = <T,>(r: T | null | undefined): r is T => r !== null && r !== undefined;

export function afterOrSame(start: Date | undefined, end: Date | undefined): boolean {
  return !start || !end || end.getTime() >= start.getTime();
}

/**
 * A record's texts in the other interface languages (IATI narratives with
 * xml:lang): { ru: { title, description }, ko: {...} }, each optional; blank
 * fields are left out. `fields` names the texts and their maximum lengths
 * (an outcome has `text`, an organisation `fullName`).
 */
export const narratives = (titleMax = 300, descriptionMax = 10_000, fields?: Record<string, number>) => {
  const shape = fields ?? { title: titleMax, description: descriptionMax };
  const one = z
    .object(
      Object.fromEntries(
        Object.entries(shape).map(([field, max]) => [
          field,
          optionalText(field === "description" ? "validation.v.translatedDescription" : "validation.v.translatedTitle", max),
        ]),
      ) as Record<string, ReturnType<typeof optionalText>>,
    )
    .default({});
  return z.object({ ru: one, ko: one }).default({ ru: {}, ko: {} });
};

