import { parse } from "csv-parse";
import fs from "node:fs";
import { message } from "~/i18n/translate";
import { DomainError } from "~/utils/errors.server";
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS, type RawCell } from "./cells";
import { xlsxRows } from "./read-xlsx.server";

// Reading an uploaded spreadsheet row by row, never whole (issue 19, point 4):
// csv-parse, and yauzl + saxes for XLSX (read-xlsx.server.ts says why not
// exceljs's streaming reader). The first worksheet is the data (the
// download's "Notes" and hidden "lists" sheets come after it).
//
// Formulas are never evaluated (ADR 0042): an XLSX formula cell gives its
// cached result, the value the user saw when the file was saved, or, when the
// file has none (written by a program that does not compute), the formula's
// text; either is then read as data like any cell. A CSV cell is text, so
// "=1+1" stays "=1+1". A leading apostrophe before = + - @ (how Concord's
// downloads neutralise such text, app/reports/csv.server.ts) is dropped, so
// the text reads back as it was exported.

export type FileRow = { line: number; cells: RawCell[] };

function tooLong(line: number): DomainError {
  return new DomainError("invalid", message("imports.file.cellTooLong", { line: String(line), max: String(MAX_CELL_CHARS) }), { field: "file" });
}
function tooMany(): DomainError {
  return new DomainError("invalid", message("imports.file.tooManyRows", { max: String(MAX_IMPORT_ROWS) }), { field: "file" });
}

function unneutralise(value: RawCell): RawCell {
  return typeof value === "string" && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function checked(cells: RawCell[], line: number): RawCell[] {
  for (const c of cells) if (typeof c === "string" && c.length > MAX_CELL_CHARS) throw tooLong(line);
  return cells.map(unneutralise);
}

/** The rows of a CSV file (UTF-8, with or without BOM; comma or semicolon separated), the header first. */
export async function* readCsv(file: string): AsyncGenerator<FileRow> {
  const head = await fs.promises.readFile(file, { encoding: "utf8", flag: "r" }).then((s) => s.slice(0, 4096));
  const firstLine = head.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: MAX_CELL_CHARS * 4 }),
  );
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (line > MAX_IMPORT_ROWS + 1) throw tooMany();
      yield { line, cells: checked(record, line) };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "CSV_MAX_RECORD_SIZE") throw tooLong(line + 1);
    throw new DomainError("invalid", message("imports.file.unreadable"), { field: "file" });
  } finally {
    parser.destroy();
  }
}

/** The rows of the first worksheet of an XLSX file (read-xlsx.server.ts), the header first; empty rows are skipped. */
export async function* readXlsx(file: string): AsyncGenerator<FileRow> {
  let count = 0;
  try {
    for await (const row of xlsxRows(file)) {
      if (row.cells.every((c) => c === null || c === undefined || c === "")) continue;
      count++;
      if (count > MAX_IMPORT_ROWS + 1) throw tooMany();
      yield { line: row.line, cells: checked(row.cells, row.line) };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("invalid", message("imports.file.unreadable"), { field: "file" });
  }
}
