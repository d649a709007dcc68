import type * as Saxes from "saxes";
import yauzl from "yauzl";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import type { RawCell } from "./cells";

// The first worksheet of an XLSX file, row by row, without holding the sheet
// (ADR 0042). Why not exceljs's streaming WorkbookReader: it unzips the file
// as a stream (unzipper), which misreads some valid files — entries written
// with a data descriptor whose compressed bytes happen to contain the
// descriptor's signature (exceljs issue #28: "file was created by exceljs …
// read it again … it doesn't work"). Which files depends on their bytes, so
// our own round-trip test failed about once in fifteen runs. yauzl reads the
// zip's central directory (as checkArchive does), so every entry is found by
// its recorded size; saxes parses the XML as it is inflated.
//
// What is read: shared strings (kept, like exceljs's "cache" mode), the cell
// formats (to know which numbers are dates), the workbook's first sheet.
// A formula cell gives its cached value, or "=<formula>" without one; it is
// never evaluated.

const saxes = loadOnFirstUse<typeof Saxes>("saxes");

/** Shared strings kept for one file, in characters (the file is refused past it). */
const MAX_SHARED_CHARS = 32 * 1024 * 1024;

class Unreadable extends Error {}

type Zip = yauzl.ZipFile;

async function entriesOf(zip: Zip): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ""), entry);
  return entries;
}

/** Parses one entry's XML as it is inflated. */
async function parse(zip: Zip, entry: yauzl.Entry | undefined, setUp: (p: Saxes.SaxesParser) => void): Promise<void> {
  if (!entry) return;
  const parser = new (saxes().SaxesParser)({ position: false });
  parser.on("error", (e) => {
    throw new Unreadable(e.message);
  });
  parser.on("doctype", () => {
    throw new Unreadable("doctype");
  });
  setUp(parser);
  const stream = await zip.openReadStreamPromise(entry);
  stream.setEncoding("utf8");
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
    }
    parser.close();
  } finally {
    stream.destroy();
  }
}

async function readSharedStrings(zip: Zip, entry: yauzl.Entry | undefined): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await parse(zip, entry, (p) => {
    p.on("opentag", (t) => {
      if (t.name === "si") current = [];
      else if (t.name === "rPh") phonetic++;
      else if (t.name === "t" && current && !phonetic) inText = true;
    });
    p.on("text", (text) => {
      if (inText && current) current.push(text);
    });
    p.on("closetag", (t) => {
      if (t.name === "t") inText = false;
      else if (t.name === "rPh") phonetic--;
      else if (t.name === "si" && current) {
        const s = current.join("");
        chars += s.length;
        if (chars > MAX_SHARED_CHARS) throw new Unreadable("shared strings too large");
        strings.push(s);
        current = null;
      }
    });
  });
  return strings;
}

// Built-in number formats that are dates (ECMA-376 18.8.30, with the CJK ones).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  return /[dy]/i.test(bare);
}

