import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "~/utils/data-dir-lock.server";
import { runScript, tempDataDir, waitForOutput } from "./server-process";

// The embedded database's worker thread seen from outside the process
// (docs/decisions/0022-embedded-database-worker-thread.md): the process holds
// the data directory's lock while the thread has it open, closing ends the
// thread and frees the directory, and a dead thread stops the process with
// its cause instead of leaving requests hanging.

const script = "tests/process/pglite-worker-script.ts";

describe("the embedded database's worker thread", () => {
  it("holds the lock while open; closing ends the thread and the process, and frees the directory", async () => {
    const data = tempDataDir();
    const dir = path.join(data, "pglite");
    const run = runScript(script, ["hold"], { CONCORD_DATA_DIR: data });
    try {
      await waitForOutput(run, /open worker/);
      await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
      run.child.kill("SIGUSR2");
      // Nothing calls process.exit: the process ends because nothing is left running.
      const exit = await run.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(run.output()).toContain("closed");
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
    const lock = await lockDataDir(dir);
    await lock.release();
    expect(fs.readdirSync(dir)).toContain("PG_VERSION");
  }, 120_000);

  // That waiting queries fail at once is tests/db/pglite-worker-crash.test.ts.
  it("stops the process with the cause when the thread dies, rather than leaving it serving nothing", async () => {
    const data = tempDataDir();
    const run = runScript(script, ["crash"], { CONCORD_DATA_DIR: data });
    try {
      const exit = await run.exited;
      expect(exit).toEqual({ code: 70, signal: null });
      expect(run.output()).toContain("open worker");
      expect(run.output()).toMatch(/EmbeddedDatabaseStoppedError: The embedded database's worker thread stopped: simulated abort/);
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  }, 120_000);
});
