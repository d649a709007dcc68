import { createReadableStreamFromReadable } from "@remix-run/node";
import type ExcelJS from "exceljs";
import { PassThrough, type Readable } from "node:stream";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { isoDate, type Precision } from "~/utils/format";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import { attachmentResponse, drained, neutraliseCell } from "./csv.server";
import type { ProgrammeReport, ReportActivity } from "./programme-report.server";

// The programme report as an XLSX workbook (exceljs). The streaming
// WorkbookWriter commits each row to the zip as it goes, so a large programme
// is never held as a whole workbook beside the report rows it came from.
//
// Cells are typed: dates are real dates (yyyy-mm-dd), money is a number with
// its currency in the next column, counts are numbers. exceljs writes strings
// as strings (never formulas), so text starting with "=" is inert in the
// workbook; it is still prefixed with an apostrophe like in the CSV, because
// editing such a cell in Excel, or saving the sheet as CSV, would turn it
// into a live formula (tests/e2e/hostile-input.spec.ts).
//
// Sheet names, headings and labels are in the reader's language (the
// Translator the route gives); cell values stay typed, so dates and numbers
// show in the reader's spreadsheet settings.

type Kind = "text" | "longtext" | "date" | "money" | "count" | "number";

export type Col<R> = { header: string; kind: Kind; width?: number; value: (row: R) => string | number | Date | null | undefined };

const NUM_FMT: Partial<Record<Kind, string>> = {
  date: "yyyy-mm-dd",
  money: "#,##0.00",
  count: "#,##0",
  number: "#,##0.####",
};

const WIDTH: Record<Kind, number> = { text: 24, longtext: 48, date: 12, money: 16, count: 12, number: 14 };

/** The report's activities table: the workbook's sheet and the CSV download (programme-csv.server.ts). */
export function reportActivityColumns(t: Translator): Col<ReportActivity>[] {
  return [
    { header: t("reports.col.title"), kind: "longtext", value: (a) => a.title },
    { header: t("reports.col.kind"), kind: "text", width: 20, value: (a) => a.kind },
    { header: t("reports.col.status"), kind: "text", width: 12, value: (a) => a.status },
    { header: t("reports.col.country"), kind: "text", width: 18, value: (a) => a.country },
    { header: t("reports.col.city"), kind: "text", width: 16, value: (a) => a.city },
    { header: t("reports.col.start"), kind: "date", value: (a) => preciseDate(a.start, a.precision) },
    { header: t("reports.col.end"), kind: "date", value: (a) => preciseDate(a.end, a.precision) },
    { header: t("reports.col.datesAre"), kind: "text", width: 11, value: (a) => (a.planned ? t("reports.planned") : t("reports.actual")) },
    { header: t("reports.col.agreements"), kind: "longtext", width: 36, value: (a) => a.agreements },
    { header: t("reports.col.participants"), kind: "count", value: (a) => a.participantsTotal },
    { header: t("reports.col.female"), kind: "count", width: 10, value: (a) => a.female },
    { header: t("reports.col.male"), kind: "count", width: 10, value: (a) => a.male },
    { header: t("reports.col.otherOrNotRecorded"), kind: "count", width: 14, value: (a) => a.other },
    { header: t("reports.col.participantsNote"), kind: "longtext", width: 36, value: (a) => a.participantsNote },
  ];
}

function addSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: Col<R>[], rows: Iterable<R>, count: number) {
  const ws = openSheet(wb, name, cols);
  ws.autoFilter = autoFilter(cols, count);
  for (const row of rows) {
    ws.addRow(cols.map((c) => cellValue(c, row))).commit();
  }
  ws.commit();
}

/** A new sheet with its columns and its (committed) header row. */
function openSheet<R>(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, cols: Col<R>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.columns = cols.map((c, i) => ({
    key: `c${i}`,
    width: c.width ?? Math.max(WIDTH[c.kind], Math.min(c.header.length + 2, 40)),
    style: {
      ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}),
      alignment: { vertical: "top", wrapText: c.kind === "longtext" },
    },
  }));
  const header = ws.addRow(cols.map((c) => c.header));
  header.eachCell((cell) => {
    // A fresh style object per header cell: column styles are shared.
    cell.style = {
      font: { bold: true },
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } },
      alignment: { vertical: "top", wrapText: true },
      border: { bottom: { style: "thin", color: { argb: "FF94A3B8" } } },
    };
  });
  header.commit();
  return ws;
}

function autoFilter<R>(cols: Col<R>[], count: number): ExcelJS.AutoFilter {
  return { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: cols.length } };
}

/**
 * A date known to the day is a date cell; one known only to the month or year
 * is the ISO text "2019-11" or "2019", never a first-of-month date that
 * would claim a day nobody recorded.
 */
