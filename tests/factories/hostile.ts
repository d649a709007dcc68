import ExcelJS from "exceljs";
import zlib from "node:zlib";
import { docxBytes, elfBytes, exeBytes, pdfBytes, pngBytes, zipBytes } from "./document";

// Hostile files for the upload tests (tests/e2e/hostile-files.spec.ts), all
// made in code: nothing big is committed, and each file shows exactly which
// bytes it is. `expect` says what the upload must do with it.

export type HostileFile = {
  label: string;
  name: string;
  /** The MIME type the client claims (never trusted by the server). */
  type: string;
  bytes: () => Buffer | Promise<Buffer>;
  expect: "accepted" | "refused";
  /** For refused files: part of the message shown at the file field. */
  message?: RegExp;
  /** For accepted files: the name the download must carry. */
  storedName?: string;
};

type ZipEntry = { name: string; data: Buffer | string; deflate?: boolean };

/** A zip archive whose entries may be deflated (a zip bomb's big entry compresses ~1000:1). */
export function deflatedZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const data = entry.deflate ? zlib.deflateRawSync(raw, { level: 9 }) : raw;
    const method = entry.deflate ? 8 : 0;
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const CONTENT_TYPES = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  main +
  "</Types>";

const XLSX_MAIN = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
const DOCX_MAIN = '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>';

/** An .xlsx whose sheet expands from ~50 KB to `megabytes` MB of spaces. */
export function xlsxBomb(megabytes = 64): Buffer {
  return deflatedZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES(XLSX_MAIN) },
    { name: "xl/workbook.xml", data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(megabytes * 1024 * 1024, 0x20), deflate: true },
  ]);
}

/** A .docx whose body expands past 200 MB over several entries (each alone looks harmless). */
export function docxBomb(): Buffer {
  const part = Buffer.alloc(45 * 1024 * 1024, 0x20);
  return deflatedZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES(DOCX_MAIN) },
    { name: "word/document.xml", data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    ...[1, 2, 3, 4, 5].map((i) => ({ name: `word/media/padding${i}.xml`, data: part, deflate: true })),
  ]);
}

/** A .docx with an embedded workbook that itself holds another archive (nesting two deep). */
export function nestedZipDocx(): Buffer {
  const innermost = zipBytes([{ name: "payload.txt", data: "deep" }]);
  const embedded = zipBytes([{ name: "inner.zip", data: innermost }]);
  return deflatedZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES(DOCX_MAIN) },
    { name: "word/document.xml", data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' },
    { name: "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data: embedded },
  ]);
}

