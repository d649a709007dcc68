import { PGlite } from "@electric-sql/pglite";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations, withPostgresRunner } from "../../app/utils/migrate.server";
import { databaseUrl, PGLITE_TEMPLATE, TEMPLATE_DATABASE, testDb } from "./test-env";

// Migrates one template database per run; each test file then starts from a
// copy of it (PGlite: a dump loaded into a fresh in-memory instance;
// PostgreSQL: CREATE DATABASE ... TEMPLATE), which takes well under a second.
export default async function setup() {
  if (testDb() === "postgres") {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'concord_test_%'`);
      for (const row of stale.rows as { datname: string }[]) {
        await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }
      await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    } finally {
      await admin.end();
    }
    await withPostgresRunner(databaseUrl(process.env.TEST_DATABASE_URL!, TEMPLATE_DATABASE), (db) => applyMigrations(db));
    return;
  }
  const pglite = new PGlite();
  await applyMigrations({
    exec: async (sql) => void (await pglite.exec(sql)),
    rows: async <R,>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
  });
  const dump = await pglite.dumpDataDir("gzip");
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}
