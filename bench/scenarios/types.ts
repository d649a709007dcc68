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
  run(harness: Harness, options: ScenarioOptions): Promise<ScenarioOutcome>;
};
