import { createReadableStreamFromReadable } from "@remix-run/node";
import { stringify } from "csv-stringify";
import type ExcelJS from "exceljs";
import { PassThrough, type Readable } from "node:stream";
import type { Scope } from "~/auth/scope.server";
import type { Translator } from "~/i18n/translate";
import { csvResponse, datedFilename, drained, neutraliseCell } from "~/reports/csv.server";
import { sheetName, xlsxResponse } from "~/reports/xlsx.server";
import type { ListQuery } from "~/utils/list-query";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import { CLEAR_MARKER, MAX_IMPORT_ROWS } from "./cells";
import type { AnyImportKind, ImportColumn } from "./kind.server";
import { Refs } from "./refs.server";

// The download for editing (issue 19, point 1; ADR 0042): a list's filtered
// rows with their id and version, each cell the raw value the import reads
// back (codes, dates at their precision, organisations by name), so a file
// downloaded and uploaded unchanged changes nothing. The XLSX has dropdown
// lists for coded columns (their values on a hidden "lists" sheet) and a
// Notes sheet; an empty template is the same file without rows. Rows are read
// a batch at a time (the list's own scoped query for the ids, then the kind's
// batch read), so a large list is never held whole.

const excel = loadOnFirstUse<typeof ExcelJS>("exceljs");
const BATCH = 1000;
/** Rows below the data that still get the dropdowns (new records typed into the file). */
const SPARE_ROWS = 500;

/** The file's cells for each record of the list, a batch at a time, in the list's order. */
export async function* editableRows(kind: AnyImportKind, scope: Scope, query: ListQuery<string>, refs: Refs): AsyncGenerator<string[][]> {
  for (let page = 1; ; page++) {
    const { rows } = await kind.list.page(scope, { ...query, page, perPage: BATCH });
    if (rows.length) {
      const current = await kind.readCurrent(scope, rows.map((r) => r.id));
      const out: string[][] = [];
      for (const { id } of rows) {
        const c = current.get(id);
        if (!c) continue;
        out.push(kind.columns.map((col) => (col.cell.type === "id" ? c.id : col.cell.type === "version" ? String(c.version) : col.show(c.form, refs))));
      }
      yield out;
    }
    if (rows.length < BATCH) return;
  }
}

async function* none(): AsyncGenerator<string[][]> {}

/** The values a column's dropdown offers, or null for a free column. */
function listValues(col: ImportColumn<unknown>, refs: Refs): string[] | null {
  const cell = col.cell;
  if (cell.type === "code") return [...cell.codes];
  if (cell.type === "ref" && cell.ref === "programme") return refs.programmeCodes();
  if (cell.type === "ref" && cell.ref === "organisation") return refs.organisationNames();
  if (cell.type === "yesno") return ["yes", "no"];
  return null;
}

