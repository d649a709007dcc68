import type { z } from "zod";
import type { Scope } from "~/auth/scope.server";
import type { Locale } from "~/i18n/locales";
import type { MessageKey, Translator } from "~/i18n/translate";
import type { Ctx } from "~/models/ctx.server";
import type { Tx } from "~/utils/db.server";
import type { ListQuery, ListSpec } from "~/utils/list-query";
import type { DateCell, MessageRef, RawCell } from "./cells";
import type { Refs } from "./refs.server";

// The contract every kind of record plugs into the spreadsheet import with
// (ADR 0042; /work/notes/s13/imp-contract.md). A kind says which columns its
// file has, how a cell goes into the record's form values and back out, how
// current records are read (scoped) and found by a natural key, and how a
// record is written inside the import's transaction. The engine
// (engine.server.ts) does the rest: reading the file, matching, the preview,
// the diff, the error messages per cell, apply and audit.

/** What a cell holds. */
export type CellType =
  /** The record's id (matching); read-only otherwise. */
  | { type: "id" }
  /** The record's version when exported: older than the stored one = conflict. */
  | { type: "version" }
  | { type: "text" }
  | { type: "int" }
  /** A decimal (the form's text). */
  | { type: "decimal" }
  /** A date with its precision (DateCell). */
  | { type: "date" }
  /** A code of a fixed list: the code or its label in en, ru or ko. `enumGroup` names the labels in the enums catalogues. */
  | { type: "code"; codes: readonly string[]; enumGroup: string }
  /** Another record by its natural key (a programme by code, an organisation by IATI identifier or name, a country by code or name). */
  | { type: "ref"; ref: "programme" | "organisation" | "country" }
  /** Several organisations, separated by ";" (ids of Refs' organisations). */
  | { type: "refs"; ref: "organisation" }
  | { type: "yesno" }
  /** Text the kind parses itself (parse below), e.g. participant groups. */
  | { type: "custom" };

/** A parsed cell's value, by cell type. */
export type CellValue = string | number | boolean | string[] | DateCell;

export type ImportColumn<F> = {
  /** Stable key: also accepted as the header, in every language. */
  key: string;
  /** The header's label (the file is written with the reader's language; any language is read back). */
  label: MessageKey;
  /** A line for the Notes sheet (what the column holds). */
  note?: MessageKey;
  cell: CellType;
  /** A new record needs it (the preview says so on the cell). */
  required?: boolean;
  /** #CLEAR may clear it (else the marker is refused on this column). */
  clearable?: boolean;
  /** The form fields (the first segment of a zod error path) whose refusals belong to this cell. */
  fields: string[];
  /** The cell's text for these form values: what the download writes and the preview compares. */
  show(form: F, refs: Refs): string;
  /** Puts a value read from the file (null: cleared) into the form values. */
  put(form: F, value: CellValue | null, refs: Refs): void;
  /**
   * The cell's text (from show) for a reader of the preview, for `custom`
   * cells holding codes (outcomes' actions). Code cells need none: the
   * preview shows their label in the reader's language; the file keeps codes.
   */
  display?(text: string, t: Translator): string;
  /** For `custom` cells: the value, or a refusal (a message reference). */
  parse?(raw: RawCell, refs: Refs): { value: CellValue } | { error: MessageRef };
};

/** A current record as the import sees it. */
export type Current<F> = { id: string; version: number; form: F; label: string };

export type ImportKind<F extends Record<string, unknown>, Filter extends string = string> = {
  /** The URL and registry name: "activities". */
  name: string;
  /** The audit trail's entity type and the history page's ("Activity"). */
  entityType: string;
  /** Title of the kind ("Activities") and its record page path (`/activities/${id}`). */
  title: MessageKey;
  recordPath(id: string): string;
  /** The list page the download comes from: its URL filters and its own scoped model function (one page of rows, each with an id). */
  list: { spec: ListSpec<Filter>; page(scope: Scope, query: ListQuery<Filter>): Promise<{ rows: { id: string }[] }> };
  columns: ImportColumn<F>[];
  /** The natural key's column keys, for the Notes sheet ("programme + title + start"). */
  naturalKeyColumns: string[];
  /** The form values of a new record before the file's cells are put in. */
  blankForm(): F;
  /** Current records by id, in the scope (staff only import; still read through the scoped model). */
  readCurrent(scope: Scope, ids: string[]): Promise<Map<string, Current<F>>>;
  /** A row's natural key from its form values (after the cells are put), or null when it has none. */
  naturalKey(form: F): string | null;
  /** Ids of current records by natural key (keys from naturalKey), scoped. */
  findByNaturalKeys(scope: Scope, forms: F[]): Promise<Map<string, string>>;
  /**
   * Checks across a row's cells that no single cell can make (activities: the
   * dates given share one precision): refusals by column key.
   */
  rowCheck?(cells: Map<string, CellValue | null>, refs: Refs): Record<string, MessageRef>;
  /** The preview's name for a row (default: the form's title, name or short name, else the record's label); for records without a title. */
  label?(form: F, refs: Refs): string;
  /** The form's zod schema: an imported record obeys what a typed one does. */
  schema: z.ZodTypeAny;
  /** Writes one record in the import's transaction (the model function's inner form); a DomainError refuses the whole apply. */
  create(tx: Tx, ctx: Ctx, data: unknown): Promise<{ id: string }>;
  update(tx: Tx, ctx: Ctx, id: string, version: number, data: unknown): Promise<unknown>;
  /**
   * Optional, for speed: many records in a few statements (the model's batch
   * form). A DomainError names the failing item in `details.index`. Without
   * them the engine calls create / update row by row.
   */
  createBatch?(tx: Tx, ctx: Ctx, datas: unknown[]): Promise<unknown>;
  updateBatch?(tx: Tx, ctx: Ctx, items: { id: string; version: number; data: unknown }[]): Promise<unknown>;
  /** The Notes sheet's words about this kind (optional extra paragraph). */
  notes?: (t: Translator, locale: Locale) => string[];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyImportKind = ImportKind<any, string>;