/** Which cell formats (the index of a cell's `s`) show a date. */
async function readDateStyles(zip: Zip, entry: yauzl.Entry | undefined): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const dates = new Set<number>();
  let inXfs = false;
  let index = 0;
  await parse(zip, entry, (p) => {
    p.on("opentag", (t) => {
      const a = t.attributes as Record<string, string>;
      if (t.name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (t.name === "cellXfs") inXfs = true;
      else if (t.name === "xf" && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        if (DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dates.add(index);
        index++;
      }
    });
    p.on("closetag", (t) => {
      if (t.name === "cellXfs") inXfs = false;
    });
  });
  return dates;
}

/** The path of the workbook's first sheet (the workbook lists them in order; its relationships say where each is). */
async function firstSheetPath(zip: Zip, entries: Map<string, yauzl.Entry>): Promise<string> {
  let relId: string | null = null;
  await parse(zip, entries.get("xl/workbook.xml"), (p) => {
    p.on("opentag", (t) => {
      const a = t.attributes as Record<string, string>;
      if (t.name === "sheet" && relId === null) relId = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? null;
    });
  });
  let target: string | null = null;
  await parse(zip, entries.get("xl/_rels/workbook.xml.rels"), (p) => {
    p.on("opentag", (t) => {
      const a = t.attributes as Record<string, string>;
      if (t.name === "Relationship" && a.Id === relId) target = a.Target ?? null;
    });
  });
  if (!target) return "xl/worksheets/sheet1.xml";
  const path = String(target);
  return path.startsWith("/") ? path.slice(1) : `xl/${path}`.replace(/\/\.\//g, "/");
}

function columnIndex(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]{1,3})\d+$/.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** An Excel serial day (1900 date system) as a UTC date. */
function excelDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

export type SheetRow = { line: number; cells: RawCell[] };

/** The first worksheet's rows, in order, as they are read. Throws `Unreadable` (or yauzl's error) for a broken file. */
export async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  try {
    const entries = await entriesOf(zip);
    const shared = await readSharedStrings(zip, entries.get("xl/sharedStrings.xml"));
    const dateStyles = await readDateStyles(zip, entries.get("xl/styles.xml"));
    const sheet = entries.get(await firstSheetPath(zip, entries));
    if (!sheet) throw new Unreadable("no worksheet");
    const ready: SheetRow[] = [];
    let row: SheetRow | null = null;
    let nextRow = 1;
    let cell: { index: number; type: string; style: number; value: string | null; formula: string | null; inline: string[] } | null = null;
    let nextCol = 0;
    let inValue = false;
    let inFormula = false;
    let inInlineText = false;
    let phonetic = 0;
    const value = (c: NonNullable<typeof cell>): RawCell => {
      const v = c.value;
      if (c.type === "inlineStr") return c.inline.join("");
      if (v === null) return c.formula !== null ? `=${c.formula}` : null;
      if (c.type === "e") return c.formula !== null ? `=${c.formula}` : v;
      if (c.type === "s") return shared[Number(v)] ?? null;
      if (c.type === "str") return v;
      if (c.type === "b") return v === "1";
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      return dateStyles.has(c.style) ? excelDate(n) : n;
    };
    const parts = { value: [] as string[], formula: [] as string[] };
    const stream = await zip.openReadStreamPromise(sheet);
    stream.setEncoding("utf8");
    const parser = new (saxes().SaxesParser)({ position: false });
    parser.on("error", (e) => {
      throw new Unreadable(e.message);
    });
    parser.on("doctype", () => {
      throw new Unreadable("doctype");
    });
    parser.on("opentag", (t) => {
      const a = t.attributes as Record<string, string>;
      switch (t.name) {
        case "row": {
          const r = Number(a.r);
          row = { line: Number.isInteger(r) && r > 0 ? r : nextRow, cells: [] };
          nextRow = row.line + 1;
          nextCol = 0;
          break;
        }
        case "c": {
          const index = columnIndex(a.r) ?? nextCol;
          nextCol = index + 1;
          cell = { index, type: a.t ?? "n", style: Number(a.s ?? 0), value: null, formula: null, inline: [] };
          break;
        }
        case "v":
          if (cell) (inValue = true), (parts.value = []);
          break;
        case "f":
          if (cell) (inFormula = true), (parts.formula = []), (cell.formula = "");
          break;
        case "rPh":
          phonetic++;
          break;
        case "t":
          if (cell && cell.type === "inlineStr" && !phonetic) inInlineText = true;
          break;
      }
    });
    parser.on("text", (text) => {
      if (inValue) parts.value.push(text);
      else if (inFormula) parts.formula.push(text);
      else if (inInlineText && cell) cell.inline.push(text);
    });
    parser.on("closetag", (t) => {
      switch (t.name) {
        case "v":
          if (cell) cell.value = parts.value.join("");
          inValue = false;
          break;
        case "f":
          if (cell) cell.formula = parts.formula.join("");
          inFormula = false;
          break;
        case "t":
          inInlineText = false;
          break;
        case "rPh":
          phonetic--;
          break;
        case "c":
          if (cell && row) {
            // A sheet's cells may be sparse: the row's array has a slot for each column up to the last.
            if (cell.index > 16_384) throw new Unreadable("column");
            while (row.cells.length < cell.index) row.cells.push(null);
            row.cells[cell.index] = value(cell);
          }
          cell = null;
          break;
        case "row":
          if (row) ready.push(row);
          row = null;
          break;
      }
    });
    try {
      for await (const chunk of stream as AsyncIterable<string>) {
        parser.write(chunk);
        while (ready.length) yield ready.shift()!;
      }
      parser.close();
      while (ready.length) yield ready.shift()!;
    } finally {
      stream.destroy();
    }
  } finally {
    zip.close();
  }
}

export { Unreadable };
