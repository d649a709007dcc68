import { z, type ZodError, type ZodTypeAny } from "zod";
import { FORM_LIMITS } from "./limits";

// Forms are plain HTML forms posted to Remix actions, with or without
// JavaScript. With JavaScript, react-hook-form validates first and then the
// browser's own form data is submitted, so the server always receives the
// same encoding: "a.b" / "a.0.b" for nested fields, and a repeated name (a
// checkbox group) for a list.

export type FormValues = Record<string, unknown>;

/** A button's intent asking for one more row of a repeatable group ("add-row:periods"). */
export const ADD_ROW_INTENT = "add-row:";
/** The hidden fields that say how many rows each group showed ("_rows.periods"). */
export const ROWS_FIELD = "_rows";
/** Groups never have more rows than this (the schemas refuse more). */
const MAX_ROWS = 100;

/**
 * A group's key under ROWS_FIELD. A group inside a row of another
 * ("outcomes.1.followUps") is flattened ("outcomes-1-followUps"): its count
 * must not sit under its parent's ("_rows.outcomes"), which is a number.
 */
export const rowsKey = (group: string) => group.replaceAll(".", "-");

/** A group's name: a field ("periods"), or a field of a row of another group ("outcomes.1.followUps"). */
const GROUP_NAME = /^[A-Za-z]{1,40}(\.\d{1,3}\.[A-Za-z]{1,40})?$/;

/**
 * The values of a form posted by an "Add a row" button (without JavaScript),
 * with one more row asked for the group; null for any other post.
 */
export function withAddedRow(values: FormValues): FormValues | null {
  const intent = values.intent;
  if (typeof intent !== "string" || !intent.startsWith(ADD_ROW_INTENT)) return null;
  const group = intent.slice(ADD_ROW_INTENT.length);
  // Not a name objects inherit ("constructor", "toString") nor one the parser
  // drops ("prototype", below): no group is called that.
  if (!GROUP_NAME.test(group) || group.split(".").some((part) => part in Object.prototype || UNSAFE_PARTS.has(part))) return null;
  const key = rowsKey(group);
  const rows = values[ROWS_FIELD] && typeof values[ROWS_FIELD] === "object" ? (values[ROWS_FIELD] as Record<string, unknown>) : {};
  const shown = Object.hasOwn(rows, key) ? rows[key] : undefined;
  const count = Math.min(MAX_ROWS, (Number.isInteger(Number(shown)) ? Number(shown) : 0) + 1);
  const { intent: _intent, ...rest } = values;
  return { ...rest, [ROWS_FIELD]: { ...rows, [key]: String(count) } };
}
export type FieldErrors = Record<string, string>;

/** A posted form whose field names go past FORM_LIMITS: the request is refused (400), nothing is read further. */
export class FormLimitError extends Error {
  constructor(readonly limit: keyof typeof FORM_LIMITS) {
    super(`form field names exceed ${limit}`);
    this.name = "FormLimitError";
  }
}

const INDEX = /^\d+$/;

/** Name segments that could reach an object's prototype: such fields are never read. */
const UNSAFE_PARTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Throws FormLimitError unless every field name is within FORM_LIMITS. Runs
 * before any name is walked: "a.1000000000.b" once built an array a billion
 * long (a minute of one CPU, anonymously), and a name of 3,000 segments
 * overflowed the stack.
 */
export function checkFormLimits(keys: Iterable<string>): void {
  let fields = 0;
  for (const key of keys) {
    if (++fields > FORM_LIMITS.maxFields) throw new FormLimitError("maxFields");
    if (key.length > FORM_LIMITS.maxNameLength) throw new FormLimitError("maxNameLength");
    const parts = key.split(".");
    if (parts.length > FORM_LIMITS.maxDepth) throw new FormLimitError("maxDepth");
    for (const part of parts) if (INDEX.test(part) && Number(part) > FORM_LIMITS.maxIndex) throw new FormLimitError("maxIndex");
  }
}

export function formDataToObject(data: FormData | URLSearchParams): FormValues {
  checkFormLimits(data.keys());
  const out: FormValues = {};
  // Containers that become lists ("rows.0.x"): built as objects keyed by
  // index and made dense lists at the end (a removed row in the middle leaves
  // no gap), so no name can make the parser walk a long sparse array.
  const lists = new WeakSet<object>();
  for (const [key, raw] of data.entries()) {
    if (typeof raw !== "string") continue; // files are handled by the upload code
    const parts = key.split(".");
    // A name like "__proto__.x" would otherwise write into Object.prototype
    // for the whole server process.
    if (parts.some((part) => UNSAFE_PARTS.has(part))) continue;
    let node: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i];
      const current = Object.hasOwn(node, part) ? node[part] : undefined;
      if (current === undefined || current === null || typeof current !== "object") {
        const child: Record<string, unknown> = {};
        if (INDEX.test(parts[i + 1])) lists.add(child);
        node[part] = child;
      }
      node = node[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    const existing = Object.hasOwn(node, last) ? node[last] : undefined;
    if (existing === undefined) node[last] = raw;
    else if (Array.isArray(existing)) existing.push(raw);
    else if (typeof existing === "object") continue; // "a" after "a.b": the nested fields win
    else node[last] = [existing, raw];
  }
  const compact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value; // a repeated name: a list of strings
    if (value && typeof value === "object") {
      const entries = Object.entries(value as FormValues);
      if (lists.has(value)) {
        // Only index keys make rows; in index order.
        return entries
          .filter(([k]) => INDEX.test(k))
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, v]) => compact(v));
      }
      return Object.fromEntries(entries.map(([k, v]) => [k, compact(v)]));
    }
    return value;
  };
  return compact(out) as FormValues;
}

/** One message per field path ("parties.0.organisationId"); the first issue wins. */
export function zodErrorsToFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_form";
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Reads a nested value by "a.0.b" path. */
export function getPath(values: unknown, path: string): unknown {
  let node = values;
  for (const part of path.split(".")) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The top-level field names of a form schema (through its preprocess, refinements and pipes). */
export function schemaFieldNames(schema: ZodTypeAny): string[] {
  let s: ZodTypeAny = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape as object);
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodPipeline) s = s._def.in as ZodTypeAny;
    else break;
  }
  return [];
}

/**
 * The fields a form needs filled, given what it holds now: those the schema
 * refuses when left blank. One rule for every form's "required" marker, so it
 * follows the schema, conditions included (a transaction's date is required,
 * a budget's is not).
 */
export function requiredFields(schema: ZodTypeAny, values: FormValues): Set<string> {
  const required = new Set<string>();
  for (const name of schemaFieldNames(schema)) {
    const result = schema.safeParse({ ...values, [name]: "" });
    // A group of fields (translations, rows) is not one field a person leaves blank.
    const group = (i: z.ZodIssue) => i.code === "invalid_type" && (i.expected === "object" || i.expected === "array");
    if (!result.success && result.error.issues.some((i) => i.path.length === 1 && i.path[0] === name && !group(i))) required.add(name);
  }
  return required;
}