/** A .docx with an ordinary embedded workbook (one level of nesting, as Word makes for charts): accepted. */
export function docxWithEmbeddedWorkbook(): Buffer {
  const embedded = zipBytes([{ name: "xl/workbook.xml", data: "<workbook/>" }]);
  return deflatedZip([
    { name: "[Content_Types].xml", data: CONTENT_TYPES(DOCX_MAIN) },
    { name: "word/document.xml", data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>', deflate: true },
    { name: "word/embeddings/Microsoft_Excel_Worksheet.xlsx", data: embedded },
  ]);
}

/** A real workbook written by exceljs. */
export async function xlsxBytes(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Data").addRow(["Hospitals", 12]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const html = '<!doctype html><html><body><script>alert("uploaded html")</script></body></html>';
const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert("svg")</script></svg>';

export const MAX_UPLOAD = 20 * 1024 * 1024;

export const HOSTILE_FILES: HostileFile[] = [
  // Wrong type behind a good extension.
  { label: "Windows executable renamed .pdf", name: "report.pdf", type: "application/pdf", bytes: exeBytes, expect: "refused", message: /not accepted \(the content is EXE/ },
  { label: "ELF executable renamed .docx", name: "minutes.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: elfBytes, expect: "refused", message: /not accepted/ },
  { label: "HTML with script renamed .pdf", name: "invoice.pdf", type: "application/pdf", bytes: () => Buffer.from(html), expect: "refused", message: /not a PDF document|not accepted/ },
  { label: "SVG with script renamed .png", name: "chart.png", type: "image/png", bytes: () => Buffer.from(svg), expect: "refused", message: /content is not a PNG image|not accepted/ },
  { label: "SVG with script as .svg", name: "chart.svg", type: "image/svg+xml", bytes: () => Buffer.from(svg), expect: "refused", message: /not accepted/ },
  { label: "HTML page as .html", name: "page.html", type: "text/html", bytes: () => Buffer.from(html), expect: "refused", message: /not accepted/ },
  { label: "PNG renamed .pdf", name: "scan.pdf", type: "application/pdf", bytes: pngBytes, expect: "refused", message: /content is a PNG image, but its name ends in \.pdf/ },
  { label: "PDF renamed .docx", name: "memo.docx", type: "application/pdf", bytes: () => pdfBytes("memo"), expect: "refused", message: /content is a PDF document, but its name ends in \.docx/ },
  { label: "plain zip renamed .docx", name: "archive.docx", type: "application/zip", bytes: () => zipBytes([{ name: "a.txt", data: "a" }]), expect: "refused", message: /not accepted/ },
  // Polyglots: a file that is two things at once is judged by what it starts as, and served inert.
  { label: "PNG with HTML appended, named .png", name: "polyglot.png", type: "image/png", bytes: () => Buffer.concat([pngBytes(), Buffer.from(html)]), expect: "accepted", storedName: "polyglot.png" },
  { label: "PNG with HTML appended, named .html", name: "polyglot.html", type: "text/html", bytes: () => Buffer.concat([pngBytes(), Buffer.from(html)]), expect: "refused", message: /name ends in \.html/ },
  { label: "PDF with a zip appended", name: "polyglot.pdf", type: "application/pdf", bytes: () => Buffer.concat([pdfBytes("poly"), zipBytes([{ name: "x.js", data: "alert(1)" }])]), expect: "accepted", storedName: "polyglot.pdf" },
  { label: "HTML as .txt (text, served as plain text)", name: "notes.txt", type: "text/plain", bytes: () => Buffer.from(html), expect: "accepted", storedName: "notes.txt" },
  // Archives.
  { label: "zip bomb disguised as .xlsx", name: "budget.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: () => xlsxBomb(), expect: "refused", message: /compression bomb|expands/ },
  { label: "zip bomb disguised as .docx", name: "report.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: docxBomb, expect: "refused", message: /expands to more than 200 MB/ },
  { label: "nested zip inside a .docx", name: "nested.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: nestedZipDocx, expect: "refused", message: /archive inside an archive/ },
  { label: ".docx with an embedded workbook", name: "with-chart.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: docxWithEmbeddedWorkbook, expect: "accepted", storedName: "with-chart.docx" },
  // Sizes.
  { label: "oversized PDF (20 MB + 1 byte)", name: "huge.pdf", type: "application/pdf", bytes: () => Buffer.concat([pdfBytes("big"), Buffer.alloc(MAX_UPLOAD + 1 - pdfBytes("big").length, 0x20)]), expect: "refused", message: /larger than 20 MB/ },
  { label: "empty .pdf", name: "empty.pdf", type: "application/pdf", bytes: () => Buffer.alloc(0), expect: "refused", message: /empty/ },
  { label: "zero-byte .txt", name: "empty.txt", type: "text/plain", bytes: () => Buffer.alloc(0), expect: "refused", message: /empty/ },
  { label: "CSV in Latin-1", name: "list.csv", type: "text/csv", bytes: () => Buffer.from("Caf\xe9;M\xfcnchen\n", "latin1"), expect: "refused", message: /UTF-8/ },
  // Names.
  { label: "path traversal in the name", name: "../../etc/passwd.pdf", type: "application/pdf", bytes: () => pdfBytes("passwd"), expect: "accepted", storedName: "passwd.pdf" },
  { label: "path without an extension", name: "../../etc/passwd", type: "application/octet-stream", bytes: () => pdfBytes("passwd"), expect: "refused", message: /has no extension/ },
  { label: "Windows path in the name", name: "C:\\Windows\\System32\\x.pdf", type: "application/pdf", bytes: () => pdfBytes("win"), expect: "accepted", storedName: "x.pdf" },
  { label: "NUL in the name", name: "report\u0000.exe.pdf", type: "application/pdf", bytes: () => pdfBytes("nul"), expect: "accepted", storedName: "report.exe.pdf" },
  { label: "line break in the name", name: "a\r\nContent-Type: text/html\r\n\r\n.pdf", type: "application/pdf", bytes: () => pdfBytes("crlf"), expect: "accepted" },
  { label: "RTL override hiding .exe", name: "invoice\u202Efdp.exe", type: "application/pdf", bytes: () => pdfBytes("rtl"), expect: "refused", message: /name ends in \.exe/ },
  { label: "1000-character name", name: `${"Отчёт-".repeat(166)}1234.pdf`, type: "application/pdf", bytes: () => pdfBytes("long"), expect: "accepted" },
  { label: "double extension .pdf.exe", name: "report.pdf.exe", type: "application/pdf", bytes: () => pdfBytes("double"), expect: "refused", message: /name ends in \.exe/ },
  { label: "double extension .exe.pdf with an executable", name: "setup.exe.pdf", type: "application/pdf", bytes: exeBytes, expect: "refused", message: /EXE/ },
  { label: "markup in the name", name: '"><img src=x onerror=alert("name") data-hostile>.pdf', type: "application/pdf", bytes: () => pdfBytes("xss"), expect: "refused", message: /name of the file could not be read/ },
  { label: "markup without quotes or equals signs in the name", name: "<svg onload alert(1) data-hostile><img src x onerror alert(2)>.pdf", type: "application/pdf", bytes: () => pdfBytes("xss"), expect: "accepted" },
  { label: "semicolon and equals sign in the name", name: "Minutes; final=yes.pdf", type: "application/pdf", bytes: () => pdfBytes("semi"), expect: "refused", message: /name of the file could not be read/ },
  { label: "formula as the name", name: "=HYPERLINK(\"https://evil.example\",\"x\").pdf", type: "application/pdf", bytes: () => pdfBytes("formula"), expect: "refused", message: /name of the file could not be read/ },
  { label: "decomposed Korean name", name: "\u1107\u1169\u1100\u1169\u1109\u1165.pdf", type: "application/pdf", bytes: () => pdfBytes("ko"), expect: "accepted", storedName: "보고서.pdf" },
  // Good files, including an upper-case extension and a lying MIME type.
  { label: "valid PDF with an upper-case extension", name: "REPORT.PDF", type: "application/pdf", bytes: () => pdfBytes("upper"), expect: "accepted", storedName: "REPORT.PDF" },
  { label: "valid PDF sent as application/x-msdownload", name: "signed.pdf", type: "application/x-msdownload", bytes: () => pdfBytes("signed"), expect: "accepted", storedName: "signed.pdf" },
  { label: "valid PNG", name: "photo.png", type: "image/png", bytes: pngBytes, expect: "accepted", storedName: "photo.png" },
  { label: "valid DOCX", name: "minutes.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: docxBytes, expect: "accepted", storedName: "minutes.docx" },
  { label: "valid XLSX", name: "budget.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: xlsxBytes, expect: "accepted", storedName: "budget.xlsx" },
];
