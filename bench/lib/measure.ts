// The pure parts of the pages bench (issue 16): percentiles, the interleaved
// order of measurements, the busy-machine rule, the targets and the growth
// judgement. No I/O here, so bench/lib/measure.test.ts can check each rule.

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type LatencySummary = { n: number; p50: number; p95: number; mean: number; max: number };

const r1 = (x: number) => Math.round(x * 10) / 10;

export function summarise(latenciesMs: number[]): LatencySummary {
  const n = latenciesMs.length;
  return {
    n,
    p50: r1(percentile(latenciesMs, 50)),
    p95: r1(percentile(latenciesMs, 95)),
    mean: n ? r1(latenciesMs.reduce((a, b) => a + b, 0) / n) : NaN,
    max: n ? r1(Math.max(...latenciesMs)) : NaN,
  };
}

/** a / b, rounded to 2 decimals; null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

export type Side = "bare" | "concord";
export type Kind = "oneUser" | "clients";
export type Step = { side: Side; kind: Kind; round: number };

/**
 * The order of one page's measurements: for each kind, bare and Concord
 * alternate (A B A B ...) for `rounds` rounds, so both see the same machine
 * state and a drift in it shows up on both sides rather than on one.
 * `withBare: false` (a configuration judged against PostgreSQL rather than
 * the bare page) measures Concord alone, the same number of rounds.
 */
export function interleavedOrder(rounds: number, kinds: Kind[] = ["oneUser", "clients"], withBare = true): Step[] {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a whole number >= 1, not ${rounds}`);
  const steps: Step[] = [];
  for (const kind of kinds) {
    for (let round = 1; round <= rounds; round++) {
      if (withBare) steps.push({ side: "bare", kind, round });
      steps.push({ side: "concord", kind, round });
    }
  }
  return steps;
}

/**
 * CPU the machine spent outside the bench, in cores: the whole machine's busy
 * time (/proc/stat) less the CPU of the bench's own processes (the bench, the
 * servers and their children, the bench database's PostgreSQL backends) over
 * the same window. Never below 0 (the two are read a moment apart).
 */
export function outsideCores(machineBusySec: number, ownCpuSec: number, wallSec: number): number {
  if (wallSec <= 0) return 0;
  return Math.max(0, Math.round(((machineBusySec - ownCpuSec) / wallSec) * 100) / 100);
}

export type BusyRule = { cores: number; /** Share of the cores others may use before a measurement counts as disturbed. */ share: number };

export const DEFAULT_BUSY_SHARE = 0.75;

export function busyThreshold(rule: BusyRule): number {
  return Math.round(rule.cores * rule.share * 100) / 100;
}

/**
 * Whether a measurement must be taken again: the machine was busy from
 * outside the bench during it (more than cores x share of CPU used by other
 * processes), and repeats remain. The 1-minute load average is recorded
 * beside it but not used: it lags a minute and counts the bench's own
 * previous measurement, so it cannot tell the bench's load from others'.
 */
export function repeatDecision(
  outsideCoresDuring: number,
  attempt: number,
  maxAttempts: number,
  rule: BusyRule,
): { repeat: boolean; busy: boolean; why: string | null } {
  const limit = busyThreshold(rule);
  const busy = outsideCoresDuring > limit;
  if (!busy) return { repeat: false, busy, why: null };
  const why = `other processes used ${outsideCoresDuring} cores during it (limit ${limit} = ${rule.cores} cores x ${rule.share})`;
  return { repeat: attempt < maxAttempts, busy, why };
}

/** Of several attempts of one measurement, the one least disturbed from outside (the first on a tie). */
export function leastDisturbed<T extends { outsideCoresDuring: number }>(attempts: T[]): T {
  if (!attempts.length) throw new Error("no attempts");
  return attempts.reduce((best, a) => (a.outsideCoresDuring < best.outsideCoresDuring ? a : best));
}

// ---- targets (issue 16) ----------------------------------------------------

export const TARGETS = {
  /** One user, PostgreSQL, one process: every page's p95 at most this... */
  oneUserP95Ms: 50,
  /** ...and at most this many times the bare page of the same HTML size (p95 against p95). */
  bareFactor: 3,
  /** 16 clients: every page's req/s at least this share of the sign-in page's, in the same configuration. */
  shareOfSignIn: 0.25,
  /** 16 clients: sign-in's req/s at least this share of the bare page of its size (one process each). */
  signInShareOfBare: 0.5,
  /** Embedded database: p95 and req/s within this factor of PostgreSQL's (one process). */
  embeddedFactor: 3,
  /** Growth: a page's one-user p50 may grow by at most this share when the portfolio triples. */
  growth: 0.3,
};

export type Config = "pg1" | "pgN" | "embedded";

export type PageResult = {
  key: string;
  name: string;
  htmlBytes: number;
  bareBytes: number | null;
  oneUser: Partial<Record<Config, { bare: LatencySummary | null; concord: LatencySummary }>>;
  clients: Partial<Record<Config, { bare: number | null; concord: number; concordP95: number }>>;
};

export type Verdict = { target: string; page: string; passed: boolean; detail: string };

/** Every target of issue 16 for every page, passed or not. `signInKey` names the sign-in page. */
export function judgePages(pages: PageResult[], signInKey: string, t = TARGETS): Verdict[] {
  const out: Verdict[] = [];
  const v = (target: string, page: string, passed: boolean, detail: string) => out.push({ target, page, passed, detail });
  const signIn = pages.find((p) => p.key === signInKey);
  for (const p of pages) {
    const one = p.oneUser.pg1;
    if (one) {
      v("one-user-p95", p.key, one.concord.p95 <= t.oneUserP95Ms, `p95 ${one.concord.p95} ms, target <= ${t.oneUserP95Ms} ms`);
      const r = ratio(one.concord.p95, one.bare?.p95);
      if (r !== null) v("bare-factor", p.key, r <= t.bareFactor, `p95 ${r}x the bare page's (${one.bare!.p95} ms), target <= ${t.bareFactor}x`);
    }
    for (const config of ["pg1", "pgN", "embedded"] as const) {
      const c = p.clients[config];
      const s = signIn?.clients[config];
      if (!c || !s || p.key === signInKey) continue;
      const share = ratio(c.concord, s.concord);
      if (share !== null) v(`share-of-sign-in-${config}`, p.key, share >= t.shareOfSignIn, `${Math.round(share * 100)}% of sign-in's req/s (${c.concord} of ${s.concord}), target >= ${t.shareOfSignIn * 100}%`);
    }
    const e = p.oneUser.embedded;
    if (e && one) {
      const r = ratio(e.concord.p95, one.concord.p95);
      if (r !== null) v("embedded-one-user", p.key, r <= t.embeddedFactor, `embedded p95 ${e.concord.p95} ms = ${r}x PostgreSQL's ${one.concord.p95} ms, target <= ${t.embeddedFactor}x`);
    }
    const ec = p.clients.embedded;
    const pc = p.clients.pg1;
    if (ec && pc) {
      const r = ratio(pc.concord, ec.concord);
      if (r !== null) v("embedded-clients", p.key, r <= t.embeddedFactor, `embedded ${ec.concord} req/s, PostgreSQL ${pc.concord} (${r}x), target within ${t.embeddedFactor}x`);
    }
  }
  const sc = signIn?.clients.pg1;
  if (sc) {
    const share = ratio(sc.concord, sc.bare);
    if (share !== null) v("sign-in-share-of-bare", signInKey, share >= t.signInShareOfBare, `${Math.round(share * 100)}% of the bare page's req/s (${sc.concord} of ${sc.bare}), target >= ${t.signInShareOfBare * 100}%`);
  }
  return out;
}

