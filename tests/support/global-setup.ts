import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../app/db/pglite-extensions.mjs";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, readMigrations, withPostgresRunner } from "../../app/utils/migrate.server";
import { assertRunLeftNothing, createTestDatabase, dropTestDatabase, runOwner, sweepAbandonedDatabases, type RunOwner } from "./test-databases";
import { testDb } from "./test-env";

// Migrates one template database per run; each test file then starts from a
// copy of it (PGlite: a dump loaded into a fresh in-memory instance;
// PostgreSQL: CREATE DATABASE ... TEMPLATE), which takes well under a second.
// Several runs may go on at once (developers, helpers): names never collide.
export default async function setup(project: TestProject) {
  if (testDb() === "postgres") {
    // Databases of this run carry its label (tests/support/test-databases.ts):
    // the template, and each file's copy of it. Left-overs of killed runs go first.
    const admin = process.env.TEST_DATABASE_URL!;
    const owner = runOwner();
    const swept = await sweepAbandonedDatabases(admin);
    if (swept.length) process.stdout.write(`Dropped ${swept.length} database(s) left by earlier test runs that were stopped.\n`);
    const template = `concord_tpl_${randomBytes(5).toString("hex")}`;
    const templateUrl = await createTestDatabase(admin, template, owner);
    await withPostgresRunner(templateUrl, (db) => applyMigrations(db));
    project.provide("templateDatabase", template);
    project.provide("runOwner", owner);
    return async () => {
      await dropTestDatabase(admin, template);
      // Each file drops its own database; whatever one failed to drop goes now,
      // and the run fails if anything of it is still on the server.
      await assertRunLeftNothing(admin, owner);
    };
  }
  // The dump depends only on the migrations, so its name is their hash; it is
  // written to a temporary file and renamed, so concurrent runs never see half a file.
  const hash = createHash("sha256").update(readMigrations().map((m) => m.checksum).join()).digest("hex").slice(0, 16);
  const file = path.resolve(`tests/.artifacts/pglite-template-${hash}.tar.gz`);
  if (!fs.existsSync(file)) {
    const pglite = new PGlite({ extensions: PGLITE_EXTENSIONS });
    await applyMigrations({
      exec: async (sql) => void (await pglite.exec(sql)),
      rows: async <R,>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
    });
    const dump = await pglite.dumpDataDir("gzip");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    await pglite.close();
  }
  // Dumps of earlier migrations would pile up one per schema change: those
  // not used for a day go (a run on another branch at the same moment keeps its own).
  const dir = path.dirname(file);
  for (const other of fs.readdirSync(dir).filter((f) => /^pglite-template-[0-9a-f]{16}\.tar\.gz$/.test(f))) {
    const full = path.join(dir, other);
    if (full !== file && Date.now() - fs.statSync(full).mtimeMs > 24 * 3600_000) fs.rmSync(full, { force: true });
  }
  project.provide("pgliteTemplate", file);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    runOwner: RunOwner;
    pgliteTemplate: string;
  }
}
