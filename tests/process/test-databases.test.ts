import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  assertRunLeftNothing,
  createTestDatabase,
  databasesOf,
  dropTestDatabase,
  labelledDatabases,
  runOwner,
  sweepAbandonedDatabases,
  type RunOwner,
} from "../support/test-databases";

// The test PostgreSQL server must not fill up run after run (issue 15: the
// end-to-end database had reached ~700 programmes; databases of killed runs
// stayed for good). Every database a run makes is labelled with the run
// (tests/support/test-databases.ts): the run drops its own at the end, and
// the next run drops those of runs that were killed.

const admin = process.env.TEST_DATABASE_URL;
const made: string[] = [];

/** The id of a process that has ended (a run that was killed). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

async function make(owner: RunOwner): Promise<string> {
  const name = `concord_test_${randomBytes(6).toString("hex")}`;
  made.push(name);
  await createTestDatabase(admin!, name, owner);
  return name;
}

/** A clean environment for a Vitest run of its own (none of this run's worker settings). */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TINYPOOL|CONCORD_|DATABASE_URL$|NODE_ENV$)/.test(name)));
  return { ...env, NODE_ENV: "test", TEST_DB: "postgres" };
}

const names = async () => (await labelledDatabases(admin!)).map((d) => d.name);

afterAll(async () => {
  for (const name of made) await dropTestDatabase(admin!, name);
});

describe.skipIf(!admin)("test databases on the PostgreSQL test server", () => {
  it("a run's sweep drops the databases of killed runs on this machine, never those of a live run or another machine", async () => {
    const killed = await make(runOwner(deadPid()));
    const live = await make(runOwner(process.pid));
    const elsewhere = await make({ host: "another-machine.invalid", pid: deadPid() });

    const dropped = await sweepAbandonedDatabases(admin!);
    expect(dropped).toContain(killed);
    const left = await names();
    expect(left).not.toContain(killed);
    expect(left).toContain(live);
    expect(left).toContain(elsewhere);
  });

  it("the end of a run drops what it still has and leaves nothing of it", async () => {
    const owner = runOwner(deadPid());
    await make(owner);
    await make(owner);
    expect(await databasesOf(admin!, owner)).toHaveLength(2);
    await assertRunLeftNothing(admin!, owner);
    expect(await databasesOf(admin!, owner)).toEqual([]);
  });

  it(
    "a database-test run leaves no database behind, and the run after a killed one drops what the killed one left",
    async () => {
      const vitest = (extra: string[] = []) =>
        spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "tests/db/schemas.test.ts", ...extra], {
          env: childEnv(),
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        });
      const finished = (child: ReturnType<typeof vitest>) =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          let output = "";
          child.stdout!.on("data", (d) => (output += d));
          child.stderr!.on("data", (d) => (output += d));
          child.on("exit", (code) => resolve({ code, output }));
        });

      // A run killed half-way leaves its databases (its end never came).
      const killedRun = vitest();
      const killedExit = finished(killedRun);
      const killedOwner = runOwner(killedRun.pid!);
      const started = Date.now();
      while ((await databasesOf(admin!, killedOwner)).length === 0) {
        if (Date.now() - started > 120_000) throw new Error("the run made no database");
        await new Promise((r) => setTimeout(r, 200));
      }
      process.kill(-killedRun.pid!, "SIGKILL");
      await killedExit;
      const leftByKilled = await databasesOf(admin!, killedOwner);
      expect(leftByKilled.length).toBeGreaterThan(0);

      // The next run drops them, and leaves nothing of its own.
      const run = vitest();
      const { code, output } = await finished(run);
      expect(code, output).toBe(0);
      expect(output).toMatch(/Dropped \d+ database\(s\) left by earlier test runs/);
      expect(await databasesOf(admin!, killedOwner)).toEqual([]);
      expect(await databasesOf(admin!, runOwner(run.pid!))).toEqual([]);
    },
    300_000,
  );
});
