import { describe, expect, it } from "vitest";
import { rowsForSize } from "./bare";
import {
  interleavedOrder,
  judgeGrowth,
  judgePages,
  machineDrift,
  relativeGrowth,
  leastDisturbed,
  outsideCores,
  percentile,
  ratio,
  repeatDecision,
  summarise,
  type LatencySummary,
  type PageResult,
} from "./measure";

// The rules the pages bench judges by (issue 16): each must be seen to tell
// a pass from a fail, or the bench's verdicts are worth nothing.

const lat = (p50: number, p95: number): LatencySummary => ({ n: 100, p50, p95, mean: p50, max: p95 });

describe("percentile and summary", () => {
  it("takes the nearest rank, whatever the order", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it("summarises latencies", () => {
    expect(summarise([4, 1, 3, 2])).toEqual({ n: 4, p50: 2, p95: 4, mean: 2.5, max: 4 });
  });
  it("gives no ratio against zero or a missing figure", () => {
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(1, 3)).toBe(0.33);
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, null)).toBeNull();
  });
});

describe("interleaved order", () => {
  it("alternates bare and Concord, round by round, for each kind", () => {
    const steps = interleavedOrder(2);
    expect(steps.map((s) => `${s.kind}:${s.side}:${s.round}`)).toEqual([
      "oneUser:bare:1",
      "oneUser:concord:1",
      "oneUser:bare:2",
      "oneUser:concord:2",
      "clients:bare:1",
      "clients:concord:1",
      "clients:bare:2",
      "clients:concord:2",
    ]);
  });
  it("never runs the same side twice in a row within a kind", () => {
    for (const rounds of [1, 2, 3, 5]) {
      const steps = interleavedOrder(rounds, ["clients"]);
      expect(steps).toHaveLength(rounds * 2);
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.side).not.toBe(steps[i - 1]!.side);
    }
  });
  it("measures Concord alone when asked, and refuses zero rounds", () => {
    expect(interleavedOrder(2, ["oneUser"], false).map((s) => s.side)).toEqual(["concord", "concord"]);
    expect(() => interleavedOrder(0)).toThrow(/rounds/);
  });
});

describe("busy rule", () => {
  const rule = { cores: 2, share: 0.75 };
  it("counts only the CPU others used", () => {
    // 10 s in which the machine was busy 18 s of CPU, 14 of them the bench's own: others used 0.4 cores.
    expect(outsideCores(18, 14, 10)).toBe(0.4);
    expect(outsideCores(10, 12, 10)).toBe(0); // read a moment apart: never negative
  });
  it("repeats a measurement others disturbed, while attempts remain", () => {
    expect(repeatDecision(1.4, 1, 2, rule)).toEqual({ repeat: false, busy: false, why: null });
    const busy = repeatDecision(1.6, 1, 2, rule);
    expect(busy.repeat).toBe(true);
    expect(busy.why).toMatch(/1\.6 cores .*limit 1\.5/);
    expect(repeatDecision(1.6, 2, 2, rule)).toMatchObject({ repeat: false, busy: true });
  });
  it("keeps the least disturbed take", () => {
    const takes = [
      { id: 1, outsideCoresDuring: 1.9 },
      { id: 2, outsideCoresDuring: 0.3 },
      { id: 3, outsideCoresDuring: 0.3 },
    ];
    expect(leastDisturbed(takes).id).toBe(2);
  });
});

describe("bare page size", () => {
  it("finds the rows for a size from two probes", () => {
    const probe = [
      { rows: 0, bytes: 2_000 },
      { rows: 200, bytes: 60_000 },
    ];
    expect(rowsForSize(188_000, probe)).toBe(641);
    expect(rowsForSize(1_000, probe)).toBe(0);
  });
});

function page(key: string, opts: { p95: number; bareP95: number; rps: number; bareRps?: number; embP95?: number; embRps?: number }): PageResult {
  return {
    key,
    name: key,
    htmlBytes: 10_000,
    bareBytes: 10_000,
    oneUser: {
      pg1: { bare: lat(opts.bareP95 / 2, opts.bareP95), concord: lat(opts.p95 / 2, opts.p95) },
      ...(opts.embP95 ? { embedded: { bare: null, concord: lat(opts.embP95 / 2, opts.embP95) } } : {}),
    },
    clients: {
      pg1: { bare: opts.bareRps ?? null, concord: opts.rps, concordP95: 0 },
      ...(opts.embRps ? { embedded: { bare: null, concord: opts.embRps, concordP95: 0 } } : {}),
    },
  };
}

describe("targets", () => {
  const failed = (v: ReturnType<typeof judgePages>) => v.filter((x) => !x.passed).map((x) => `${x.page}:${x.target}`).sort();

  it("passes pages that meet every target", () => {
    const v = judgePages(
      [page("sign-in", { p95: 6, bareP95: 3, rps: 400, bareRps: 700, embP95: 8, embRps: 300 }), page("dash", { p95: 45, bareP95: 20, rps: 120, embP95: 100, embRps: 80 })],
      "sign-in",
    );
    expect(failed(v)).toEqual([]);
    expect(v.map((x) => x.target)).toEqual(expect.arrayContaining(["one-user-p95", "bare-factor", "share-of-sign-in-pg1", "embedded-one-user", "embedded-clients", "sign-in-share-of-bare"]));
  });

  it("fails each target on its own", () => {
    const v = judgePages(
      [
        page("sign-in", { p95: 6, bareP95: 3, rps: 300, bareRps: 700 }), // 43% of bare
        page("slow", { p95: 51, bareP95: 40, rps: 200 }), // over 50 ms
        page("heavy", { p95: 40, bareP95: 10, rps: 200 }), // 4x the bare page
        page("starved", { p95: 10, bareP95: 10, rps: 70 }), // 23% of sign-in
        page("embedded", { p95: 10, bareP95: 10, rps: 200, embP95: 31, embRps: 60 }), // 3.1x slower, 3.3x fewer
      ],
      "sign-in",
    );
    expect(failed(v)).toEqual(
      [
        "sign-in:sign-in-share-of-bare",
        "slow:one-user-p95",
        "heavy:bare-factor",
        "starved:share-of-sign-in-pg1",
        "embedded:embedded-one-user",
        "embedded:embedded-clients",
      ].sort(),
    );
  });
});

describe("growth", () => {
  it("fails a page whose one-user time grew by more than 30%", () => {
    const rows = judgeGrowth({ a: 10, b: 10, c: 10 }, { a: 13, b: 13.1, c: 8 });
    expect(rows.map((r) => [r.key, r.growth, r.passed])).toEqual([
      ["a", 0.3, true],
      ["b", 0.31, false],
      ["c", -0.2, true],
    ]);
  });
  it("tells a machine that changed between the two phases from pages that grew", () => {
    const rows = judgeGrowth({ "sign-in": 5, dash: 100 }, { "sign-in": 10, dash: 200 });
    expect(machineDrift(rows, "sign-in")).toEqual({ drifted: true, growth: 1 });
    expect(relativeGrowth(rows[1]!, rows[0])).toBe(0); // twice as slow, as sign-in was: no growth of its own
    const steady = judgeGrowth({ "sign-in": 5, dash: 100 }, { "sign-in": 5.5, dash: 200 });
    expect(machineDrift(steady, "sign-in").drifted).toBe(false);
    expect(relativeGrowth(steady[1]!, steady[0])).toBe(0.818);
  });
  it("fails a page not measured after the growth", () => {
    expect(judgeGrowth({ a: 10 }, {})[0]).toMatchObject({ key: "a", passed: false });
  });
});