export type GrowthRow = { key: string; before: number; after: number; growth: number | null; passed: boolean };

/** Each page's one-user p50 before and after the portfolio grew: failed where it grew by more than `limit`. */
export function judgeGrowth(before: Record<string, number>, after: Record<string, number>, limit = TARGETS.growth): GrowthRow[] {
  return Object.keys(before).map((key) => {
    const b = before[key]!;
    const a = after[key];
    if (a === undefined) return { key, before: b, after: NaN, growth: null, passed: false };
    const growth = b > 0 ? Math.round(((a - b) / b) * 1000) / 1000 : null;
    return { key, before: b, after: a, growth, passed: growth !== null && growth <= limit };
  });
}

/**
 * A page that cannot grow with the data (sign-in runs no query) measured
 * before and after: if it grew by more than `limit`, the machine changed
 * between the two measurements (they are minutes apart, not interleaved) and
 * the growth figures say more about the machine than about the pages.
 */
export function machineDrift(rows: GrowthRow[], referenceKey: string, limit = TARGETS.growth): { drifted: boolean; growth: number | null } {
  const ref = rows.find((r) => r.key === referenceKey);
  const growth = ref?.growth ?? null;
  return { drifted: growth !== null && Math.abs(growth) > limit, growth };
}

/** Growth of a page's time relative to the reference page's (both measured in the same phase). */
export function relativeGrowth(row: GrowthRow, reference: GrowthRow | undefined): number | null {
  if (!reference || !(reference.before > 0) || !(reference.after > 0) || !(row.before > 0)) return null;
  return Math.round(((row.after / reference.after) / (row.before / reference.before) - 1) * 1000) / 1000;
}
