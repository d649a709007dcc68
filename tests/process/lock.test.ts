import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "~/utils/data-dir-lock.server";
import { runScript, tempDataDir } from "./server-process";

describe("embedded data directory lock", () => {
  it("refuses a second holder in the same process and frees the directory on release", async () => {
    const dir = path.join(tempDataDir(), "pglite");
    fs.mkdirSync(dir);
    const first = await lockDataDir(dir);
    const second = lockDataDir(dir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(new RegExp(`already open in another Concord process \\(pid ${process.pid}`));
    await first.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it("makes another process refuse to open the database, with a clear message", async () => {
    const data = tempDataDir();
    const dir = path.join(data, "pglite");
    fs.mkdirSync(dir);
    const held = await lockDataDir(dir);
    try {
      const run = runScript("scripts/db-migrate.ts", [], { CONCORD_DATA_DIR: data });
      const { code } = await run.exited;
      expect(code).not.toBe(0);
      expect(run.output()).toContain(`The embedded database in ${dir} is already open in another Concord process (pid ${process.pid}`);
      expect(run.output()).toContain("set DATABASE_URL");
      // Nothing was created in the directory by the refused process.
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await held.release();
    }
    const ok = runScript("scripts/db-migrate.ts", [], { CONCORD_DATA_DIR: data });
    expect((await ok.exited).code).toBe(0);
    expect(ok.output()).toMatch(/Applied \d+ migration\(s\) to the embedded database/);
    // Two tsx processes and a fresh migration of the embedded database: on a
    // busy machine this alone took 42 s.
  }, 180_000);
});
