import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl, testDb } from "./test-env";

// Runs in each test file's process before the file is imported: points the
// app's database module at a fresh copy of the template database.
const kind = testDb();
let dropDatabase: (() => Promise<void>) | undefined;

if (kind === "postgres") {
  const name = `concord_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  await admin.end();
  process.env.DATABASE_URL = databaseUrl(process.env.TEST_DATABASE_URL!, name);
  // Cleanup of this file's throwaway database. PostgreSQL's own background
  // workers (autovacuum) may briefly hold a connection to it that the test
  // role is not allowed to end, so retry; a database left behind is harmless.
  dropDatabase = async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        return;
      } catch (error) {
        if (attempt === 10) process.stdout.write(`note: test database ${name} left behind: ${(error as Error).message}\n`);
      } finally {
        await c.end();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  };
} else {
  delete process.env.DATABASE_URL;
  process.env.CONCORD_DATA_DIR = "memory://";
  process.env.CONCORD_PGLITE_TEMPLATE = inject("pgliteTemplate");
}
process.env.NODE_ENV = "test";

// A test that logs an error fails, so errors cannot hide in passing tests.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length) throw new Error(`console.error was called during the test:\n${errors.map((e) => e.join(" ")).join("\n")}`);
});

afterAll(async () => {
  const { closeDatabase } = await import("../../app/utils/db.server");
  await closeDatabase();
  await dropDatabase?.();
});
