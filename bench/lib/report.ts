import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./load";

export const RESULTS_DIR = path.resolve("bench", "results");

/** bench/results/<scenario>-<ISO timestamp>.json (colons replaced: they are not portable in file names). */
export function writeResults(scenario: string, startedAt: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.replace(/:/g, "-").replace(/\.\d+Z$/, "Z");
  const file = path.join(RESULTS_DIR, `${scenario}-${stamp}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

function pad(value: string, width: number, right = false): string {
  return right ? value.padStart(width) : value.padEnd(width);
}

/** A plain-text table of a load run, one row per request kind plus the total. */
export function formatLoadTable(result: LoadResult): string {
  const header = ["request", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "statuses", "failed"];
  const rows = result.kinds.map((k) => [
    k.name,
    String(k.count),
    k.requestsPerSec.toFixed(1),
    k.latencyMs.p50.toFixed(0),
    k.latencyMs.p95.toFixed(0),
    k.latencyMs.p99.toFixed(0),
    k.latencyMs.max.toFixed(0),
    Object.entries(k.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(" "),
    String(k.failed + k.errors + k.skipped),
  ]);
  const t = result.totals;
  rows.push([
    "TOTAL",
    String(t.requests),
    t.requestsPerSec.toFixed(1),
    t.latencyMs.p50.toFixed(0),
    t.latencyMs.p95.toFixed(0),
    t.latencyMs.p99.toFixed(0),
    t.latencyMs.max.toFixed(0),
    Object.entries(t.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(" "),
    String(t.failed + t.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([1, 2, 3, 4, 5, 6, 8]);
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, numeric.has(i))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows[rows.length - 1]!)].join("\n");
}

/** What went wrong, one line per kept failure. */
export function formatFailures(result: LoadResult): string {
  return result.failures
    .map((f) => {
      const where = f.location ? ` -> ${f.location}` : "";
      const body = f.body ? ` | ${f.body.replace(/\s+/g, " ").slice(0, 160)}` : "";
      return `  ${f.kind}: ${f.status ?? "no response"} ${f.problem}${where}${body}`;
    })
    .join("\n");
}
