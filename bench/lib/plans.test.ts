import { describe, expect, it } from "vitest";
import { isExplainable, pageTotals, plansMarkdown, summarisePlan, type PagePlans } from "./plans";

// A plan as PostgreSQL 15 prints it for EXPLAIN (ANALYZE, BUFFERS), cut down
// from a real one of the donor dashboard: the top node's buffers, a child
// with its own, a sequential scan of a large table and one of a small one,
// the planner's buffers, and the two times.
const PLAN = `Finalize GroupAggregate  (cost=3746.90..3798.57 rows=200 width=34) (actual time=30.452..31.430 rows=15 loops=1)
  Group Key: a."programmeId"
  Buffers: shared hit=1726 read=12 dirtied=3, temp read=7 written=7
  ->  Hash Join  (cost=1003.05..2377.77 rows=3572 width=30) (actual time=5.597..22.300 rows=3572 loops=1)
        Hash Cond: (o."activityId" = a.id)
        Buffers: shared hit=1146
        ->  Seq Scan on "Outcome" o  (cost=0.00..1301.06 rows=28057 width=30) (actual time=0.022..5.830 rows=28054 loops=1)
              Filter: (("archivedAt" IS NULL) AND ("dueDate" IS NOT NULL))
              Buffers: shared hit=971
        ->  Hash  (cost=7.33..7.33 rows=8 width=26) (actual time=12.953..12.954 rows=8 loops=1)
              ->  Parallel Seq Scan on organisation  (cost=0.00..7.33 rows=8 width=26) (actual time=12.911..12.936 rows=8 loops=2)
                    Filter: ("countryCode" = 'BY'::bpchar)
Planning:
  Buffers: shared hit=937 read=4
Planning Time: 16.041 ms
JIT:
  Functions: 605
  Options: Inlining true, Optimization true, Expressions true, Deforming true
  Timing: Generation 11.165 ms, Inlining 107.305 ms, Optimization 3066.795 ms, Emission 1226.520 ms, Total 4411.786 ms
Execution Time: 31.603 ms`.split("\n");

const SIZES: Record<string, number> = { Outcome: 33_011, organisation: 186 };

describe("summarisePlan", () => {
  it("reads the top line, both times and the statement's own shared buffers", () => {
    const s = summarisePlan(PLAN, (t) => SIZES[t] ?? null);
    expect(s.firstLine).toBe("Finalize GroupAggregate  (cost=3746.90..3798.57 rows=200 width=34) (actual time=30.452..31.430 rows=15 loops=1)");
    expect(s.executionMs).toBe(31.603);
    expect(s.planningMs).toBe(16.041);
    expect(s.jitMs).toBe(4411.786);
    // The top node's figures, not a child's (1146) nor the planner's (937, 4), nor temp's.
    expect(s.sharedHit).toBe(1726);
    expect(s.sharedRead).toBe(12);
  });

  it("finds every sequential scan with its table, alias and actual rows, and flags only large tables", () => {
    const s = summarisePlan(PLAN, (t) => SIZES[t] ?? null);
    expect(s.seqScans).toEqual([
      { table: "Outcome", alias: "o", actualRows: 28054, loops: 1, tableRows: 33_011, large: true },
      { table: "organisation", alias: null, actualRows: 8, loops: 2, tableRows: 186, large: false },
    ]);
  });

  it("takes no buffers from a child when the top node printed none", () => {
    const lines = ["Limit  (cost=0.00..1.00 rows=1 width=4) (actual time=0.01..0.01 rows=1 loops=1)", "  ->  Seq Scan on t  (cost=0.00..1.00 rows=1 width=4) (actual time=0.01..0.01 rows=1 loops=1)", "        Buffers: shared hit=5", "Execution Time: 0.050 ms"];
    const s = summarisePlan(lines);
    expect(s.sharedHit).toBe(0);
    expect(s.jitMs).toBeNull();
    expect(s.seqScans[0]).toMatchObject({ table: "t", tableRows: null, large: false });
  });

  it("says nothing rather than guess when there is no plan", () => {
    expect(summarisePlan([])).toEqual({ firstLine: "", executionMs: null, planningMs: null, jitMs: null, sharedHit: 0, sharedRead: 0, seqScans: [] });
  });
});

describe("isExplainable", () => {
  it("explains reads and writes, not transaction control", () => {
    expect(isExplainable('SELECT 1 FROM "User"')).toBe(true);
    expect(isExplainable("  with p as (select 1) select * from p")).toBe(true);
    expect(isExplainable('/* prisma */ UPDATE "Session" SET x = 1')).toBe(true);
    expect(isExplainable("BEGIN")).toBe(false);
    expect(isExplainable("COMMIT")).toBe(false);
    expect(isExplainable("SET LOCAL statement_timeout = 0")).toBe(false);
  });
});

describe("the report", () => {
  const page: PagePlans = {
    name: "donor dashboard",
    path: "/donor",
    persona: "donor KWPF",
    status: 200,
    requestMs: 70,
    htmlBytes: 131_655,
    skipped: 0,
    statements: [
      { sql: 'SELECT a | b FROM "Outcome"', params: 0, ...summarisePlan(PLAN, (t) => SIZES[t] ?? null) },
      { sql: "SELECT 1", params: 1, ...summarisePlan([]), error: "syntax error" },
    ],
  };

  it("adds up a page's statements", () => {
    expect(pageTotals(page)).toEqual({ statements: 2, executionMs: 31.6, jitMs: 4411.79, sharedHit: 1726, sharedRead: 12, largeSeqScans: 1 });
  });

  it("writes one summary row per page and one row per statement, escaping table pipes", () => {
    const md = plansMarkdown({ startedAt: "2026-12-05T03:24:44.000Z", database: "a copy of concord_big", tableRows: { Activity: 22_021 }, pages: [page] });
    expect(md).toContain("| `/donor` | donor KWPF | 2 | 31.60 | 4411.79 | 1726 | 12 | 1 |");
    expect(md).toContain("Activity 22,021");
    expect(md).toContain("SELECT a \\| b");
    expect(md).toContain("**Outcome** (33,011)");
    expect(md).toContain("EXPLAIN failed: syntax error");
    // The first line without its cost estimate, with the actual figures.
    expect(md).toContain("Finalize GroupAggregate (actual time=30.452..31.430 rows=15 loops=1)");
  });
});
