import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The production server under test, as an operator runs it (NODE_ENV=production
// tsx scripts/server.ts, like tests/e2e/support/start-server.sh), on
// 127.0.0.1 only. Started directly with node so the child's pid is the
// server's own and its memory can be read from /proc.

export type BenchServer = {
  origin: string;
  pid: number;
  /** Everything the server printed, for the failure report. */
  output(): string;
  memory(): MemoryStats;
  /** Starts a memory window: the returned function gives the highest RSS (MB) sampled since. */
  memoryWindow(): () => number | null;
  /** CPU time the server process has used so far (user + system), in seconds. */
  cpuSeconds(): number | null;
  /** The same for the server and every process under it (a node:cluster primary's workers), in seconds. */
  treeCpuSeconds(): number | null;
  /** How many server processes answer requests (1, or a cluster's workers). */
  processes: number;
  /** SIGTERM, then SIGKILL after 10 s; says how it ended. */
  stop(): Promise<string>;
};

export type MemoryStats = { peakRssSampledMb: number | null; vmHwmMb: number | null; samples: number };

/** Newest modification time under a directory (files only), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the app (`npm run build`: Remix, then the service worker) if build/ or public/sw.js is missing or older than any file in app/. */
export function ensureBuild(log: (line: string) => void): void {
  const built = path.resolve("build", "index.js");
  const newest = newestMtime(path.resolve("app"));
  const stale = [built, path.resolve("public", "sw.js")].some((f) => !fs.existsSync(f) || fs.statSync(f).mtimeMs < newest);
  if (!stale) {
    log("build/ is up to date");
    return;
  }
  log("build/ or public/sw.js is missing or older than app/: npm run build");
  const result = spawnSync("npm", ["run", "-s", "build"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

/** VmRSS and VmHWM of a process, in kB, from /proc (Linux). */
export function readProcMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** utime + stime of a process, in seconds, from /proc/<pid>/stat (Linux). */
function readProcCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Math.round((ticks / 100) * 100) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** The pids of a process and all its descendants (Linux /proc). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [root];
  }
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** utime + stime summed over processes (those that have gone count as 0), in seconds. */
export function cpuSecondsOf(pids: number[]): number {
  let total = 0;
  for (const pid of pids) total += readProcCpuSeconds(pid) ?? 0;
  return Math.round(total * 100) / 100;
}

/** Something else on the port would answer /healthz in our server's place. */
export async function assertPortFree(port: number): Promise<void> {
  if (await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false)) {
    throw new Error(`port ${port} is already in use on 127.0.0.1; choose another with --port`);
  }
}

export async function startServer(opts: {
  port: number;
  env: Record<string, string>;
  /** Variables of the bench's own environment the server must not inherit. */
  omitEnv?: string[];
  sampleEveryMs?: number;
  startTimeoutMs?: number;
  /** What to run: scripts/server.ts (default), scripts/start.ts (npm start, node:cluster), or another server. */
  script?: string;
  /** Directory the server runs in (default: the repository). */
  cwd?: string;
  /** Node's own flags (default: --import tsx, as the app is TypeScript). */
  nodeArgs?: string[];
  /** Server processes that must say they listen before it counts as started (a cluster's workers each do). */
  processes?: number;
}): Promise<BenchServer> {
  const origin = `http://127.0.0.1:${opts.port}`;
  await assertPortFree(opts.port);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(opts.port),
  };
  // A demo flag or public origin from the caller's shell must not change what is measured
  // (a production server needs PUBLIC_ORIGIN: the one it is reached at here).
  delete childEnv.CONCORD_DEMO;
  childEnv.PUBLIC_ORIGIN = origin;
  // Required on PostgreSQL (the key that encrypts authenticator secrets); the caller's own is kept.
  childEnv.CONCORD_SECRET_KEY ||= "concord-bench-secret-key-for-tests-only";
  for (const name of opts.omitEnv ?? []) delete childEnv[name];
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? ["--import", "tsx"]), opts.script ?? "scripts/server.ts"], {
    env: childEnv,
    cwd: opts.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  let peakRss = 0;
  let lastHwm = 0;
  let samples = 0;
  const windows = new Set<{ peak: number }>();
  const sample = () => {
    const m = child.pid ? readProcMemory(child.pid) : null;
    if (!m) return;
    samples++;
    if (m.rss > peakRss) peakRss = m.rss;
    for (const w of windows) if (m.rss > w.peak) w.peak = m.rss;
    if (m.hwm > lastHwm) lastHwm = m.hwm;
  };
  const sampler = setInterval(sample, opts.sampleEveryMs ?? 250);

  const stop = async (): Promise<string> => {
    clearInterval(sampler);
    if (child.exitCode !== null || child.signalCode !== null) return `had already exited (${child.exitCode ?? child.signalCode})`;
    sample();
    const t0 = Date.now();
    child.kill("SIGTERM");
    const ended = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    const took = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    if (ended) return `exited ${ended.code ?? ended.signal} ${took} after SIGTERM`;
    child.kill("SIGKILL");
    await exited;
    return `still running ${took} after SIGTERM: killed`;
  };

  // Ready when it says it listens on our port and /healthz answers; an early exit is a failed start.
  const listening = `listening on ${origin}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      clearInterval(sampler);
      throw new Error(`the server exited while starting:\n${out}`);
    }
    if (out.split(listening).length - 1 >= (opts.processes ?? 1)) {
      try {
        const res = await fetch(`${origin}/healthz`);
        if (res.ok) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer ${origin}/healthz in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    origin,
    pid: child.pid!,
    output: () => out,
    memory: () => ({
      peakRssSampledMb: samples ? Math.round((peakRss / 1024) * 10) / 10 : null,
      vmHwmMb: lastHwm ? Math.round((lastHwm / 1024) * 10) / 10 : null,
      samples,
    }),
    memoryWindow: () => {
      // The kernel's high-water mark catches peaks between two samples;
      // writing 5 to clear_refs resets it to the current RSS (Linux >= 4.0).
      sample();
      let exact = false;
      try {
        fs.writeFileSync(`/proc/${child.pid}/clear_refs`, "5");
        exact = true;
      } catch {
        // not permitted here: the sampled peak is all there is
      }
      const w = { peak: 0 };
      windows.add(w);
      sample();
      return () => {
        sample();
        windows.delete(w);
        const hwm = exact ? (readProcMemory(child.pid!)?.hwm ?? 0) : 0;
        const peak = Math.max(w.peak, hwm);
        return peak ? Math.round((peak / 1024) * 10) / 10 : null;
      };
    },
    cpuSeconds: () => readProcCpuSeconds(child.pid!),
    treeCpuSeconds: () => (child.exitCode === null && child.signalCode === null ? cpuSecondsOf(processTree(child.pid!)) : null),
    processes: opts.processes ?? 1,
    stop,
  };
}
