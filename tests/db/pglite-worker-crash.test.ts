import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedDatabaseStoppedError, PGliteChannel } from "~/db/pglite-channel.server";
import { getEmbedded, prisma, setEmbeddedCrashHandler } from "~/utils/db.server";
import { testDb } from "../support/test-env";

// When the embedded database's worker thread dies (a WebAssembly abort in
// PGlite, out of memory), every query waiting on it and every later one fails
// at once with the cause, instead of waiting for an answer that never comes.
// The server then exits (tests/process/pglite-worker.test.ts); here the exit
// is replaced so the test can look.

describe.skipIf(testDb() !== "embedded")("a crash of the embedded database's worker thread", () => {
  it("fails the waiting and later queries with the cause, and reports the crash once", async () => {
    const crashes: Error[] = [];
    const reported = new Promise<void>((resolve) =>
      setEmbeddedCrashHandler((error) => {
        crashes.push(error);
        resolve();
      }),
    );
    try {
      const embedded = await getEmbedded();
      expect(await prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      embedded.channel!.crashForTest("simulated abort");
      // Sent after the crash: the worker never answers it.
      const waiting = prisma.$queryRaw`SELECT 2 AS two`;
      await expect(waiting).rejects.toThrow(/worker thread stopped: simulated abort/);
      await reported;
      expect(crashes).toHaveLength(1);
      expect(crashes[0]).toBeInstanceOf(EmbeddedDatabaseStoppedError);
      // Later queries fail at once too, and the database is not reopened behind the server's back.
      await expect(prisma.user.count()).rejects.toThrow(/worker thread stopped/);
      await expect(getEmbedded()).rejects.toBeInstanceOf(EmbeddedDatabaseStoppedError);
      await expect(embedded.pglite.query("SELECT 1")).rejects.toBeInstanceOf(EmbeddedDatabaseStoppedError);
    } finally {
      setEmbeddedCrashHandler(undefined);
    }
  });

  it("is not a crash when the worker cannot open the directory: the opener gets the worker's error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-unopenable-"));
    fs.writeFileSync(path.join(dir, "PG_VERSION"), "not a PostgreSQL directory\n");
    const crashes: Error[] = [];
    const channel = new PGliteChannel(dir, undefined, { onCrash: (error) => crashes.push(error) });
    await expect(channel.ready).rejects.toThrow(/PGlite failed to initialize/);
    await channel.close();
    expect(crashes).toEqual([]);
    await expect(channel.call("query", { sql: "SELECT 1" })).rejects.toBeInstanceOf(EmbeddedDatabaseStoppedError);
  });
});