function columnLetter(n: number): string {
  let s = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function noteLines(kind: AnyImportKind, t: Translator): string[] {
  const key = kind.naturalKeyColumns.map((k) => t(kind.columns.find((c) => c.key === k)!.label)).join(" + ");
  return [
    t("imports.notes.match", { key }),
    t("imports.notes.empty", { marker: CLEAR_MARKER }),
    t("imports.notes.version"),
    t("imports.notes.dates"),
    t("imports.notes.codes"),
    t("imports.notes.formulas"),
    ...(kind.notes?.(t, t.locale) ?? []),
  ];
}

function columnNote(col: ImportColumn<unknown>, t: Translator): string {
  const parts: string[] = [];
  if (col.note) parts.push(t(col.note));
  if (col.cell.type === "code") parts.push(t("imports.notes.codeList", { codes: col.cell.codes.join(", ") }));
  if (col.cell.type === "date") parts.push(t("imports.notes.dateCell"));
  if (col.required) parts.push(t("imports.notes.required"));
  return parts.join(" ");
}

/** The XLSX download: data sheet, Notes, hidden lists. */
function workbook(kind: AnyImportKind, t: Translator, refs: Refs, batches: AsyncIterable<string[][]>): Readable {
  const out = new PassThrough();
  const write = async () => {
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out as unknown as import("stream").Stream, useStyles: true, useSharedStrings: false });
    wb.creator = "Concord";
    const taken = new Set<string>();
    const ws = wb.addWorksheet(sheetName(t(kind.title), taken), { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
    ws.columns = kind.columns.map((c, i) => ({ key: `c${i}`, width: c.cell.type === "id" ? 28 : 20 }));
    const header = ws.addRow(kind.columns.map((c) => t(c.label)));
    header.font = { bold: true };
    header.commit();
    let count = 0;
    for await (const batch of batches) {
      for (const cells of batch) ws.addRow(cells.map((v) => (v === "" ? null : neutraliseCell(v)))).commit();
      count += batch.length;
      await drained(out);
      if (out.destroyed) return;
    }
    // Dropdowns on the rows written and SPARE_ROWS more for new records (the
    // writer puts them in the sheet when it is committed, so the count is
    // known); the values on the hidden sheet (a list typed into the rule itself
    // is limited to 255 characters). Not on all 20,000 possible rows: some
    // programs (LibreOffice, exceljs) keep a rule per cell.
    const lists = kind.columns.map((c) => listValues(c, refs));
    const lastRow = Math.min(MAX_IMPORT_ROWS, count + SPARE_ROWS) + 1;
    let listCol = 0;
    lists.forEach((values, i) => {
      if (!values?.length) return;
      listCol++;
      const ref = `lists!$${columnLetter(listCol)}$1:$${columnLetter(listCol)}$${values.length}`;
      const letter = columnLetter(i + 1);
      // No error box: the cell may also hold #CLEAR, or a label in another language.
      // (The streaming writer has them, though exceljs's types declare them on the in-memory Worksheet only.)
      (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
        type: "list",
        allowBlank: true,
        formulae: [ref],
        showErrorMessage: false,
      });
    });
    ws.commit();
    const notes = wb.addWorksheet(sheetName(t("imports.notes.sheet"), taken));
    notes.columns = [{ key: "a", width: 34 }, { key: "b", width: 100 }];
    const title = notes.addRow([t("imports.notes.title")]);
    title.font = { bold: true };
    title.commit();
    for (const line of noteLines(kind, t)) notes.addRow([line]).commit();
    notes.addRow([]).commit();
    const head = notes.addRow([t("imports.notes.column"), t("imports.notes.what")]);
    head.font = { bold: true };
    head.commit();
    for (const col of kind.columns) notes.addRow([t(col.label), columnNote(col, t)]).commit();
    notes.commit();
    const listSheet = wb.addWorksheet("lists", { state: "hidden" });
    const used = lists.filter((l): l is string[] => !!l?.length);
    const longest = Math.max(0, ...used.map((l) => l.length));
    for (let r = 0; r < longest; r++) listSheet.addRow(used.map((l) => l[r] ?? null)).commit();
    listSheet.commit();
    await wb.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

function csv(kind: AnyImportKind, t: Translator, batches: AsyncIterable<string[][]>): Readable {
  const out = stringify({ bom: true, record_delimiter: "\r\n" });
  const write = async () => {
    out.write(kind.columns.map((c) => neutraliseCell(t(c.label))));
    for await (const batch of batches) {
      for (const cells of batch) {
        if (out.destroyed) return;
        if (!out.write(cells.map(neutraliseCell))) await drained(out);
      }
    }
    out.end();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/**
 * The download for editing as a response: the list's rows (`query`: its
 * filters, in the scope) or, `empty`, the template alone.
 */
export async function editableFileResponse(
  kind: AnyImportKind,
  scope: Scope,
  query: ListQuery<string>,
  opts: { format: "xlsx" | "csv"; empty: boolean; t: Translator },
): Promise<Response> {
  const refs = await Refs.load();
  const batches = opts.empty ? none() : editableRows(kind, scope, query, refs);
  const base = `concord-${kind.name}-${opts.empty ? "template" : "for-editing"}`;
  if (opts.format === "csv") return csvResponse(createReadableStreamFromReadable(csv(kind, opts.t, batches)), datedFilename(base, "csv"));
  return xlsxResponse(workbook(kind, opts.t, refs, batches), datedFilename(base, "xlsx"));
}