function preciseDate(value: Date | null, precision: Precision): Date | string | null {
  if (!value) return null;
  return precision === "DAY" ? value : isoDate(value, precision);
}

function cellValue<R>(col: Col<R>, row: R): string | number | Date | null {
  const v = col.value(row);
  if (v === null || v === undefined || v === "") return null;
  return typeof v === "string" ? neutraliseCell(v) : v;
}

function summaryRows(report: ProgrammeReport, t: Translator): [string, string | number | Date | null][] {
  const p = report.programme;
  const s = report.summary;
  return [
    [t("reports.summary.programme"), p.title],
    [t("reports.summary.code"), p.code],
    [t("reports.summary.countries"), p.countries.join(", ")],
    [t("reports.summary.funders"), p.funders.join("; ")],
    [t("reports.summary.implementers"), p.implementers.join("; ")],
    [t("reports.summary.programmeStart"), p.start],
    [t("reports.summary.programmeEnd"), p.end],
    [t("reports.summary.periodFrom"), report.period.from],
    [t("reports.summary.periodTo"), report.period.to],
    [t("reports.summary.generatedOn"), new Date(report.generatedAt.toISOString().slice(0, 10))],
    [t("reports.summary.agreements"), s.agreements],
    [t("reports.summary.activities"), s.activities],
    [t("reports.summary.participants"), s.participants],
    [t("reports.summary.female"), s.female],
    [t("reports.summary.male"), s.male],
    [t("reports.summary.other"), s.other],
    [t("reports.summary.deliverables"), s.deliverables],
    [t("reports.summary.overdue"), s.deliverablesOverdue],
    [t("reports.summary.outcomes"), s.outcomes],
    [t("reports.summary.indicators"), s.indicators],
    [t("reports.summary.documents"), s.documents],
  ];
}

/**
 * A name Excel accepts for a sheet: at most 31 characters, none of : \ / ? * [ ],
 * not starting or ending with an apostrophe, and not already taken.
 */
