import { PGlite } from "@electric-sql/pglite";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations, readMigrations, withPostgresRunner } from "../../app/utils/migrate.server";
import { databaseUrl, testDb } from "./test-env";

// Migrates one template database per run; each test file then starts from a
// copy of it (PGlite: a dump loaded into a fresh in-memory instance;
// PostgreSQL: CREATE DATABASE ... TEMPLATE), which takes well under a second.
// Several runs may go on at once (developers, helpers): names never collide.
export default async function setup(project: TestProject) {
  if (testDb() === "postgres") {
    const template = `concord_tpl_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    await withPostgresRunner(databaseUrl(process.env.TEST_DATABASE_URL!, template), (db) => applyMigrations(db));
    project.provide("templateDatabase", template);
    return async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await c.end();
    };
  }
  // The dump depends only on the migrations, so its name is their hash; it is
  // written to a temporary file and renamed, so concurrent runs never see half a file.
  const hash = createHash("sha256").update(readMigrations().map((m) => m.checksum).join()).digest("hex").slice(0, 16);
  const file = path.resolve(`tests/.artifacts/pglite-template-${hash}.tar.gz`);
  if (!fs.existsSync(file)) {
    const pglite = new PGlite();
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
  project.provide("pgliteTemplate", file);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    pgliteTemplate: string;
  }
}
