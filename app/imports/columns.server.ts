import type { MessageKey } from "~/i18n/translate";
import type { ImportColumn } from "./kind.server";

// Columns every kind has (id, version) or several share (a country), so each
// kind's file reads the same way (ADR 0042).

type WithVersion = { version: string };

/** The record's id (matching) and the version it was downloaded at (conflicts): every kind's first two columns. */
export function idAndVersionColumns<F extends WithVersion>(): ImportColumn<F>[] {
  return [
    { key: "id", label: "imports.column.id", cell: { type: "id" }, fields: [], show: () => "", put: () => {} },
    { key: "version", label: "imports.column.version", cell: { type: "version" }, fields: ["version"], show: (f) => f.version, put: () => {} },
  ];
}

/** A country by its code or its name in any language, in the form's `countryCode`. */
export function countryColumn<F extends { countryCode: string }>(label: MessageKey): ImportColumn<F> {
  return {
    key: "country",
    label,
    cell: { type: "ref", ref: "country" },
    clearable: true,
    fields: ["countryCode"],
    show: (f) => f.countryCode,
    put: (f, v) => void (f.countryCode = v === null ? "" : String(v)),
  };
}