export function sheetName(name: string, taken: Set<string> = new Set()): string {
  const clean = name.replace(/[:\\/?*[\]]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "") || "Sheet";
  let candidate = clean.slice(0, 31);
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${clean.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Writes the workbook into `out`, in the reader's language; resolves when the last byte is written. */
export async function writeProgrammeWorkbook(
  report: ProgrammeReport,
  out: NodeJS.WritableStream,
  t: Translator = serverTranslator(DEFAULT_LOCALE),
): Promise<void> {
  const wb = workbookWriter(out);
  wb.created = report.generatedAt;
  wb.title = `${report.programme.code}: ${report.programme.title}`;
  const taken = new Set<string>();
  const sheet = (key: Parameters<Translator>[0]) => sheetName(t(key), taken);

  // Summary: label and value, with the value typed like any other cell.
  const summary = wb.addWorksheet(sheet("reports.xlsx.sheetSummary"), { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  summary.columns = [
    { key: "label", width: 34 },
    { key: "value", width: 70, style: { alignment: { vertical: "top", wrapText: true, horizontal: "left" } } },
  ];
  const head = summary.addRow([t("reports.xlsx.item"), t("reports.xlsx.value")]);
  head.eachCell((cell) => {
    cell.style = { font: { bold: true }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } } };
  });
  head.commit();
  for (const [label, value] of summaryRows(report, t)) {
    const row = summary.addRow([label, typeof value === "string" ? neutraliseCell(value) : value]);
    if (value instanceof Date) row.getCell(2).numFmt = "yyyy-mm-dd";
    else if (typeof value === "number") row.getCell(2).numFmt = "#,##0";
    row.commit();
  }
  summary.commit();

  addSheet(
    wb,
    sheet("reports.xlsx.sheetAgreements"),
    [
      { header: t("reports.col.title"), kind: "longtext", value: (a) => a.title },
      { header: t("reports.col.type"), kind: "text", value: (a) => a.type },
      { header: t("reports.col.status"), kind: "text", width: 14, value: (a) => a.status },
      { header: t("reports.col.reference"), kind: "text", width: 18, value: (a) => a.reference },
      { header: t("reports.col.parties"), kind: "longtext", width: 36, value: (a) => a.parties },
      { header: t("reports.col.signed"), kind: "date", value: (a) => preciseDate(a.signedOn, a.signedPrecision) },
      { header: t("reports.col.effective"), kind: "date", value: (a) => a.effectiveOn },
      { header: t("reports.col.expires"), kind: "date", value: (a) => a.expiresOn },
      { header: t("reports.col.value"), kind: "money", value: (a) => a.value },
      { header: t("reports.col.currency"), kind: "text", width: 10, value: (a) => a.currency },
    ],
    report.agreements,
    report.agreements.length,
  );

  addSheet(wb, sheet("reports.xlsx.sheetActivities"), reportActivityColumns(t), report.activities, report.activities.length);

  addSheet(
    wb,
    sheet("reports.xlsx.sheetParticipants"),
    [
      { header: t("reports.col.activity"), kind: "longtext", value: (g) => g.activity },
      { header: t("reports.col.activityStart"), kind: "date", value: (g) => preciseDate(g.activityStart, g.activityPrecision) },
      { header: t("reports.col.group"), kind: "longtext", value: (g) => g.group },
      { header: t("reports.col.total"), kind: "count", width: 10, value: (g) => g.total },
      { header: t("reports.col.female"), kind: "count", width: 10, value: (g) => g.female },
      { header: t("reports.col.male"), kind: "count", width: 10, value: (g) => g.male },
      { header: t("reports.col.otherOrNotRecorded"), kind: "count", width: 14, value: (g) => g.other },
    ],
    report.participantGroups,
    report.participantGroups.length,
  );

  addSheet(
    wb,
    sheet("reports.xlsx.sheetDeliverables"),
    [
      { header: t("reports.col.title"), kind: "longtext", value: (d) => d.title },
      { header: t("reports.col.status"), kind: "text", width: 14, value: (d) => d.status },
      { header: t("reports.col.due"), kind: "date", value: (d) => d.dueDate },
      { header: t("reports.col.overdue"), kind: "text", width: 10, value: (d) => (d.overdue ? t("reports.xlsx.overdue") : t("reports.xlsx.notOverdue")) },
      { header: t("reports.col.submitted"), kind: "date", value: (d) => d.submittedAt },
      { header: t("reports.col.accepted"), kind: "date", value: (d) => d.acceptedAt },
      { header: t("reports.col.responsible"), kind: "text", width: 18, value: (d) => d.responsible },
      { header: t("reports.col.agreement"), kind: "longtext", width: 36, value: (d) => d.agreement },
      { header: t("reports.col.activity"), kind: "longtext", width: 36, value: (d) => d.activity },
    ],
    report.deliverables,
    report.deliverables.length,
  );

  addSheet(
    wb,
    sheet("reports.xlsx.sheetOutcomes"),
    [
      { header: t("reports.col.activity"), kind: "longtext", width: 36, value: (o) => o.activity },
      { header: t("reports.col.activityStart"), kind: "date", value: (o) => preciseDate(o.activityStart, o.activityPrecision) },
      { header: t("reports.col.type"), kind: "text", width: 18, value: (o) => o.type },
      { header: t("reports.col.outcome"), kind: "longtext", width: 60, value: (o) => o.text },
      { header: t("reports.col.responsible"), kind: "text", width: 18, value: (o) => o.responsible },
      { header: t("reports.col.due"), kind: "date", value: (o) => o.dueDate },
      { header: t("reports.col.followUp"), kind: "text", width: 22, value: (o) => o.followUp },
      { header: t("reports.col.followUpNote"), kind: "longtext", width: 40, value: (o) => o.followUpNote },
      { header: t("reports.col.deliverable"), kind: "longtext", width: 36, value: (o) => o.deliverable },
    ],
    report.outcomes,
    report.outcomes.length,
  );

  // One row per indicator period; an indicator with no period in the reporting period still gets a row.
  type IndicatorRow = { i: ProgrammeReport["indicators"][number]; p: ProgrammeReport["indicators"][number]["periods"][number] | null };
  const indicatorRows: IndicatorRow[] = report.indicators.flatMap((i): IndicatorRow[] =>
    i.periods.length ? i.periods.map((p) => ({ i, p })) : [{ i, p: null }],
  );
  addSheet<IndicatorRow>(
    wb,
    sheet("reports.xlsx.sheetIndicators"),
    [
      { header: t("reports.col.indicator"), kind: "longtext", value: (r) => r.i.title },
      { header: t("reports.col.resultType"), kind: "text", width: 12, value: (r) => r.i.resultType },
      { header: t("reports.col.unit"), kind: "text", width: 14, value: (r) => (r.i.measure === "QUALITATIVE" ? t("reports.qualitative") : r.i.unit) },
      { header: t("reports.col.baseline"), kind: "number", value: (r) => r.i.baseline },
      { header: t("reports.col.baselineYear"), kind: "count", width: 12, value: (r) => r.i.baselineYear },
      { header: t("reports.col.periodStart"), kind: "date", value: (r) => r.p?.start },
      { header: t("reports.col.periodEnd"), kind: "date", value: (r) => r.p?.end },
      { header: t("reports.col.target"), kind: "number", value: (r) => r.p?.target },
      { header: t("reports.col.actual"), kind: "number", value: (r) => r.p?.actual },
      { header: t("reports.col.targetComment"), kind: "longtext", width: 36, value: (r) => r.p?.targetComment },
      { header: t("reports.col.actualComment"), kind: "longtext", width: 36, value: (r) => r.p?.actualComment },
    ],
    indicatorRows,
    indicatorRows.length,
  );

  addSheet(
    wb,
    sheet("reports.xlsx.sheetFunding"),
    [
      { header: t("reports.col.year"), kind: "count", width: 8, value: (f) => f.year },
      { header: t("reports.col.currency"), kind: "text", width: 10, value: (f) => f.currency },
      { header: t("reports.col.committed"), kind: "money", width: 20, value: (f) => Number(f.committed) },
      { header: t("reports.col.disbursed"), kind: "money", width: 20, value: (f) => Number(f.disbursed) },
    ],
    report.funding,
    report.funding.length,
  );

  addSheet(
    wb,
    sheet("reports.xlsx.sheetDocuments"),
    [
      { header: t("reports.col.title"), kind: "longtext", value: (d) => d.title },
      { header: t("reports.col.category"), kind: "text", width: 10, value: (d) => d.category },
      { header: t("reports.col.date"), kind: "date", value: (d) => d.date },
      { header: t("reports.col.file"), kind: "longtext", width: 36, value: (d) => d.file },
    ],
    report.documents,
    report.documents.length,
  );

  await wb.commit();
}

/** A streaming workbook into `out`: each committed row goes straight to the zip. */
const excel = loadOnFirstUse<typeof ExcelJS>("exceljs");

function workbookWriter(out: NodeJS.WritableStream): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out as unknown as import("stream").Stream, useStyles: true, useSharedStrings: false });
  wb.creator = "Concord";
  return wb;
}

