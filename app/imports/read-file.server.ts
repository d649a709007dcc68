import { parse } from "csv-parse";
import type ExcelJS from "exceljs";
import fs from "node:fs";
import { message } from "~/i18n/translate";
import { DomainError } from "~/utils/errors.server";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS, type RawCell } from "./cells";

// Reading an uploaded spreadsheet row by row, never whole (issue 19, point 4):
// csv-parse and exceljs's streaming WorkbookReader. The first worksheet is the
// data (the download's "Notes" and hidden "lists" sheets come after it).
//
// Formulas are never evaluated (ADR 0042): an XLSX formula cell gives its
// cached result, the value the user saw when the file was saved, or, when the
// file has none (written by a program that does not compute), the formula's
// text; either is then read as data like any cell. A CSV cell is text, so
// "=1+1" stays "=1+1". A leading apostrophe before = + - @ (how Concord's
// downloads neutralise such text, app/reports/csv.server.ts) is dropped, so
// the text reads back as it was exported.

const excel = loadOnFirstUse<typeof ExcelJS>("exceljs");

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

function xlsxValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue;
      const result = f.result;
      if (result !== undefined && result !== null && !(typeof result === "object" && "error" in result)) return xlsxValue(result as ExcelJS.CellValue);
      return `=${f.formula ?? ""}`;
    }
    if ("text" in v && typeof v.text === "string") return v.text; // a hyperlink
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

/** The rows of the first worksheet of an XLSX file, the header first; empty rows are skipped. */
export async function* readXlsx(file: string): AsyncGenerator<FileRow> {
  const reader = new (excel().stream.xlsx.WorkbookReader)(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore" });
  let count = 0;
  let finished = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]) ?? [];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxValue(values[i]));
        if (cells.every((c) => c === null || c === "")) continue;
        count++;
        if (count > MAX_IMPORT_ROWS + 1) throw tooMany();
        yield { line: row.number, cells: checked(cells, row.number) };
      }
      // The first sheet only. Leaving the reader mid-file may make it throw
      // as it closes (timing-dependent): the rows are all read by then.
      finished = true;
      return;
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (finished) return;
    throw new DomainError("invalid", message("imports.file.unreadable"), { field: "file" });
  }
}
