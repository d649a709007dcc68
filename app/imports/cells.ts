// Reading one spreadsheet cell (issue 19, point 2; ADR 0042). Pure functions,
// no database: what a cell means does not depend on which record it is for.
//
// - An empty cell keeps the stored value; CLEAR_MARKER clears it. The marker
//   is the same in every language, so a file passes between readers.
// - Dates keep their precision: "2019" is a year, "2019-11", "Nov 2019",
//   "ноя 2019" and "2019년 11월" a month, "2019-11-05" (or an Excel date cell)
//   a day.
// - Formulas are never evaluated: the reader hands over the formula's cached
//   result (what the user saw) or, without one, its text; either is data.

export const CLEAR_MARKER = "#CLEAR";

/** What the file may hold: rows past this are refused (the file, not the rows: a preview of part of a file would mislead). */
export const MAX_IMPORT_ROWS = 20_000;
/** Excel's own limit for one cell; a longer one is a hostile or broken file. */
export const MAX_CELL_CHARS = 32_767;

export type DatePrecision = "DAY" | "MONTH" | "YEAR";
export type DateCell = { iso: string; precision: DatePrecision };

/** A cell as the reader handed it over: text, a number, a date (Excel date cells) or a boolean. */
export type RawCell = string | number | boolean | Date | null | undefined;

export type CellRead<T> = { kind: "empty" } | { kind: "clear" } | { kind: "value"; value: T } | { kind: "error"; message: MessageRef };

/** A message reference (message() from ~/i18n/translate), translated when shown. */
export type MessageRef = string;

/** The cell as trimmed text ("" when blank); numbers as typed, dates as ISO days. */
export function cellText(raw: RawCell): string {
  if (raw === null || raw === undefined) return "";
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? "" : raw.toISOString().slice(0, 10);
  if (typeof raw === "boolean") return raw ? "yes" : "no";
  return String(raw).trim();
}

export function isClear(raw: RawCell): boolean {
  return typeof raw === "string" && raw.trim().toUpperCase() === CLEAR_MARKER;
}

// Month names, lower case, by month number: English (full and short), Russian
// (nominative, genitive and short forms), Korean is read by its own pattern.
const MONTHS: Record<string, number> = {};
const add = (names: string[], month: number) => names.forEach((n) => (MONTHS[n] = month));
[
  ["january", "jan", "январь", "января", "янв"],
  ["february", "feb", "февраль", "февраля", "фев", "февр"],
  ["march", "mar", "март", "марта", "мар"],
  ["april", "apr", "апрель", "апреля", "апр"],
  ["may", "май", "мая"],
  ["june", "jun", "июнь", "июня", "июн"],
  ["july", "jul", "июль", "июля", "июл"],
  ["august", "aug", "август", "августа", "авг"],
  ["september", "sep", "sept", "сентябрь", "сентября", "сен", "сент"],
  ["october", "oct", "октябрь", "октября", "окт"],
  ["november", "nov", "ноябрь", "ноября", "ноя", "нояб"],
  ["december", "dec", "декабрь", "декабря", "дек"],
].forEach((names, i) => add(names, i + 1));

const pad = (n: number) => String(n).padStart(2, "0");

function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function day(y: number, m: number, d: number): DateCell | null {
  return y >= 1900 && y <= 2200 && realDay(y, m, d) ? { iso: `${y}-${pad(m)}-${pad(d)}`, precision: "DAY" } : null;
}
function month(y: number, m: number): DateCell | null {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 ? { iso: `${y}-${pad(m)}-01`, precision: "MONTH" } : null;
}
function monthName(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, "")];
}

/**
 * A date and its precision, or null when the text is not a date Concord
 * reads: ISO forms (2019, 2019-11, 2019-11-05), day.month.year
 * (05.11.2019), month names in English or Russian ("Nov 2019", "5 November
 * 2019", "ноя 2019", "5 ноября 2019 г.") and Korean ("2019년 11월", "2019년
 * 11월 5일"). An Excel date cell is a day.
 */
export function parseDate(raw: RawCell): DateCell | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return day(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  }
  const s = cellText(raw).replace(/\s+г\.?$/i, "").replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    return y >= 1900 && y <= 2200 ? { iso: `${y}-01-01`, precision: "YEAR" } : null;
  }
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return month(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s))) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))) return day(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = /^(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?$/.exec(s))) {
    return m[3] ? day(Number(m[1]), Number(m[2]), Number(m[3])) : month(Number(m[1]), Number(m[2]));
  }
  if ((m = /^([\p{L}.]+),? (\d{4})$/u.exec(s))) {
    const mo = monthName(m[1]);
    return mo ? month(Number(m[2]), mo) : null;
  }
  if ((m = /^(\d{1,2}) ([\p{L}.]+),? (\d{4})$/u.exec(s))) {
    const mo = monthName(m[2]);
    return mo ? day(Number(m[3]), mo, Number(m[1])) : null;
  }
  if ((m = /^([\p{L}.]+) (\d{1,2}),? (\d{4})$/u.exec(s))) {
    const mo = monthName(m[1]);
    return mo ? day(Number(m[3]), mo, Number(m[2])) : null;
  }
  return null;
}

/** A stored date as the file writes it, keeping its precision: 2019, 2019-11 or 2019-11-05. */
export function formatDateCell(iso: string, precision: DatePrecision): string {
  if (!iso) return "";
  return precision === "YEAR" ? iso.slice(0, 4) : precision === "MONTH" ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** A whole number (a spreadsheet number cell or its text, "1 200" and "1,200" read as 1200). */
export function parseInteger(raw: RawCell): number | null {
  if (typeof raw === "number") return Number.isInteger(raw) ? raw : null;
  const s = cellText(raw).replace(/[\s\u00a0,]/g, "");
  return /^-?\d{1,9}$/.test(s) ? Number(s) : null;
}

/** A decimal number as text (the forms take decimals as text); a comma decimal separator is read too. */
export function parseDecimal(raw: RawCell): string | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : null;
  const s = cellText(raw).replace(/[\s\u00a0]/g, "").replace(/^(-?\d+),(\d+)$/, "$1.$2");
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

const YES = new Set(["yes", "y", "true", "1", "да", "예", "네"]);
const NO = new Set(["no", "n", "false", "0", "нет", "아니요", "아니오"]);

export function parseYesNo(raw: RawCell): boolean | null {
  if (typeof raw === "boolean") return raw;
  const s = cellText(raw).toLowerCase();
  return YES.has(s) ? true : NO.has(s) ? false : null;
}

/** Text compared as people type it: case, surrounding and repeated spaces ignored. */
export function fold(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/**
 * A coded value: the code itself or its label in any of the languages
 * (`labels`: one code -> label map per language), case-insensitive.
 */
export function parseCode(raw: RawCell, codes: readonly string[], labels: Record<string, string>[]): string | null {
  const s = fold(cellText(raw));
  if (!s) return null;
  const byCode = codes.find((c) => fold(c) === s);
  if (byCode) return byCode;
  for (const map of labels) {
    const hit = codes.find((c) => map[c] !== undefined && fold(map[c]) === s);
    if (hit) return hit;
  }
  return null;
}

/** A cell holding several values ("HIRA; WHO"), split on semicolons and line breaks. */
export function splitList(raw: RawCell): string[] {
  return cellText(raw)
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
