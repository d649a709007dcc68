import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { getEmbedded } from "./db.server";
import { env } from "./env.server";

// Applies prisma/migrations/*/migration.sql in order, on PGlite or PostgreSQL,
// recording each in _prisma_migrations exactly as `prisma migrate deploy`
// does (same table, same sha256 checksum), so `prisma migrate status` agrees.
// Why not `prisma migrate deploy`: against PGlite it has been seen to hang
// with nothing pending, and its native engine cannot be downloaded here.
// See docs/decisions/0002-database.md.

export type SqlRunner = {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Migration = { name: string; sql: string; checksum: string };

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
// The key `prisma migrate` itself locks on, so our runner and Prisma's never overlap.
const ADVISORY_LOCK_KEY = 72707369;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export class MigrationError extends Error {}

export async function applyMigrations(
  db: SqlRunner,
  migrations: Migration[] = readMigrations(),
): Promise<{ applied: string[]; alreadyApplied: number }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  await db.exec(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
  try {
    const done = await db.rows<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const failed = done.find((m) => m.finished_at === null && m.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} started earlier but did not finish. Inspect the database, then mark it rolled back.`,
      );
    }
    const finished = new Map(done.filter((m) => m.finished_at).map((m) => [m.migration_name, m.checksum]));
    for (const [name, checksum] of finished) {
      const local = migrations.find((m) => m.name === name);
      if (!local) throw new MigrationError(`The database has migration ${name}, which is not in prisma/migrations.`);
      if (local.checksum !== checksum) {
        throw new MigrationError(`Migration ${name} was edited after it was applied (checksum differs).`);
      }
    }
    const applied: string[] = [];
    for (const m of migrations) {
      if (finished.has(m.name)) continue;
      // One transaction per migration: a failing migration leaves nothing behind.
      await db.exec("BEGIN");
      try {
        await db.exec(m.sql);
        await db.rows(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await db.exec("COMMIT");
      } catch (error) {
        await db.exec("ROLLBACK");
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: finished.size };
  } finally {
    await db.exec(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`);
  }
}

/** A runner over node-postgres for a PostgreSQL server. */
export async function withPostgresRunner<T>(url: string, fn: (db: SqlRunner) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn({
      exec: async (sql) => void (await client.query(sql)),
      rows: async <R,>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
    });
  } finally {
    await client.end();
  }
}

/** Migrates the configured database (embedded or server). */
export async function migrateDatabase(): Promise<{ applied: string[]; alreadyApplied: number }> {
  const url = env().DATABASE_URL;
  if (url) return withPostgresRunner(url, (db) => applyMigrations(db));
  const { pglite } = await getEmbedded();
  return applyMigrations({
    exec: async (sql) => void (await pglite.exec(sql)),
    rows: async <R,>(sql: string, params?: unknown[]) => (await pglite.query<R>(sql, params)).rows,
  });
}
