import ExcelJS from "exceljs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serverTranslator } from "~/i18n/catalogues.server";
import type { UploadedFile } from "~/imports/engine.server";
import { editableFileResponse } from "~/imports/export.server";
import type { AnyImportKind } from "~/imports/kind.server";
import type { Ctx } from "~/models/ctx.server";
import { parseListQuery } from "~/utils/list-query";

// The spreadsheet import's test helpers (ADR 0042): a kind's download for
// editing as bytes, an upload from bytes, and a workbook edited in place.

/** The download for editing of a kind's list, with the list's URL parameters. */
export async function downloadedFile(kind: AnyImportKind, ctx: Ctx, params: Record<string, string>, format: "xlsx" | "csv" = "xlsx"): Promise<Buffer> {
  const query = parseListQuery(new URLSearchParams(params), kind.list.spec);
  const res = await editableFileResponse(kind, ctx.scope, query, { format, empty: false, t: serverTranslator("en") });
  return Buffer.from(await res.arrayBuffer());
}

export async function uploadOf(bytes: Buffer | string, ext: "xlsx" | "csv"): Promise<UploadedFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "concord-import-"));
  const tempPath = path.join(dir, `upload.${ext}`);
  await fs.writeFile(tempPath, bytes);
  return { tempPath, originalName: `upload.${ext}`, ext };
}

/** The first sheet of a workbook, for reading or editing by header name; `save` writes it back. */
export async function openSheet(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const col = (header: string) => {
    const i = headers.indexOf(header);
    if (i < 0) throw new Error(`no column ${header}`);
    return i + 1;
  };
  /** The data row whose `header` cell is `value`. */
  const row = (header: string, value: string) => {
    for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(col(header)).value) === value) return ws.getRow(r);
    throw new Error(`no row with ${header} = ${value}`);
  };
  const cell = (rowOf: ExcelJS.Row, header: string) => rowOf.getCell(col(header));
  return { wb, ws, col, row, cell, rows: ws.rowCount - 1, save: async () => Buffer.from(await wb.xlsx.writeBuffer()) };
}
