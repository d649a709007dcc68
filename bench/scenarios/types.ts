import type { Harness } from "../lib/harness";

// A scenario runs against a started harness and says whether it passed. New
// scenarios (issue 6: a large portfolio, a latency floor, ...) are modules
// beside this one, registered in ./index.ts.

export type ScenarioOptions = {
  /** Seconds the load lasts. */
  durationSec: number;
  connections: number;
  /** A request without an answer after this long counts as failed. */
  timeoutSec: number;
  // The pages and growth scenarios' own settings (issue 16); others ignore them.
  /** Rounds of each interleaved bare/Concord pair (A B A B: 2). */
  rounds?: number;
  /** Sequential requests of the one-user measurement, after its warm-up. */
  oneUserRequests?: number;
  /** Server processes of the "N processes" configuration. */
  processes?: number;
  /** Which configurations to measure: pg1, pgN, embedded. */
  configs?: ("pg1" | "pgN" | "embedded")[];
  /** Busy rule: others may use at most cores x this share during a measurement. */
  busyShare?: number;
  /** Takes of one measurement at most (the first plus repeats while busy). */
  maxAttempts?: number;
  /** Waits at most this long for a quieter machine before a measurement. */
  maxWaitSec?: number;
  /** Growth: the portfolio grows to this many times its synthetic programmes. */
  growthFactor?: number;
};

export type ScenarioOutcome = {
  passed: boolean;
  /** Written to bench/results/<scenario>-<timestamp>.json with the machine and run details. */
  result: unknown;
  /** Printed to stdout. */
  report: string;
  /** Why it failed, when it did. */
  problems: string[];
};

export type Scenario = {
  name: string;
  summary: string;
  /** What the scenario runs with when the command line does not say. */
  defaults: { durationSec: number; connections: number; syntheticProgrammes: number };
  /** Moves the server to the embedded database when done with PostgreSQL: runs after the others. */
  switchesDatabase?: boolean;
  /** Changes the portfolio (adds programmes): runs after every other scenario. */
  runsLast?: boolean;
  run(harness: Harness, options: ScenarioOptions): Promise<ScenarioOutcome>;
};
