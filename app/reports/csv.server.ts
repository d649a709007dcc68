import { stringify } from "csv-stringify/sync";
import type { Column } from "~/utils/list-query";

// CSV through csv-stringify (quoting, newlines, UTF-8 BOM for spreadsheet
// programs). Cells that a spreadsheet would run as a formula (starting with
// = + - @, or a tab or carriage return) are prefixed with an apostrophe
// (OWASP's advice on CSV injection). Plain negative numbers stay numbers.

export function neutraliseCell(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv<R>(columns: Column<R>[], rows: R[]): string {
  return stringify([columns.map((c) => neutraliseCell(c.header)), ...rows.map((r) => columns.map((c) => neutraliseCell(c.text(r))))], {
    bom: true,
    record_delimiter: "\r\n",
  });
}

/** A file download that is never cached, under a name safe in a header. */
export function attachmentResponse(body: BodyInit, contentType: string, filename: string): Response {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
    },
  });
}

export function csvResponse(csv: string, filename: string): Response {
  return attachmentResponse(csv, "text/csv; charset=utf-8", filename);
}

export function datedFilename(base: string, ext: string, today = new Date()): string {
  return `${base}-${today.toISOString().slice(0, 10)}.${ext}`;
}
