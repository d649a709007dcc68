import { message } from "~/i18n/translate";
import type { DateCell } from "./cells";
import type { CellValue, ImportColumn } from "./kind.server";

// Column builders shared by the deliverables, outcomes and indicator period
// kinds (helper IMPB): each kind's form keeps its values as the edit form's
// strings, so most columns are "this form field, as text". A builder takes
// the form field's name; the cell's show/put are then one line each.

type Label = Parameters<typeof message>[0];
type Fields<F> = keyof F & string;

const set = <F>(f: F, key: string, value: unknown) => void ((f as Record<string, unknown>)[key] = value);
const get = <F>(f: F, key: string) => String((f as Record<string, unknown>)[key] ?? "");

/**
 * The id and version columns every kind starts with (matching and conflicts).
 * helper-imp's columns.server.ts has the same as idAndVersionColumns: after
 * the merge, use that one and drop this.
 */
export function recordColumns<F extends { version: string }>(): ImportColumn<F>[] {
  return [
    { key: "id", label: "imports.column.id", cell: { type: "id" }, fields: [], show: () => "", put: () => {} },
    { key: "version", label: "imports.column.version", cell: { type: "version" }, fields: ["version"], show: (f) => f.version, put: () => {} },
  ];
}

export function textColumn<F>(key: Fields<F>, label: Label, opts: { required?: boolean; note?: Label } = {}): ImportColumn<F> {
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

export function decimalColumn<F>(key: Fields<F>, label: Label): ImportColumn<F> {
  return { key, label, cell: { type: "decimal" }, clearable: true, fields: [key], show: (f) => get(f, key), put: (f, v) => set(f, key, v === null ? "" : String(v)) };
}

/**
 * A calendar day (the form's yyyy-mm-dd). These records have no date
 * precision, so a month or a year is refused (dayOnly) rather than silently
 * read as its first day.
 */
export function dayColumn<F>(key: Fields<F>, label: Label, opts: { required?: boolean } = {}): ImportColumn<F> {
  return {
    key,
    label,
    note: "imports.notes.dayCell",
    cell: { type: "date" },
    required: opts.required,
    clearable: !opts.required,
    fields: [key],
    show: (f) => get(f, key),
    put: (f, v) => set(f, key, v === null ? "" : (v as DateCell).iso),
  };
}

/** rowCheck for day columns: a month or a year is refused on its cell. */
export function dayOnly(keys: string[]) {
  return (cells: Map<string, CellValue | null>) => {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = cells.get(k) as DateCell | null | undefined;
      if (v && v.precision !== "DAY") out[k] = message("imports.cell.dayOnly");
    }
    return out;
  };
}

export function codeColumn<F>(key: string, field: Fields<F>, label: Label, codes: readonly string[], enumGroup: string, opts: { required?: boolean } = {}): ImportColumn<F> {
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

/** The programme by its code (required; `fields`: the form fields whose refusals are about the programme). */
export function programmeColumn<F extends { programmeId: string }>(label: Label, fields: string[]): ImportColumn<F> {
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
export function organisationColumn<F>(key: string, field: Fields<F>, label: Label): ImportColumn<F> {
  return {
    key,
    label,
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

/**
 * Another record by its id (an agreement, an activity, a deliverable): the
 * download writes it, the form's schema checks its shape and the model that
 * it exists in the record's programme (refused at apply, all or nothing).
 */
export function idColumn<F>(key: string, field: Fields<F>, label: Label, note: Label): ImportColumn<F> {
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
