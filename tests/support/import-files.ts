import ExcelJS from "exceljs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Scope } from "~/auth/scope.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import type { UploadedFile } from "~/imports/engine.server";
import { editableFileResponse } from "~/imports/export.server";
import type { AnyImportKind } from "~/imports/kind.server";
import { parseListQuery } from "~/utils/list-query";

// The spreadsheet import tests' file handling (as tests/db/imports.test.ts
// does it for activities), for any kind: the list's download for editing, a
// workbook edited cell by cell, and a file handed to the engine.

/** The kind's download for editing of the list filtered by `params` (e.g. q=tag), as bytes. */
export async function downloaded(kind: AnyImportKind, scope: Scope, params: Record<string, string>, format: "xlsx" | "csv" = "xlsx"): Promise<Buffer> {
  const query = parseListQuery(new URLSearchParams(params), kind.list.spec);
  const res = await editableFileResponse(kind, scope, query, { format, empty: false, t: serverTranslator("en") });
  return Buffer.from(await res.arrayBuffer());
}

export async function fileOf(bytes: Buffer | string, ext: "xlsx" | "csv"): Promise<UploadedFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "concord-import-"));
  const tempPath = path.join(dir, `upload.${ext}`);
  await fs.writeFile(tempPath, bytes);
  return { tempPath, originalName: `upload.${ext}`, ext };
}

export type Sheet = {
  ws: ExcelJS.Worksheet;
  /** Column number of an (English) header. */
  col(header: string): number;
  /** The row whose cell under `header` is `value` (case-insensitive). */
  row(header: string, value: string): ExcelJS.Row;
};

/** The first sheet of an XLSX, edited by `edit`, written back. */
export async function editXlsx(bytes: Buffer, edit: (sheet: Sheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const col = (h: string) => {
    const i = headers.indexOf(h);
    if (i < 0) throw new Error(`no column ${h} in ${headers.join(", ")}`);
    return i + 1;
  };
  const row = (header: string, value: string) => {
    for (let r = 2; r <= ws.rowCount; r++) {
      if (String(ws.getRow(r).getCell(col(header)).value ?? "").toLowerCase() === value.toLowerCase()) return ws.getRow(r);
    }
    throw new Error(`no row with ${header} = ${value}`);
  };
  edit({ ws, col, row });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** How many data rows a downloaded XLSX has. */
export async function rowCount(bytes: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets[0].rowCount - 1;
}
