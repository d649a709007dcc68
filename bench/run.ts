// npm run bench [-- <scenario> ...] [--duration S] [--connections N] [--synthetic N]
//                [--port 3970] [--bare-port P] [--timeout 30] [--no-build]
//                [--rounds 2] [--requests 100] [--processes N] [--configs pg1,pgN,embedded]
//                [--busy-share 0.75] [--max-attempts 2] [--max-wait 60] [--growth-factor 3]
//
// Runs benchmark scenarios (default: "pages" then "growth", issue 16; "load"
// is issue 5's mixed load test) against the production build on a throw-away PostgreSQL
// database (created on BENCH_DATABASE_URL's server, else TEST_DATABASE_URL's,
// else the local test cluster; dropped afterwards), and writes each
// scenario's figures to bench/results/<scenario>-<timestamp>.json. Duration,
// clients and portfolio size default to the scenarios' own (the largest when
// several run). A scenario that moves to the embedded database runs last.
// Exits 0 when every scenario passed, 1 when one failed, 2 on bad arguments,
// 130 when interrupted. Not a test: it takes minutes and wants a quiet machine.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { cleanUp, startHarness, type Harness } from "./lib/harness";
import { stopRunningLoads } from "./lib/load";
import { describeMachine } from "./lib/machine";
import { redactUrl } from "./lib/database";
import { writeResults } from "./lib/report";
import { SCENARIOS } from "./scenarios";
import type { ScenarioOptions } from "./scenarios/types";

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function usage(problem: string): never {
  console.error(
    `${problem}\nUsage: npm run bench -- [${Object.keys(SCENARIOS).join("|")}] [--duration S] [--connections N] [--synthetic N] [--port P] [--bare-port P] [--timeout S] [--no-build]\n` +
      "  [--rounds R] [--requests N] [--processes N] [--configs pg1,pgN,embedded] [--busy-share X] [--max-attempts N] [--max-wait S] [--growth-factor F]",
  );
  process.exit(2);
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} takes a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: "string" },
    connections: { type: "string" },
    synthetic: { type: "string" },
    port: { type: "string", default: "3970" },
    timeout: { type: "string", default: "30" },
    "no-build": { type: "boolean", default: false },
    "bare-port": { type: "string" },
    rounds: { type: "string" },
    requests: { type: "string" },
    processes: { type: "string" },
    configs: { type: "string" },
    "busy-share": { type: "string" },
    "max-attempts": { type: "string" },
    "max-wait": { type: "string" },
    "growth-factor": { type: "string" },
  },
});

function share(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 4) usage(`--${name} takes a number above 0 and at most 4, not "${value}"`);
  return n;
}
const optional = <T,>(value: string | undefined, parse: (v: string) => T): T | undefined => (value === undefined ? undefined : parse(value));
const CONFIG_NAMES = ["pg1", "pgN", "embedded"] as const;

const names = [...new Set(positionals.length ? positionals : ["pages", "growth"])];
for (const name of names) if (!SCENARIOS[name]) usage(`unknown scenario "${name}"`);
// Scenarios on the seeded PostgreSQL portfolio first, then the one that moves
// to the embedded database, then those that grow the portfolio (they move back).
const order = (n: string) => (SCENARIOS[n]!.runsLast ? 2 : SCENARIOS[n]!.switchesDatabase ? 1 : 0);
names.sort((a, b) => order(a) - order(b));
if (names.filter((n) => SCENARIOS[n]!.switchesDatabase).length > 1) usage("only one scenario that moves to the embedded database can run at a time");
const largest = (pick: (d: (typeof SCENARIOS)[string]["defaults"]) => number) => Math.max(...names.map((n) => pick(SCENARIOS[n]!.defaults)));
const options: ScenarioOptions = {
  durationSec: wholeNumber("duration", values.duration ?? String(largest((d) => d.durationSec)), 1, 3600),
  connections: wholeNumber("connections", values.connections ?? String(largest((d) => d.connections)), 1, 1000),
  timeoutSec: wholeNumber("timeout", values.timeout!, 1, 600),
  rounds: optional(values.rounds, (v) => wholeNumber("rounds", v, 1, 20)),
  oneUserRequests: optional(values.requests, (v) => wholeNumber("requests", v, 10, 100_000)),
  processes: optional(values.processes, (v) => wholeNumber("processes", v, 1, 256)),
  configs: optional(values.configs, (v) => {
    const list = v.split(",").map((x) => x.trim());
    for (const c of list) if (!(CONFIG_NAMES as readonly string[]).includes(c)) usage(`--configs takes a list of ${CONFIG_NAMES.join(", ")}, not "${c}"`);
    return list as (typeof CONFIG_NAMES)[number][];
  }),
  busyShare: optional(values["busy-share"], (v) => share("busy-share", v)),
  maxAttempts: optional(values["max-attempts"], (v) => wholeNumber("max-attempts", v, 1, 10)),
  maxWaitSec: optional(values["max-wait"], (v) => wholeNumber("max-wait", v, 0, 3600)),
  growthFactor: optional(values["growth-factor"], (v) => wholeNumber("growth-factor", v, 2, 10)),
};
const syntheticProgrammes = wholeNumber("synthetic", values.synthetic ?? String(largest((d) => d.syntheticProgrammes)), 0, 10_000);
const port = wholeNumber("port", values.port!, 1024, 65535);

