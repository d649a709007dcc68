import type { Prisma } from "@prisma/client";
import type { Locale } from "./locales";

// Record texts in the reader's language (issue 7, item 3). A record keeps its
// own text in its own language (`lang`) and, as IATI narratives, the same
// fields in other languages (`translations`: { ru: { title, description } }).
// A page shows each field in the reader's language where the record has it,
// else in the record's own language. The IATI export writes all of them, each
// with its xml:lang (app/reports/iati.server.ts).

const FIELDS = ["title", "description", "text", "fullName"] as const;

type Narratives = Record<string, Record<string, unknown>>;

function narrativesOf(value: unknown): Narratives | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Narratives) : null;
}

/** One field of a record in the reader's language, when the record has it; else its own text. */
export function narrative(record: { lang?: string | null; translations?: unknown }, field: string, own: string, locale: Locale): string {
  if ((record.lang ?? "en") === locale) return own;
  const text = narrativesOf(record.translations)?.[locale]?.[field];
  return typeof text === "string" && text.trim() !== "" ? text : own;
}

/**
 * Loader data with every record's texts in the reader's language: each
 * object that carries `translations` has its title, description, text and
 * full name replaced where that language has them (nested records too).
 * Nothing is changed in place: an object or array with something to change is
 * copied, and the parts with nothing to change are the input's own (the
 * dashboard's data is mostly such parts; copying all of it on every request
 * was a tenth of what its render allocated). Dates and other values pass
 * through as they are.
 */
export function inReaderLanguage<T>(value: T, locale: Locale): T {
  return walk(value, locale) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** `items` with `change` applied to each: the same array when nothing changed, else a copy. */
function mapShared(items: unknown[], change: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const changed = change(item);
    if (changed !== item) (out ??= items.slice())[i] = changed;
  }
  return out ?? items;
}

function walk(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return mapShared(value, (v) => walk(v, locale));
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | null = null;
  for (const k in value) {
    const v = value[k];
    const changed = walk(v, locale);
    if (changed !== v) (out ??= { ...value })[k] = changed;
  }
  if ("translations" in value) {
    for (const field of FIELDS) {
      const own = value[field];
      if (typeof own !== "string") continue;
      const text = narrative(value, field, own, locale);
      if (text !== own) (out ??= { ...value })[field] = text;
    }
  }
  return out ?? value;
}

/** Loader data with the narratives' fields gone (the type of what readerView returns). */
export type WithoutNarratives<T> = T extends Date | Prisma.Decimal
  ? T
  : T extends readonly unknown[]
    ? { [K in keyof T]: WithoutNarratives<T[K]> }
    : T extends { translations: unknown }
      ? { [K in keyof T as K extends "lang" | "translations" ? never : K]: WithoutNarratives<T[K]> }
      : T extends object
        ? { [K in keyof T]: WithoutNarratives<T[K]> }
        : T;

/**
 * Data as the reader sees it: inReaderLanguage, then without `lang` and
 * `translations` on the records that carried them. A page that lists many
 * records (a dashboard, a form's choices) needs one name for each, not every
 * language's title and description. One pass; like inReaderLanguage it copies
 * only what changes.
 */
export function readerView<T>(data: T, locale: Locale): WithoutNarratives<T> {
  return view(data, locale) as WithoutNarratives<T>;
}

const NARRATED_FIELDS: ReadonlySet<string> = new Set(FIELDS);

function view(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return mapShared(value, (v) => view(v, locale));
  if (!isPlainObject(value)) return value;
  if ("translations" in value) {
    // A record with narratives: always a new object, without lang and translations.
    const out: Record<string, unknown> = {};
    for (const k in value) {
      if (k === "lang" || k === "translations") continue;
      const v = value[k];
      out[k] = typeof v === "string" && NARRATED_FIELDS.has(k) ? narrative(value, k, v, locale) : view(v, locale);
    }
    return out;
  }
  let out: Record<string, unknown> | null = null;
  for (const k in value) {
    const v = value[k];
    const changed = view(v, locale);
    if (changed !== v) (out ??= { ...value })[k] = changed;
  }
  return out ?? value;
}
