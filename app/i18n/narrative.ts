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
 * Returns new objects; dates and other values pass through as they are.
 */
export function inReaderLanguage<T>(value: T, locale: Locale): T {
  return walk(value, locale) as T;
}

function walk(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, locale));
  if (!value || typeof value !== "object" || value instanceof Date || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) out[k] = walk(v, locale);
  if ("translations" in source) {
    for (const field of FIELDS) {
      const own = source[field];
      if (typeof own === "string") out[field] = narrative(source, field, own, locale);
    }
  }
  return out;
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
 * language's title and description.
 */
export function readerView<T>(data: T, locale: Locale): WithoutNarratives<T> {
  return dropNarratives(inReaderLanguage(data, locale)) as WithoutNarratives<T>;
}

function dropNarratives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNarratives);
  if (!value || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const narrated = "translations" in source;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) {
    if (narrated && (k === "lang" || k === "translations")) continue;
    out[k] = dropNarratives(v);
  }
  return out;
}
