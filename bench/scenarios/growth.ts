import { updatePerformanceDoc } from "../lib/doc-table";
import type { Harness } from "../lib/harness";
import { describeMachine } from "../lib/machine";
import { judgeGrowth, machineDrift, relativeGrowth, summarise, TARGETS, type GrowthRow } from "../lib/measure";
import { measureOneUser, PAGES, resolvePages, ruleOptions, settings, SIGN_IN, type ResolvedPage } from "../lib/page-bench";
import { underRule } from "../lib/sampling";
import type { Scenario, ScenarioOptions } from "./types";

// Issue 16, point 1: a page's database work must not grow with the
// portfolio. Measures every main page's one-user p50 on PostgreSQL (one
// process) at the portfolio as seeded (--synthetic, 110 by default), then
// seeds more synthetic programmes into the same database until there are
// `growthFactor` (3) times as many (SYN-0111..SYN-0330: the seed skips the
// codes that exist, so nothing clashes), runs ANALYZE, and measures again.
// FAILED when a page's one-user p50 grew by more than 30%. Changes the
// portfolio, so it runs after every other scenario.

async function syntheticCount(h: Harness): Promise<number> {
  return h.app.prisma.programme.count({ where: { code: { startsWith: "SYN-" } } });
}

async function measureAll(h: Harness, pages: ResolvedPage[], o: ScenarioOptions, label: string) {
  const s = settings(o);
  const out: Record<string, { p50: number; p95: number; rounds: unknown[] }> = {};
  for (const page of pages) {
    const rounds = [];
    const latencies: number[] = [];
    for (let round = 1; round <= s.rounds; round++) {
      const m = await underRule(`${label} ${page.key} #${round}`, ruleOptions(h, o, () => h.server.treeCpuSeconds()), () => measureOneUser(h.origin, page, o));
      latencies.push(...m.kept.result.latenciesMs);
      rounds.push({ round, kept: { ...m.kept, result: m.kept.result.summary }, attempts: m.attempts.map((a) => ({ ...a, result: a.result.summary })) });
    }
    const sum = summarise(latencies);
    out[page.key] = { p50: sum.p50, p95: sum.p95, rounds };
    h.log(`  ${label} ${page.name}: p50 ${sum.p50} ms, p95 ${sum.p95} ms`);
  }
  return out;
}

const signed = (g: number | null) => (g === null ? "–" : `${g >= 0 ? "+" : ""}${Math.round(g * 100)}%`);

function growthTable(rows: GrowthRow[], names: Record<string, string>, from: number, to: number): string {
  const ref = rows.find((r) => r.key === SIGN_IN);
  const header = `| Page | one user p50 ms, ${from} synthetic programmes | at ${to} | growth | ≤ ${TARGETS.growth * 100}% | growth relative to sign-in's |`;
  const rule = "|---|---:|---:|---:|:-:|---:|";
  return [header, rule, ...rows.map((r) => `| ${names[r.key] ?? r.key} | ${r.before} | ${r.after} | ${signed(r.growth)} | ${r.passed ? "pass" : "FAIL"} | ${r.key === SIGN_IN ? "(reference)" : signed(relativeGrowth(r, ref))} |`)].join("\n");
}

export const growth: Scenario = {
  name: "growth",
  summary: "every main page's one-user time on PostgreSQL, then again after the portfolio grew to 3x its synthetic programmes",
  defaults: { durationSec: 10, connections: 16, syntheticProgrammes: 110 },
  runsLast: true,
  async run(h, options) {
    const startedAt = new Date().toISOString();
    const factor = options.growthFactor ?? 3;
    await h.useServer({ database: "postgres", processes: 1 });
    // Pages measured for reference are not judged here either.
    const pages = await resolvePages(h, PAGES.filter((p) => !p.reference));
    const from = await syntheticCount(h);
    const problems: string[] = [];
    if (from === 0) problems.push("no synthetic programmes to grow from (run with --synthetic > 0)");
    const to = from * factor;
    h.log(`growth: ${from} synthetic programmes`);
    const before = await measureAll(h, pages, options, `at ${from}`);
    const t0 = Date.now();
    const added = await h.app.seedSynthetic(to);
    await h.app.prisma.$executeRawUnsafe("ANALYZE");
    const seedSec = Math.round((Date.now() - t0) / 100) / 10;
    const now = await syntheticCount(h);
    h.log(`growth: seeded to ${now} synthetic programmes (+${added.programme ?? 0}) and analysed in ${seedSec} s`);
    if (now !== to) problems.push(`expected ${to} synthetic programmes after seeding, found ${now}`);
    const after = await measureAll(h, pages, options, `at ${now}`);
    const rows = judgeGrowth(
      Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.p50])),
      Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v.p50])),
    );
    // Sign-in runs no query: if its time moved by more than the limit, the machine did.
    const drift = machineDrift(rows, SIGN_IN);
    if (drift.drifted) problems.push(`the machine changed between the two measurements: sign-in (no query) moved by ${signed(drift.growth)}; the growth figures are unreliable (run again on a quieter machine; the last column divides it out)`);
    for (const r of rows) if (!r.passed) problems.push(`${r.key}: one-user p50 ${r.before} ms -> ${r.after} ms (${r.growth === null ? "?" : `+${Math.round(r.growth * 100)}%`}), target <= +${TARGETS.growth * 100}%`);
    const names = Object.fromEntries(pages.map((p) => [p.key, p.name]));
    const table = growthTable(rows, names, from, now);
    const machine = describeMachine();
    const counts = await h.app.prisma.$transaction([h.app.prisma.programme.count(), h.app.prisma.activity.count(), h.app.prisma.activityParticipantGroup.count()]);
    const passed = problems.length === 0;
    const doc = updatePerformanceDoc(
      "growth",
      [
        `Run ${startedAt.slice(0, 16).replace("T", " ")} UTC on ${machine.cpuModel}, ${machine.cores} cores; PostgreSQL, one server process; one user, ${settings(options).rounds} x ${settings(options).oneUserRequests} requests per page and size. Grown to ${counts[0].toLocaleString("en")} programmes, ${counts[1].toLocaleString("en")} activities, ${counts[2].toLocaleString("en")} participant groups (seeding and ANALYZE took ${seedSec} s). ${passed ? "**No page grew by more than 30%.**" : `**${problems.length} problem(s).**`}`,
        "",
        table,
      ].join("\n"),
    );
    return {
      passed,
      problems,
      result: { startedAt, factor, syntheticBefore: from, syntheticAfter: now, added, seedSec, portfolioAfter: { programmes: counts[0], activities: counts[1], participantGroups: counts[2] }, before, after, judgement: rows, machineDrift: drift, relativeToSignIn: Object.fromEntries(rows.map((r) => [r.key, relativeGrowth(r, rows.find((x) => x.key === SIGN_IN))])) },
      report: [`Growth (${from} -> ${now} synthetic programmes):`, table, "", doc].join("\n"),
    };
  },
};