// Ctrl-C, a kill or a crash: stop the load, the server and drop the database before leaving.
let leaving = false;
function leave(why: string, code: number) {
  if (leaving) return;
  leaving = true;
  log(`${why}: stopping the server and dropping the database`);
  stopRunningLoads();
  void cleanUp(log).finally(() => process.exit(code));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => leave(signal, 130));
process.on("uncaughtException", (error) => {
  console.error(error);
  leave("uncaught exception", 1);
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  leave("unhandled rejection", 1);
});

async function main(): Promise<number> {
  const machine = describeMachine();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGb} GB RAM, load ${machine.loadAverage1m}, node ${machine.node}`);
  let harness: Harness;
  try {
    harness = await startHarness({ port, barePort: optional(values["bare-port"], (v) => wholeNumber("bare-port", v, 1024, 65535)), syntheticProgrammes, build: !values["no-build"], log });
  } catch (error) {
    log(`set-up failed: ${(error as Error).message}`);
    return 1;
  }
  let failed = 0;
  for (const name of names) {
    const scenario = SCENARIOS[name]!;
    log(`scenario ${name}: ${scenario.summary}`);
    const loadBefore = describeMachine().loadAverage1m;
    const cpuBefore = harness.server.cpuSeconds();
    const pidBefore = harness.server.pid;
    const outcome = await scenario.run(harness, options).catch((error: unknown) => ({
      passed: false,
      result: { error: String((error as Error).stack ?? error) },
      report: "",
      problems: [`the scenario threw: ${(error as Error).message}`],
    }));
    if (leaving) {
      log(`scenario ${name}: interrupted, no results written`);
      return 130;
    }
    const memory = harness.server.memory();
    const cpuAfter = harness.server.cpuSeconds();
    // Only meaningful when the scenario kept the same server (pages and growth restart it; they record CPU per measurement).
    const serverCpuSeconds = cpuBefore !== null && cpuAfter !== null && pidBefore === harness.server.pid ? Math.round((cpuAfter - cpuBefore) * 100) / 100 : null;
    const record = {
      scenario: name,
      passed: outcome.passed,
      problems: outcome.problems,
      options,
      machine: { ...machine, loadAverage1mBeforeScenario: loadBefore, loadAverage1mAfterScenario: describeMachine().loadAverage1m },
      database: {
        kind: harness.databaseKind === "embedded" ? "postgres, then an embedded copy" : "postgres",
        server: harness.db.serverVersion,
        url: redactUrl(harness.db.url),
        seeded: harness.seeded,
        syntheticProgrammes,
      },
      server: {
        command: "NODE_ENV=production tsx scripts/server.ts (N processes: tsx scripts/start.ts with CONCORD_WORKERS=N)",
        configAtEnd: harness.serverConfig,
        origin: harness.origin,
        peakRssMb: memory.peakRssSampledMb,
        vmHwmMb: memory.vmHwmMb,
        rssSampledEveryMs: 250,
        rssSamples: memory.samples,
        // How much CPU the server actually got during the scenario: on a busy
        // machine it is far less than a core, and the latencies show it.
        cpuSecondsDuringScenario: serverCpuSeconds,
      },
      ...(outcome.result as object),
    };
    const startedAt = (outcome.result as { startedAt?: string }).startedAt ?? new Date().toISOString();
    const file = writeResults(name, startedAt, record);
    console.log(`\n${outcome.report}\n`);
    console.log(`server peak RSS ${memory.peakRssSampledMb ?? "?"} MB (sampled every 250 ms; kernel high-water mark ${memory.vmHwmMb ?? "?"} MB)`);
    console.log(`server CPU during the scenario: ${serverCpuSeconds ?? "?"} s; machine load average ${loadBefore} before, ${record.machine.loadAverage1mAfterScenario} after (${machine.cores} cores)`);
    console.log(`results: ${file}`);
    if (outcome.passed) {
      log(`scenario ${name}: PASSED`);
    } else {
      failed++;
      log(`scenario ${name}: FAILED`);
      for (const p of outcome.problems) console.log(`  - ${p}`);
      // The server's whole output, next to the results, to find the cause.
      const logFile = file.replace(/\.json$/, ".server.log");
      fs.writeFileSync(logFile, harness.server.output());
      const tail = harness.server.output().split("\n").slice(-40).join("\n");
      if (tail.trim()) console.log(`\nLast lines of the server's output (all of it: ${logFile}):\n${tail}`);
    }
  }
  return failed ? 1 : 0;
}

main()
  .then(async (code) => {
    await cleanUp(log);
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanUp(log);
    process.exit(1);
  });
