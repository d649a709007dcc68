import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createCluster } from "./pg-cluster";
import { KILL_COUNTRIES, KILL_ORGANISATIONS, KILL_SECTORS, migratedDataDir, withPg, withPglite, type Sql } from "./process-fixtures";
import { runScript, tempDataDir, waitForOutput, type Run } from "./server-process";

// Issue 5 item 10: a process killed with SIGKILL in the middle of multi-row
// writes leaves each write whole or absent. tests/process/sigkill-writer.ts
// creates programmes (programme + organisations + countries + sectors +
// audit event, one transaction) in a loop; it is killed at a random moment
// after a few commits; then another process opens the database (for the
// embedded one: must recover the directory) and checks every programme.

const WRITER = "tests/process/sigkill-writer.ts";

async function killMidWrite(writer: Run): Promise<string[]> {
  await waitForOutput(writer, /ready/, 60_000);
  await waitForOutput(writer, /committed KILL-\S+-3\b/, 60_000);
  // Somewhere inside the next few transactions.
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 250)));
  writer.child.kill("SIGKILL");
  const exit = await writer.exited;
  expect(exit.signal).toBe("SIGKILL");
  return [...writer.output().matchAll(/committed (KILL-\S+)/g)].map((m) => m[1]);
}

async function checkAllOrNothing(sql: Sql, run: string, committed: string[]) {
  const programmes = await sql(`SELECT id, code FROM "Programme" WHERE code LIKE $1 ORDER BY code`, [`KILL-${run}-%`]);
  // Everything the writer saw committed survived the kill (durability).
  const codes = programmes.map((p) => String(p.code));
  for (const code of committed) expect(codes).toContain(code);
  // At most one write was in flight; it is either fully there or not at all.
  expect(programmes.length).toBeLessThanOrEqual(committed.length + 1);
  for (const p of programmes) {
    const [counts] = await sql(
      `SELECT
         (SELECT count(*)::int FROM "ProgrammeOrganisation" WHERE "programmeId" = $1) AS organisations,
         (SELECT count(*)::int FROM "ProgrammeCountry" WHERE "programmeId" = $1) AS countries,
         (SELECT count(*)::int FROM "ProgrammeSector" WHERE "programmeId" = $1) AS sectors,
         (SELECT count(*)::int FROM "AuditEvent" WHERE "entityType" = 'Programme' AND "entityId" = $1 AND action = 'create') AS audits`,
      [p.id],
    );
    expect({ code: p.code, ...counts }).toEqual({
      code: p.code,
      organisations: KILL_ORGANISATIONS,
      countries: KILL_COUNTRIES.length,
      sectors: KILL_SECTORS.length,
      audits: 1,
    });
  }
  // No child row or audit event outlived a programme that was rolled back.
  const [orphans] = await sql(
    `SELECT
       (SELECT count(*)::int FROM "ProgrammeOrganisation" po WHERE NOT EXISTS (SELECT 1 FROM "Programme" p WHERE p.id = po."programmeId")) AS organisations,
       (SELECT count(*)::int FROM "ProgrammeCountry" pc WHERE NOT EXISTS (SELECT 1 FROM "Programme" p WHERE p.id = pc."programmeId")) AS countries,
       (SELECT count(*)::int FROM "AuditEvent" a WHERE a."entityType" = 'Programme' AND NOT EXISTS (SELECT 1 FROM "Programme" p WHERE p.id = a."entityId")) AS audits`,
  );
  expect(orphans).toEqual({ organisations: 0, countries: 0, audits: 0 });
  return programmes.length;
}

describe("SIGKILL in the middle of multi-row writes", () => {
  it("embedded database: reopens after the kill, and every programme has all its rows or none", async () => {
    const data = tempDataDir();
    await migratedDataDir(data);
    for (const run of ["E1", "E2"]) {
      const writer = runScript(WRITER, [run], { CONCORD_DATA_DIR: data });
      const committed = await killMidWrite(writer);
      // A new process opens the same directory (the killed one's lock went with it).
      const found = await withPglite(data, (sql) => checkAllOrNothing(sql, run, committed));
      expect(found).toBeGreaterThanOrEqual(3);
    }
    // And the application itself starts on it again.
    const check = runScript("scripts/db-migrate.ts", [], { CONCORD_DATA_DIR: data });
    expect((await check.exited).code, check.output()).toBe(0);
    fs.rmSync(data, { recursive: true, force: true });
  }, 120_000);

  it("PostgreSQL: every programme has all its rows or none after the kill", async () => {
    const cluster = await createCluster();
    try {
      const url = cluster.url();
      const migrate = runScript("scripts/db-migrate.ts", [], { DATABASE_URL: url, CONCORD_DATA_DIR: tempDataDir() });
      expect((await migrate.exited).code, migrate.output()).toBe(0);
      for (const run of ["P1", "P2"]) {
        const writer = runScript(WRITER, [run], { DATABASE_URL: url, CONCORD_DATA_DIR: tempDataDir() });
        const committed = await killMidWrite(writer);
        const found = await withPg(url, (sql) => checkAllOrNothing(sql, run, committed));
        expect(found).toBeGreaterThanOrEqual(3);
      }
      // A server crash mid-write too: the database itself killed, then recovered.
      const writer = runScript(WRITER, ["P3"], { DATABASE_URL: url, CONCORD_DATA_DIR: tempDataDir() });
      await waitForOutput(writer, /committed KILL-P3-3\b/, 60_000);
      cluster.stopImmediately();
      await writer.exited;
      const committed = [...writer.output().matchAll(/committed (KILL-\S+)/g)].map((m) => m[1]);
      cluster.start();
      await withPg(url, (sql) => checkAllOrNothing(sql, "P3", committed));
    } finally {
      cluster.destroy();
    }
  }, 120_000);
});
