import type { Harness } from "../lib/harness";
import type { Scenario } from "./types";

// The spreadsheet import at scale (issue 19, point 4; ADR 0042): a staff user
// uploads a CSV of 10,000 new activities (preview), applies it, then uploads
// the same rows with one cell changed in each (10,000 changed, matched by
// natural key: programme code + title + start), and applies that. Through the
// server as a browser does (multipart upload, the preview's redirect, the
// apply form), on the seeded bench portfolio. Records each step's time and the
// server's peak RSS (the harness samples it). Target (issue 19): preview and
// apply of 10,000 rows each well within a minute, memory bounded.

/** BENCH_IMPORT_ROWS changes it (a smaller file shows whether the server's memory grows with the file). */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const TARGET_MS = 60_000;

type Step = { step: string; ms: number; status: number; location: string | null };

async function upload(h: Harness, csv: string, name: string): Promise<Step & { id: string | null }> {
  const form = new FormData();
  form.set("kind", "activities");
  form.set("file", new Blob([csv], { type: "text/csv" }), name);
  const started = Date.now();
  const res = await fetch(`${h.origin}/imports`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { cookie: h.personas.staff.cookie, origin: h.origin },
  });
  await res.arrayBuffer();
  const location = res.headers.get("location");
  return { step: `preview ${name}`, ms: Date.now() - started, status: res.status, location, id: location?.match(/^\/imports\/([^/?]+)$/)?.[1] ?? null };
}

async function apply(h: Harness, id: string, name: string): Promise<Step> {
  const started = Date.now();
  const res = await fetch(`${h.origin}/imports/${id}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "apply" }),
    redirect: "manual",
    headers: { cookie: h.personas.staff.cookie, origin: h.origin, "content-type": "application/x-www-form-urlencoded" },
  });
  await res.arrayBuffer();
  return { step: `apply ${name}`, ms: Date.now() - started, status: res.status, location: res.headers.get("location") };
}

export const importScenario: Scenario = {
  name: "import",
  summary: `spreadsheet import: preview and apply ${ROWS.toLocaleString("en")} new, then ${ROWS.toLocaleString("en")} changed activities`,
  defaults: { durationSec: 1, connections: 1, syntheticProgrammes: 0 },
  // It adds 10,000 activities to the portfolio: after the scenarios that measure it.
  runsLast: true,
  async run(h) {
    const startedAt = new Date().toISOString();
    const programme = await h.app.prisma.programme.findFirstOrThrow({ where: { archivedAt: null }, orderBy: { code: "asc" }, select: { code: true } });
    const tag = `Bench import ${Date.now().toString(36)}`;
    const rows = (city: string) =>
      [
        "Programme (code),Title,Kind,Status,Actual start,Participants,Women,Men,City",
        ...Array.from({ length: ROWS }, (_, i) => `${programme.code},${tag} ${i},WORKSHOP,COMPLETED,2024-${String((i % 12) + 1).padStart(2, "0")},${20 + (i % 7)},10,5,${city}`),
      ].join("\r\n");
    const steps: Step[] = [];
    const problems: string[] = [];
    const counts: Record<string, unknown> = {};
    for (const [name, csv, expect] of [
      ["new.csv", rows("Almaty"), { newRows: ROWS, changedRows: 0 }],
      ["changed.csv", rows("Astana"), { newRows: 0, changedRows: ROWS }],
    ] as const) {
      const previewed = await upload(h, csv, name);
      steps.push(previewed);
      if (previewed.status !== 302 || !previewed.id) {
        problems.push(`${name}: the upload answered ${previewed.status}, not a redirect to its preview`);
        break;
      }
      const summary = await h.app.prisma.import.findUniqueOrThrow({ where: { id: previewed.id } });
      counts[name] = { new: summary.newRows, changed: summary.changedRows, unchanged: summary.unchangedRows, refused: summary.refusedRows };
      if (summary.newRows !== expect.newRows || summary.changedRows !== expect.changedRows || summary.refusedRows) {
        problems.push(`${name}: the preview counted ${JSON.stringify(counts[name])}, expected ${JSON.stringify(expect)}`);
      }
      const applied = await apply(h, previewed.id, name);
      steps.push(applied);
      const after = await h.app.prisma.import.findUniqueOrThrow({ where: { id: previewed.id }, select: { status: true, failure: true } });
      if (after.status !== "APPLIED") problems.push(`${name}: apply ended ${after.status} ${after.failure ?? ""}`);
    }
    for (const s of steps) if (s.ms > TARGET_MS) problems.push(`${s.step} took ${(s.ms / 1000).toFixed(1)} s (target: within ${TARGET_MS / 1000} s)`);
    const memory = h.server.memory();
    const report = [
      `Spreadsheet import, ${ROWS.toLocaleString("en")} activity rows (server on ${h.databaseKind}):`,
      ...steps.map((s) => `  ${s.step.padEnd(22)} ${(s.ms / 1000).toFixed(1).padStart(6)} s  (HTTP ${s.status})`),
      `  server peak RSS ${memory.peakRssSampledMb ?? "?"} MB`,
    ].join("\n");
    return { passed: problems.length === 0, problems, report, result: { startedAt, rows: ROWS, steps, counts } };
  },
};
