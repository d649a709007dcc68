import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import type { Harness } from "./harness";
import { readProcMemory } from "./server";
import type { Persona } from "./app";

// The exports of the pages scenario (issues 6 and 16), one request at a
// time, each timed, with the server's peak memory during it: CSV and Excel
// of every activity (<= 3 s, server < 400 MB), the portfolio's IATI XML
// (<= 5 s) and a programme's PDF report (measured). The files are opened and
// their records counted.
//
// Memory, measured apart (issue 16, session 10): each export runs on a server
// started afresh for it (measureExports), so the peak is the export's own
// and not the high-water mark of the 16-client rounds before (a V8 heap and
// malloc's arenas keep what a load round grew them to). Each export records
// the server's RSS before it, its peak during it and the RSS after it; the
// target is judged on the peak.

type PersonaName = keyof Harness["personas"];

export const EXPORT_TARGETS = { tableExportSec: 3, exportMemoryMb: 400, iatiSec: 5 };
const TARGETS = EXPORT_TARGETS;


export type ExportTarget = {
  name: string;
  persona: PersonaName;
  path: string;
  contentType: string;
  /** Seconds one request may take; null: measured, no target. */
  limitSec: number | null;
  memoryLimitMb: number | null;
  /** How many records the file must hold (counted in the file). */
  count(body: Buffer): Promise<number>;
  /** How many records the file must hold: every activity, every programme... */
  minimum(h: Harness): Promise<number>;
};

const countLines = async (body: Buffer) => body.toString("utf8").split("\r\n").filter(Boolean).length - 1;

async function countXlsxRows(body: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from(body));
  return (wb.worksheets[0]?.actualRowCount ?? 1) - 1;
}

const countMatches = (pattern: RegExp) => async (body: Buffer) => body.toString("utf8").match(pattern)?.length ?? 0;

export const EXPORTS: ExportTarget[] = [
  {
    name: "CSV, every activity",
    persona: "staff",
    path: "/activities?format=csv&_data=routes%2Factivities._index",
    contentType: "text/csv",
    limitSec: TARGETS.tableExportSec,
    memoryLimitMb: TARGETS.exportMemoryMb,
    count: countLines,
    minimum: (h) => h.app.prisma.activity.count(),
  },
  {
    name: "XLSX, every activity",
    persona: "staff",
    path: "/activities?format=xlsx&_data=routes%2Factivities._index",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    limitSec: TARGETS.tableExportSec,
    memoryLimitMb: TARGETS.exportMemoryMb,
    count: countXlsxRows,
    minimum: (h) => h.app.prisma.activity.count(),
  },
  {
    name: "IATI XML, whole portfolio",
    persona: "staff",
    path: "/reports/iati.xml",
    contentType: "application/xml",
    limitSec: TARGETS.iatiSec,
    memoryLimitMb: TARGETS.exportMemoryMb,
    count: countMatches(/<iati-activity[\s>]/g),
    minimum: (h) => h.app.prisma.programme.count(),
  },
  {
    name: "PDF, programme report (SYN-0001)",
    persona: "staff",
    path: "/reports/programmes/SYN-0001.pdf",
    contentType: "application/pdf",
    limitSec: null,
    memoryLimitMb: TARGETS.exportMemoryMb,
    count: countMatches(/\/Type\s*\/Page[^s]/g),
    minimum: async () => 2,
  },
];

const EXPORT_REPEATS = 3;

export type ExportFigures = {
  name: string;
  path: string;
  secondsEach: number[];
  worstSec: number;
  bytes: number;
  records: number;
  /** The server's RSS just before the export's first request, and after its last (MB). */
  rssBeforeMb: number | null;
  /** The highest RSS during the export's requests (MB): what the target judges. */
  peakRssMb: number | null;
  rssAfterMb: number | null;
  problems: string[];
};

/** The server's resident memory now, in MB (null where /proc cannot be read). */
function rssMb(h: Harness): number | null {
  const m = readProcMemory(h.server.pid);
  return m && Number.isFinite(m.rss) ? Math.round((m.rss / 1024) * 10) / 10 : null;
}

/** The memory rule: the peak during the export below the limit; a peak that could not be read is a problem too. */
export function exportMemoryProblems(peakRssMb: number | null, limitMb: number | null): string[] {
  if (limitMb === null) return [];
  if (peakRssMb === null) return [`the server's memory could not be read, target < ${limitMb} MB`];
  return peakRssMb >= limitMb ? [`server peaked at ${peakRssMb} MB, target < ${limitMb} MB`] : [];
}

/**
 * Every export, one after the other, each on a server started afresh for it
 * in the current configuration and given one request of the list the exports
 * read (its build's modules loaded, its database pool open, as in service):
 * an export's peak is its own, not what the one before left in the heap.
 */
export async function measureExports(h: Harness): Promise<{ idleRssMb: (number | null)[]; figures: ExportFigures[] }> {
  const idleRssMb: (number | null)[] = [];
  const figures: ExportFigures[] = [];
  for (const target of EXPORTS) {
    await h.useServer(h.serverConfig, { fresh: true });
    const warm = await fetch(`${h.origin}/activities`, { headers: { Cookie: h.personas.staff.cookie }, redirect: "manual" });
    await warm.arrayBuffer();
    idleRssMb.push(rssMb(h));
    const f = await measureExport(h, target);
    figures.push(f);
    h.log(`  ${h.databaseKind} ${target.name} (fresh server): ${f.secondsEach.join(" s, ")} s; RSS ${f.rssBeforeMb} MB before, peak ${f.peakRssMb} MB, ${f.rssAfterMb} MB after`);
  }
  return { idleRssMb, figures };
}

export async function measureExport(h: Harness, target: ExportTarget): Promise<ExportFigures> {
  const persona: Persona = h.personas[target.persona];
  const problems: string[] = [];
  const secondsEach: number[] = [];
  let bytes = 0;
  let records = 0;
  const rssBeforeMb = rssMb(h);
  const peak = h.server.memoryWindow();
  for (let i = 0; i < EXPORT_REPEATS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${h.origin}${target.path}`, { headers: { Cookie: persona.cookie }, redirect: "manual" });
    const body = Buffer.from(await res.arrayBuffer());
    secondsEach.push(Math.round(performance.now() - t0) / 1000);
    if (res.status !== 200) {
      problems.push(`answered ${res.status}: ${body.toString("utf8").slice(0, 200)}`);
      break;
    }
    const type = res.headers.get("content-type") ?? "";
    if (!type.startsWith(target.contentType)) problems.push(`content type ${type}, expected ${target.contentType}`);
    bytes = body.length;
    if (i === 0) {
      records = await target.count(body);
      const minimum = await target.minimum(h);
      if (records < minimum) problems.push(`holds ${records} records, expected at least ${minimum}`);
    }
  }
  const peakRssMb = peak();
  const rssAfterMb = rssMb(h);
  const worstSec = Math.max(...secondsEach);
  if (target.limitSec !== null && worstSec > target.limitSec) problems.push(`took ${worstSec} s, target <= ${target.limitSec} s`);
  problems.push(...exportMemoryProblems(peakRssMb, target.memoryLimitMb));
  return { name: target.name, path: target.path, secondsEach, worstSec, bytes, records, rssBeforeMb, peakRssMb, rssAfterMb, problems };
}
