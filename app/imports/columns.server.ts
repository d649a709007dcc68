import { BUNDLES } from "~/i18n/catalogues.server";
import { LOCALES } from "~/i18n/locales";
import { message, type MessageKey } from "~/i18n/translate";
import { cellText, parseDate } from "./cells";
import type { ImportColumn } from "./kind.server";

// The column builders every kind is made of (ADR 0042). Each kind's form
// keeps its values as the edit form's strings, so most columns are "this form
// field, as text": a builder takes the form field's name and the label, and
// the cell's show/put are one line each. One module for all kinds, so that a
// kind of record reads the same way as the next one in the file (the same
// cell for a programme, an organisation, a day).

type Fields<F> = keyof F & string;

const set = <F>(f: F, key: string, value: unknown) => void ((f as Record<string, unknown>)[key] = value);
const get = <F>(f: F, key: string) => String((f as Record<string, unknown>)[key] ?? "");

/** The record's id (matching) and the version it was downloaded at (conflicts): every kind's first two columns. */
export function idAndVersionColumns<F extends { version: string }>(): ImportColumn<F>[] {
  return [
    { key: "id", label: "imports.column.id", cell: { type: "id" }, fields: [], show: () => "", put: () => {} },
    { key: "version", label: "imports.column.version", cell: { type: "version" }, fields: ["version"], show: (f) => f.version, put: () => {} },
  ];
}

/** A form field of text; required ones cannot be cleared. */
export function textColumn<F>(key: Fields<F>, label: MessageKey, opts: { required?: boolean; note?: MessageKey } = {}): ImportColumn<F> {
  return {
    key,
    label,
    note: opts.note,
    cell: { type: "text" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => get(f, key),
    put: (f, v) => set(f, key, v === null ? "" : String(v)),
  };
}

/** A whole number form field (the form's text), clearable. */
export function intColumn<F>(key: Fields<F>, label: MessageKey): ImportColumn<F> {
  return { key, label, cell: { type: "int" }, clearable: true, fields: [key], show: (f) => get(f, key), put: (f, v) => set(f, key, v === null ? "" : String(v)) };
}

/** A decimal form field (the form's text), clearable. */
export function decimalColumn<F>(key: Fields<F>, label: MessageKey): ImportColumn<F> {
  return { key, label, cell: { type: "decimal" }, clearable: true, fields: [key], show: (f) => get(f, key), put: (f, v) => set(f, key, v === null ? "" : String(v)) };
}

/**
 * A calendar day (the form's yyyy-mm-dd) of a record that keeps no date
 * precision: read as any date cell, but a month or a year is refused on the
 * cell rather than silently taken for its first day. The one way every kind
 * says "a day-only date" (a date with precision is a `date` cell and its own
 * column, e.g. an agreement's signature). A custom cell, so the Notes sheet
 * does not offer months and years for it.
 */
export function dayColumn<F>(key: Fields<F>, label: MessageKey, opts: { required?: boolean; note?: MessageKey } = {}): ImportColumn<F> {
  return {
    key,
    label,
    note: opts.note ?? "imports.notes.dayCell",
    cell: { type: "custom" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => get(f, key),
    put: (f, v) => set(f, key, v === null ? "" : String(v)),
    parse: (raw) => {
      const d = parseDate(raw);
      if (!d) return { error: message("imports.cell.date", { value: cellText(raw) }) };
      return d.precision === "DAY" ? { value: d.iso } : { error: message("imports.cell.dayOnly") };
    },
  };
}

/** A code list's labels in every language (the enums catalogues): what a code cell is read with (parseCode). */
export function codeLabels(group: string): Record<string, string>[] {
  return LOCALES.map((l) => (BUNDLES[l].enums as Record<string, Record<string, string>>)[group] ?? {});
}

/** A code of a fixed list (the code or its label in en, ru or ko), in the form's `field`. */
export function codeColumn<F>(
  key: string,
  field: Fields<F>,
  label: MessageKey,
  codes: readonly string[],
  enumGroup: string,
  opts: { required?: boolean } = {},
): ImportColumn<F> {
  return {
    key,
    label,
    cell: { type: "code", codes, enumGroup },
    required: opts.required,
    fields: [field],
    show: (f) => get(f, field),
    put: (f, v) => set(f, field, v === null ? "" : String(v)),
  };
}

/** The record's programme, by its code (required; `fields`: the form fields whose refusals are about the programme). */
export function programmeColumn<F extends { programmeId: string }>(label: MessageKey, fields: string[] = ["programmeId"]): ImportColumn<F> {
  return {
    key: "programme",
    label,
    note: "imports.notes.programme",
    cell: { type: "ref", ref: "programme" },
    required: true,
    fields,
    show: (f, refs) => (f.programmeId ? refs.programmeCodeOf(f.programmeId) : ""),
    put: (f, v) => void (f.programmeId = v === null ? "" : String(v)),
  };
}

/** One organisation, by IATI identifier or name; the download writes its short name. */
export function organisationColumn<F>(key: string, field: Fields<F>, label: MessageKey, opts: { note?: MessageKey } = {}): ImportColumn<F> {
  return {
    key,
    label,
    note: opts.note,
    cell: { type: "ref", ref: "organisation" },
    clearable: true,
    fields: [field],
    show: (f, refs) => {
      const id = get(f, field);
      return id ? refs.organisationName(id) : "";
    },
    put: (f, v) => set(f, field, v === null ? "" : String(v)),
  };
}

/** A country by its code or its name in any language, in the form's `countryCode`. */
export function countryColumn<F extends { countryCode: string }>(label: MessageKey): ImportColumn<F> {
  return {
    key: "country",
    label,
    note: "imports.notes.country",
    cell: { type: "ref", ref: "country" },
    // The preview names the country in the reader's language, with the code the file holds.
    display: (code, t) => {
      const name = t.label("country", code);
      return name && name !== code ? `${name} (${code})` : code;
    },
    clearable: true,
    fields: ["countryCode"],
    show: (f) => f.countryCode,
    put: (f, v) => void (f.countryCode = v === null ? "" : String(v)),
  };
}

/**
 * Another record by its id (an agreement, an activity, a deliverable): the
 * download writes it, the form's schema checks its shape and the model that
 * it exists in the record's programme (refused at apply, all or nothing).
 */
export function idColumn<F>(key: string, field: Fields<F>, label: MessageKey, note: MessageKey): ImportColumn<F> {
  return {
    key,
    label,
    note,
    cell: { type: "custom" },
    clearable: true,
    fields: [field],
    show: (f) => get(f, field),
    put: (f, v) => set(f, field, v === null ? "" : String(v)),
  };
}
