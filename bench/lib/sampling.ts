import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { leastDisturbed, outsideCores, repeatDecision, type BusyRule } from "./measure";

// The impure side of the pages bench: one user's sequential requests, the
// machine's CPU outside the bench, and a measurement taken under the busy
// rule (bench/lib/measure.ts): load recorded before and after, repeated when
// other processes took more than their share of the machine during it.

/** Seconds the whole machine's CPUs were busy since boot (/proc/stat: all but idle and iowait). */
export function machineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) / 100; // USER_HZ
  } catch {
    return null;
  }
}

export type CpuWindow = { close(): Promise<{ wallSec: number; ownCpuSec: number; outsideCores: number | null }> };

/**
 * Opens a window over which the machine's busy time and the bench's own CPU
 * (this process, plus `ownCpuSeconds()`: the servers and the database
 * backends) are compared; closing it says how many cores others used.
 */
export async function cpuWindow(ownCpuSeconds: () => Promise<number>): Promise<CpuWindow> {
  const own0 = await ownCpuSeconds();
  const self0 = process.cpuUsage();
  const busy0 = machineBusySeconds();
  const t0 = performance.now();
  return {
    async close() {
      const busy1 = machineBusySeconds();
      const wallSec = (performance.now() - t0) / 1000;
      const self = process.cpuUsage(self0);
      const ownCpuSec = (self.user + self.system) / 1e6 + ((await ownCpuSeconds()) - own0);
      return { wallSec, ownCpuSec, outsideCores: busy0 === null || busy1 === null ? null : outsideCores(busy1 - busy0, ownCpuSec, wallSec) };
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a kept-alive connection; ms to the last byte, status, content type and size. */
function getOnce(url: URL, headers: Record<string, string>): Promise<{ ms: number; status: number; type: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(60_000, () => req.destroy(new Error("no answer within 60 s")));
  });
}

/**
 * One user: `warmUp` requests not counted, then `requests` one after another
 * on one kept-alive connection (no compression asked, as the load generator).
 * Every answer must be 200 and HTML, else it throws: a fast error page is no
 * measurement.
 */
export async function oneUser(origin: string, path: string, headers: Record<string, string>, opts: { warmUp: number; requests: number }): Promise<{ latenciesMs: number[]; bytes: number }> {
  const url = new URL(path, origin);
  const latenciesMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < opts.warmUp + opts.requests; i++) {
    const r = await getOnce(url, headers);
    if (r.status !== 200 || !r.type.startsWith("text/html")) throw new Error(`${path} answered ${r.status} ${r.type}`);
    if (i >= opts.warmUp) latenciesMs.push(Math.round(r.ms * 100) / 100);
    bytes = r.bytes;
  }
  return { latenciesMs, bytes };
}

/** The size of a page's HTML, uncompressed. */
export async function htmlBytes(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  const r = await getOnce(new URL(path, origin), headers);
  if (r.status !== 200 || !r.type.startsWith("text/html")) throw new Error(`${path} answered ${r.status} ${r.type}`);
  return r.bytes;
}

export function closeOneUserConnections(): void {
  agent.destroy();
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const loadavg = () => os.loadavg().map(round2) as [number, number, number];

export type Attempt<T> = {
  attempt: number;
  startedAt: string;
  loadAverageBefore: [number, number, number];
  loadAverageAfter: [number, number, number];
  /** Cores other processes used in the 2 s before, and during, the measurement. */
  outsideCoresBefore: number | null;
  outsideCoresDuring: number;
  /** Waited this long for the machine to quieten before starting. */
  waitedSec: number;
  serverCpuSec: number | null;
  wallSec: number;
  /** Why it was taken again, when it was. */
  repeatedBecause: string | null;
  result: T;
};

export type RuleOptions = {
  rule: BusyRule;
  maxAttempts: number;
  /** At most this long waiting for a quieter machine before a measurement. */
  maxWaitSec: number;
  ownCpuSeconds: () => Promise<number>;
  serverCpuSeconds: () => number | null;
  log?: (line: string) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Outside cores over a short quiet window (nothing of the bench's own runs in it but idle servers). */
async function outsideNow(o: RuleOptions, seconds = 2): Promise<number | null> {
  const w = await cpuWindow(o.ownCpuSeconds);
  await sleep(seconds * 1000);
  return (await w.close()).outsideCores;
}

/**
 * Takes a measurement under the busy rule: waits (bounded) while others keep
 * the machine busy, records the load average before and after and the
 * outside CPU during it, and takes it again while others were busy during it
 * and attempts remain. Returns every attempt and the one kept (the least
 * disturbed).
 */
export async function underRule<T>(label: string, o: RuleOptions, measure: () => Promise<T>): Promise<{ kept: Attempt<T>; attempts: Attempt<T>[] }> {
  const attempts: Attempt<T>[] = [];
  const limit = o.rule.cores * o.rule.share;
  for (let attempt = 1; ; attempt++) {
    const waitStart = Date.now();
    let before = await outsideNow(o);
    while (before !== null && before > limit && Date.now() - waitStart < o.maxWaitSec * 1000) {
      await sleep(3000);
      before = await outsideNow(o);
    }
    const waitedSec = Math.round((Date.now() - waitStart) / 100) / 10;
    const loadAverageBefore = loadavg();
    const cpu0 = o.serverCpuSeconds();
    const startedAt = new Date().toISOString();
    const w = await cpuWindow(o.ownCpuSeconds);
    const result = await measure();
    const closed = await w.close();
    const cpu1 = o.serverCpuSeconds();
    const outsideCoresDuring = closed.outsideCores ?? 0;
    const decision = repeatDecision(outsideCoresDuring, attempt, o.maxAttempts, o.rule);
    attempts.push({
      attempt,
      startedAt,
      loadAverageBefore,
      loadAverageAfter: loadavg(),
      outsideCoresBefore: before,
      outsideCoresDuring,
      waitedSec,
      serverCpuSec: cpu0 !== null && cpu1 !== null ? round2(cpu1 - cpu0) : null,
      wallSec: round2(closed.wallSec),
      repeatedBecause: decision.repeat ? decision.why : null,
      result,
    });
    if (!decision.repeat) break;
    o.log?.(`    ${label}: taken again: ${decision.why}`);
  }
  return { kept: leastDisturbed(attempts), attempts };
}
