// The pure half of `npm run bench:plans` (bench/plans.ts): reading what
// PostgreSQL says in `EXPLAIN (ANALYZE, BUFFERS)` text output and writing the
// per-page summary. No database here, so bench/lib/plans.test.ts can check it.

/** A table read whole: flagged when the table is large (the page then grows with the portfolio). */
export type SeqScan = { table: string; alias: string | null; actualRows: number | null; loops: number | null; tableRows: number | null; large: boolean };

export type PlanSummary = {
  /** The plan's top line as PostgreSQL prints it (node, estimates, actual figures). */
  firstLine: string;
  executionMs: number | null;
  planningMs: number | null;
  /** Time PostgreSQL spent compiling the plan to machine code (JIT), part of executionMs; null when it did not. */
  jitMs: number | null;
  /** The whole statement's buffers (the top node's, which include its children's). */
  sharedHit: number;
  sharedRead: number;
  seqScans: SeqScan[];
};

/** Tables with more rows than this are flagged when a plan reads them whole. */
export const LARGE_TABLE_ROWS = 10_000;

const NUMBER = "(\\d+(?:\\.\\d+)?)";

function buffersOf(line: string): { hit: number; read: number } | null {
  const m = /^\s*Buffers:\s*(.*)$/.exec(line);
  if (!m) return null;
  // "shared hit=12 read=3 dirtied=1, temp read=5": only the shared part counts here.
  const shared = /shared((?:\s+\w+=\d+)+)/.exec(m[1]!);
  const field = (name: string) => Number(new RegExp(`\\b${name}=(\\d+)`).exec(shared?.[1] ?? "")?.[1] ?? 0);
  return { hit: field("hit"), read: field("read") };
}

/**
 * Reads one `EXPLAIN (ANALYZE, BUFFERS)` text plan (its lines, as the rows of
 * the "QUERY PLAN" column). `tableRows` gives each table's size (pg_class
 * reltuples) so a sequential scan of a large table can be flagged.
 */
