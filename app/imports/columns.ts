import { message } from "~/i18n/translate";
import { cellText, parseDate } from "./cells";
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

/**
 * A day (a form's yyyy-mm-dd) where the record keeps no precision: read as
 * any date cell, but a month or a year is refused on the cell (`refusal`)
 * rather than taken for its first day. A custom cell, so the Notes sheet
 * does not offer months and years for it.
 */
export function dayColumn<F extends Record<K, string>, K extends string>(
  key: K,
  label: Label,
  refusal: () => string,
  opts: { required?: boolean; note?: Label } = {},
): ImportColumn<F> {
  return {
    key,
    label,
    note: opts.note ?? "imports.notes.dayCell",
    cell: { type: "custom" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => f[key],
    put: (f, v) => void ((f as Record<K, string>)[key] = v === null ? "" : String(v)),
    parse: (raw) => {
      const d = parseDate(raw);
      if (!d) return { error: message("imports.cell.date", { value: cellText(raw) }) };
      return d.precision === "DAY" ? { value: d.iso } : { error: refusal() };
    },
  };
}
