import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { createTestDatabase, dropTestDatabase } from "./test-databases";
import { testDb } from "./test-env";

// Runs in each test file's process before the file is imported: points the
// app's database module at a fresh copy of the template database.
const kind = testDb();
let dropDatabase: (() => Promise<void>) | undefined;

if (kind === "postgres") {
  // This file's throwaway copy of the run's template, labelled with the run
  // (tests/support/test-databases.ts): dropped after the file, and by the run's
  // end at the latest.
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `concord_test_${randomBytes(6).toString("hex")}`;
  process.env.DATABASE_URL = await createTestDatabase(admin, name, inject("runOwner"), inject("templateDatabase"));
  dropDatabase = async () => void (await dropTestDatabase(admin, name));
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