export function summarisePlan(lines: string[], tableRows: (table: string) => number | null = () => null): PlanSummary {
  const firstLine = (lines[0] ?? "").trim();
  let sharedHit = 0;
  let sharedRead = 0;
  // The top node's own lines come before its first child ("->") and before
  // the "Planning:" section, whose buffers are the planner's, not the query's.
  for (const line of lines.slice(1)) {
    if (/^\s*->/.test(line) || /^\s*(Planning|Planning Time|Execution Time|Trigger|JIT)\b/.test(line)) break;
    const b = buffersOf(line);
    if (b) {
      sharedHit = b.hit;
      sharedRead = b.read;
      break;
    }
  }
  const time = (label: string) => {
    const m = new RegExp(`^\\s*${label}:\\s*${NUMBER}\\s*ms`).exec(lines.find((l) => new RegExp(`^\\s*${label}:`).test(l)) ?? "");
    return m ? Number(m[1]) : null;
  };
  const seqScans: SeqScan[] = [];
  for (const line of lines) {
    // `Seq Scan on "Activity" a  (cost=...) (actual time=... rows=N loops=L)`; also "Parallel Seq Scan".
    const m = /Seq Scan on ("(?:[^"]|"")+"|[\w.]+)(?:\s+("(?:[^"]|"")+"|\w+))?\s+\(/.exec(line);
    if (!m) continue;
    const table = unquote(m[1]!);
    const actual = /\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/.exec(line);
    const rows = tableRows(table);
    seqScans.push({
      table,
      alias: m[2] ? unquote(m[2]) : null,
      actualRows: actual ? Number(actual[1]) : null,
      loops: actual ? Number(actual[2]) : null,
      tableRows: rows,
      large: rows !== null && rows > LARGE_TABLE_ROWS,
    });
  }
  // JIT:\n  Functions: 605\n  ...\n  Timing: Generation 11.165 ms, ..., Total 4411.786 ms
  const jit = lines.findIndex((l) => /^JIT:/.test(l.trim()));
  const jitTotal = jit >= 0 ? lines.slice(jit).map((l) => /Timing:.*\bTotal\s+(\d+(?:\.\d+)?)\s*ms/.exec(l)).find(Boolean) : null;
  const jitMs = jitTotal ? Number(jitTotal[1]) : null;
  return { firstLine, executionMs: time("Execution Time"), planningMs: time("Planning Time"), jitMs, sharedHit, sharedRead, seqScans };
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

/** Only statements that read or write rows have a plan; BEGIN, COMMIT, SET and the like are skipped. */
export function isExplainable(sql: string): boolean {
  return /^\s*(\(\s*)*(SELECT|WITH|INSERT|UPDATE|DELETE|VALUES|TABLE)\b/i.test(stripLeadingComments(sql));
}

function stripLeadingComments(sql: string): string {
  return sql.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, "");
}

// ---------------------------------------------------------------------------
// The report

export type StatementPlan = PlanSummary & {
  /** The statement as sent (the markdown puts it on one line, shortened). */
  sql: string;
  params: number;
  /** Its parameters as sent (the JSON keeps them, to run the statement again). */
  values?: unknown[];
  /** The whole plan, as PostgreSQL printed it (the JSON keeps it; the markdown does not). */
  plan?: string[];
  /** When EXPLAIN itself failed (the statement is still counted). */
  error?: string;
};

export type PagePlans = {
  name: string;
  path: string;
  persona: string;
  status: number;
  /** The captured request's own time in this process (one sample: a hint, not a measurement). */
  requestMs: number;
  htmlBytes: number;
  statements: StatementPlan[];
  /** Statements the page sent that have no plan (transaction control and the like). */
  skipped: number;
};

export type PageTotals = { statements: number; executionMs: number; jitMs: number; sharedHit: number; sharedRead: number; largeSeqScans: number };

export function pageTotals(page: PagePlans): PageTotals {
  const sum = (pick: (s: StatementPlan) => number) => page.statements.reduce((n, s) => n + pick(s), 0);
  return {
    statements: page.statements.length,
    executionMs: Math.round(sum((s) => s.executionMs ?? 0) * 100) / 100,
    jitMs: Math.round(sum((s) => s.jitMs ?? 0) * 100) / 100,
    sharedHit: sum((s) => s.sharedHit),
    sharedRead: sum((s) => s.sharedRead),
    largeSeqScans: sum((s) => s.seqScans.filter((x) => x.large).length),
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const ms = (v: number | null) => (v === null ? "?" : v.toFixed(2));

/** The markdown that goes between the `bench:plans` markers of docs/performance.md. */
export function plansMarkdown(run: { startedAt: string; database: string; tableRows: Record<string, number>; pages: PagePlans[] }): string {
  const out: string[] = [];
  const sizes = ["Programme", "Activity", "ActivityParticipantGroup", "Deliverable", "Outcome"]
    .filter((t) => run.tableRows[t] !== undefined)
    .map((t) => `${t} ${Math.round(run.tableRows[t]!).toLocaleString("en")}`)
    .join(", ");
  out.push(`Run ${run.startedAt.slice(0, 16).replace("T", " ")} UTC on ${run.database} (${sizes} rows). Each page was requested once to warm up, then once more with every SQL statement captured and explained with its own parameters.`);
  out.push("");
  out.push("| Page | persona | statements | execution ms (sum) | of which JIT ms | shared hit | shared read | Seq Scans of tables > 10,000 rows |");
  out.push("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const page of run.pages) {
    const t = pageTotals(page);
    out.push(`| \`${cell(page.path)}\` | ${page.persona} | ${t.statements} | ${t.executionMs.toFixed(2)} | ${t.jitMs.toFixed(2)} | ${t.sharedHit} | ${t.sharedRead} | ${t.largeSeqScans} |`);
  }
  for (const page of run.pages) {
    out.push("");
    out.push(`**${cell(page.name)}** (\`${cell(page.path)}\`, ${page.persona}, HTTP ${page.status}, ${Math.round(page.htmlBytes / 1024)} kB, answered in ${Math.round(page.requestMs)} ms)`);
    out.push("");
    out.push("| # | statement | plan's first line | ms | JIT ms | hit | read | large Seq Scans |");
    out.push("|---:|---|---|---:|---:|---:|---:|---|");
    page.statements.forEach((s, i) => {
      const large = s.seqScans.filter((x) => x.large).map((x) => `**${x.table}** (${Math.round(x.tableRows ?? 0).toLocaleString("en")})`);
      const first = s.error ? `EXPLAIN failed: ${s.error}` : s.firstLine.replace(/\s+\(cost=[^)]*\)/, "");
      out.push(`| ${i + 1} | \`${cell(shorten(s.sql, 90)).replace(/`/g, "'")}\` | ${cell(shorten(first, 110))} | ${ms(s.executionMs)} | ${s.jitMs === null ? "" : s.jitMs.toFixed(2)} | ${s.sharedHit} | ${s.sharedRead} | ${large.join(", ")} |`);
    });
  }
  return out.join("\n");
}
