import type { ZodError } from "zod";

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
 * The values of a form posted by an "Add a row" button (without JavaScript),
 * with one more row asked for the group; null for any other post.
 */
export function withAddedRow(values: FormValues): FormValues | null {
  const intent = values.intent;
  if (typeof intent !== "string" || !intent.startsWith(ADD_ROW_INTENT)) return null;
  const group = intent.slice(ADD_ROW_INTENT.length);
  if (!/^[A-Za-z]{1,40}$/.test(group) || group === "constructor" || group === "prototype") return null;
  const rows = values[ROWS_FIELD] && typeof values[ROWS_FIELD] === "object" ? (values[ROWS_FIELD] as Record<string, unknown>) : {};
  const shown = Object.hasOwn(rows, group) ? rows[group] : undefined;
  const count = Math.min(MAX_ROWS, (Number.isInteger(Number(shown)) ? Number(shown) : 0) + 1);
  const { intent: _intent, ...rest } = values;
  return { ...rest, [ROWS_FIELD]: { ...rows, [group]: String(count) } };
}
export type FieldErrors = Record<string, string>;

export function formDataToObject(data: FormData | URLSearchParams): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of data.entries()) {
    if (typeof raw !== "string") continue; // files are handled by the upload code
    const parts = key.split(".");
    // A name like "__proto__.x" would otherwise write into Object.prototype
    // for the whole server process.
    if (parts.some((part) => part === "__proto__" || part === "constructor" || part === "prototype")) continue;
    let node: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i];
      const nextIsIndex = /^\d+$/.test(parts[i + 1]);
      if (node[part] === undefined || typeof node[part] !== "object") node[part] = nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    const existing = node[last];
    if (existing === undefined) node[last] = raw;
    else if (Array.isArray(existing)) existing.push(raw);
    else node[last] = [existing, raw];
  }
  // Sparse arrays (a removed row in the middle) become dense.
  const compact = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value as FormValues).map(([k, v]) => [k, compact(v)]));
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
