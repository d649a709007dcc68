import os from "node:os";
import { runLighthouse, type LighthousePreset } from "../../scripts/lib/lighthouse";
import { updatePerformanceDoc } from "../lib/doc-table";
import type { Harness } from "../lib/harness";
import type { Scenario } from "./types";

// Lighthouse's Performance score of the main pages, with both presets (issue
// 16: a score is a timing, so it is measured here and no longer asserted by
// tests/process/lighthouse.test.ts, which keeps Accessibility and Best
// Practices; the JavaScript budget is tests/unit/bundle-budget.test.ts).
// Each page is audited signed in as its role (the harness's personas'
// session cookies on Lighthouse's requests) in a fresh headless Chromium.
// Target: Performance >= 90 (issue 6) with both presets. The mobile preset
// multiplies every main-thread task by 4, so a busy machine lowers its score:
// a run under target that started with the machine busy (1-minute load
// average above the number of cores) is run once more, and both are kept.
// Results: the score and its metrics per page and preset, the load average
// around each run; the table goes into docs/performance.md between the
// "lighthouse" markers.

const TARGET = 0.9;
const PRESETS: LighthousePreset[] = ["desktop", "mobile"];
/** The metrics the Performance score is made of (Lighthouse 12), as audit ids. */
const METRICS = {
  fcpMs: "first-contentful-paint",
  lcpMs: "largest-contentful-paint",
  tbtMs: "total-blocking-time",
  cls: "cumulative-layout-shift",
  speedIndexMs: "speed-index",
} as const;

type Page = { name: string; path: string; cookie: (h: Harness) => string | undefined };
const PAGES: Page[] = [
  { name: "sign-in", path: "/sign-in", cookie: () => undefined },
  { name: "staff dashboard", path: "/workspace", cookie: (h) => h.personas.staff.cookie },
  { name: "activity list", path: "/activities", cookie: (h) => h.personas.staff.cookie },
  { name: "partner portal", path: "/portal", cookie: (h) => h.personas.partnerBY.cookie },
];

type Measurement = {
  page: string;
  path: string;
  preset: LighthousePreset;
  /** 0-100; null when Lighthouse could not record the page. */
  performance: number | null;
  metrics: Partial<Record<keyof typeof METRICS, number>>;
  runtimeError: string | null;
  finalPath: string | null;
  lighthouseRuns: number;
  loadAverage1mBefore: number;
  loadAverage1mAfter: number;
  /** The run was repeated because it was under target while the machine was busy. */
  repeatOf?: number;
};

const cores = () => (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
const load1m = () => Math.round(os.loadavg()[0]! * 100) / 100;

async function measure(h: Harness, page: Page, preset: LighthousePreset): Promise<Measurement> {
  const loadBefore = load1m();
  const { lhr, runs } = await runLighthouse(`${h.origin}${page.path}`, {
    cookie: page.cookie(h),
    preset,
    categories: ["performance"],
    log: h.log,
  });
  const metrics: Measurement["metrics"] = {};
  for (const [key, id] of Object.entries(METRICS) as [keyof typeof METRICS, string][]) {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value === "number") metrics[key] = key === "cls" ? Math.round(value * 1000) / 1000 : Math.round(value);
  }
  const score = lhr.categories.performance?.score;
  return {
    page: page.name,
    path: page.path,
    preset,
    performance: lhr.runtimeError || typeof score !== "number" ? null : Math.round(score * 100),
    metrics,
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    finalPath: lhr.finalDisplayedUrl ? new URL(lhr.finalDisplayedUrl).pathname : null,
    lighthouseRuns: runs,
    loadAverage1mBefore: loadBefore,
    loadAverage1mAfter: load1m(),
  };
}

function table(rows: Measurement[]): string {
  const cell = (v: number | undefined, unit = "") => (v === undefined ? "—" : `${v}${unit}`);
  const lines = [
    "| page | preset | Performance | FCP ms | LCP ms | TBT ms | CLS | Speed Index ms | load avg before → after |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.page}${r.repeatOf !== undefined ? " (again: machine busy)" : ""} | ${r.preset} | ${r.performance ?? `failed (${r.runtimeError?.split(":")[0]})`} | ${cell(r.metrics.fcpMs)} | ${cell(r.metrics.lcpMs)} | ${cell(r.metrics.tbtMs)} | ${cell(r.metrics.cls)} | ${cell(r.metrics.speedIndexMs)} | ${r.loadAverage1mBefore} → ${r.loadAverage1mAfter} |`,
    );
  }
  return lines.join("\n");
}

export const lighthouse: Scenario = {
  name: "lighthouse",
  summary: "Lighthouse Performance (desktop and mobile presets) of the sign-in page, staff dashboard, activity list and partner portal; target 90.",
  // Duration and clients do not apply: each audit loads its page once.
  defaults: { durationSec: 1, connections: 1, syntheticProgrammes: 1 },
  async run(h) {
    const startedAt = new Date().toISOString();
    const rows: Measurement[] = [];
    for (const page of PAGES) {
      for (const preset of PRESETS) {
        let m = await measure(h, page, preset);
        rows.push(m);
        h.log(`lighthouse: ${page.path} ${preset}: ${m.performance ?? m.runtimeError} (load ${m.loadAverage1mBefore} → ${m.loadAverage1mAfter})`);
        if (m.performance !== null && m.performance < TARGET * 100 && m.loadAverage1mBefore > cores()) {
          m = { ...(await measure(h, page, preset)), repeatOf: rows.length - 1 };
          rows.push(m);
          h.log(`lighthouse: ${page.path} ${preset} again (machine was busy): ${m.performance ?? m.runtimeError}`);
        }
      }
    }

    // A page's verdict is its last run per preset.
    const problems: string[] = [];
    const last = new Map<string, Measurement>();
    for (const r of rows) last.set(`${r.path} ${r.preset}`, r);
    for (const r of last.values()) {
      if (r.runtimeError) problems.push(`${r.path} (${r.preset}): Lighthouse could not record the page: ${r.runtimeError}`);
      else if (r.finalPath !== r.path) problems.push(`${r.path} (${r.preset}): audited ${r.finalPath} instead (a redirect)`);
      else if (r.performance !== null && r.performance < TARGET * 100) problems.push(`${r.path} (${r.preset}): Performance ${r.performance} < ${TARGET * 100}`);
    }
    const markdown = [
      `Measured ${startedAt.slice(0, 16).replace("T", " ")} UTC on ${cores()} cores (PostgreSQL, ${h.seeded.programme ?? "?"} programmes seeded: the demo portfolio and synthetic ones), Lighthouse 12, Debian's Chromium; target: Performance ≥ ${TARGET * 100} with both presets.`,
      "",
      table(rows),
    ].join("\n");
    const doc = updatePerformanceDoc("lighthouse", markdown);
    h.log(doc);
    return {
      passed: problems.length === 0,
      result: { startedAt, target: TARGET * 100, cores: cores(), measurements: rows },
      report: table(rows),
      problems,
    };
  },
};