/** What `write` puts into a stream, as a Node stream that fills as it writes (a failure destroys it). */
function streamed(write: (out: NodeJS.WritableStream) => Promise<void>): Readable {
  const out = new PassThrough();
  write(out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** The programme workbook, in the reader's language, as a Node stream that fills as exceljs writes. */
export function programmeWorkbookStream(report: ProgrammeReport, t: Translator = serverTranslator(DEFAULT_LOCALE)): Readable {
  return streamed((out) => writeProgrammeWorkbook(report, out, t));
}

/**
 * A staff list as a one-sheet workbook: exactly the table's columns and cells
 * (as the CSV: the text the table shows), with whole numbers as numbers so
 * they sum in a spreadsheet. Rows come in batches; each batch is committed
 * to the zip, and the next is read only once the reader has caught up, so a
 * large list is never held whole. A failing batch fails the stream.
 */
export function tableWorkbookStream<R>(title: string, columns: TableColumn<R>[], batches: AsyncIterable<R[]> | R[]): Readable {
  const cols: Col<R>[] = columns.map((c) => ({
    header: c.header,
    kind: "text",
    width: c.align === "right" ? WIDTH.count : undefined,
    value: (row) => typedCell(c.text(row)),
  }));
  const source: AsyncIterable<R[]> = Array.isArray(batches) ? oneBatch(batches) : batches;
  return streamed(async (out) => {
    const wb = workbookWriter(out);
    const ws = openSheet(wb, sheetName(title), cols);
    const styles = sharedStyles(ws, cols.length);
    let count = 0;
    for await (const batch of source) {
      for (const row of batch) {
        const values = cols.map((c) => cellValue(c, row));
        const added = ws.addRow(values);
        added.eachCell({ includeEmpty: true }, (cell, i) => {
          cell.style = typeof values[i - 1] === "number" ? styles[i - 1]!.number : styles[i - 1]!.text;
        });
        added.commit();
      }
      count += batch.length;
      await drained(out);
      // The reader went away: stop reading batches (leaving the loop closes them).
      if ((out as PassThrough).destroyed) return;
    }
    // exceljs writes the filter when the sheet is committed, so it can wait for the count.
    ws.autoFilter = autoFilter(cols, count);
    ws.commit();
    await wb.commit();
  });
}

/**
 * exceljs gives every cell a fresh copy of its column's style and renders it
 * to XML to find its style id, unless it has seen that very object before
 * (a WeakMap): handing each cell of a column one shared style object writes
 * the same workbook in about half the time. One per value type, because a
 * number's default number format ("General") differs from a text's.
 */
function sharedStyles(ws: ExcelJS.Worksheet, columns: number): { text: Partial<ExcelJS.Style>; number: Partial<ExcelJS.Style> }[] {
  return Array.from({ length: columns }, (_, i) => {
    const style = ws.getColumn(i + 1).style;
    return { text: { ...style }, number: { ...style } };
  });
}

async function* oneBatch<R>(rows: R[]): AsyncIterable<R[]> {
  yield rows;
}

type TableColumn<R> = { header: string; text: (row: R) => string; align?: "right" };

function typedCell(text: string): string | number {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

export function xlsxResponse(body: Readable, filename: string): Response {
  return attachmentResponse(createReadableStreamFromReadable(body), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename);
}
