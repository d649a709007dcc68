import type { message } from "~/i18n/translate";
import type { DateCell } from "./cells";
import type { ImportColumn } from "./kind.server";

// Columns every kind of record has in the same shape (ADR 0042): the id and
// version pair the round trip depends on, the programme by its code, and
// plain text and day-date columns (the form's string, "" when cleared).

type Label = Parameters<typeof message>[0];

/** The ID and Version columns, first in every file. */
export function recordColumns<F extends { version: string }>(): ImportColumn<F>[] {
  return [
    { key: "id", label: "imports.column.id", cell: { type: "id" }, fields: [], show: () => "", put: () => {} },
    { key: "version", label: "imports.column.version", cell: { type: "version" }, fields: ["version"], show: (f) => f.version, put: () => {} },
  ];
}

/** The record's programme, by its code. */
export function programmeColumn<F extends { programmeId: string }>(label: Label): ImportColumn<F> {
  return {
    key: "programme",
    label,
    note: "imports.notes.programme",
    cell: { type: "ref", ref: "programme" },
    required: true,
    fields: ["programmeId"],
    show: (f, refs) => (f.programmeId ? refs.programmeCodeOf(f.programmeId) : ""),
    put: (f, v) => void (f.programmeId = v === null ? "" : String(v)),
  };
}

/** A form field of text; required ones cannot be cleared. */
export function textColumn<F extends Record<K, string>, K extends string>(key: K, label: Label, opts: { required?: boolean } = {}): ImportColumn<F> {
  return {
    key,
    label,
    cell: { type: "text" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => f[key],
    put: (f, v) => void ((f as Record<K, string>)[key] = v === null ? "" : String(v)),
  };
}

/** A day date (a form's yyyy-mm-dd); its precision is the kind's rowCheck's to refuse when not a day. */
export function dayColumn<F extends Record<K, string>, K extends string>(key: K, label: Label, opts: { required?: boolean; note?: Label } = {}): ImportColumn<F> {
  return {
    key,
    label,
    note: opts.note,
    cell: { type: "date" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => f[key],
    put: (f, v) => void ((f as Record<K, string>)[key] = v === null ? "" : (v as DateCell).iso),
  };
}

/** Refusals of date cells given as a month or a year where the record keeps days. */
export function daysOnly(cells: Map<string, unknown>, keys: readonly string[], refusal: string): Record<string, string> {
  const refused: Record<string, string> = {};
  for (const k of keys) {
    const v = cells.get(k) as DateCell | null | undefined;
    if (v && v.precision !== "DAY") refused[k] = refusal;
  }
  return refused;
}
