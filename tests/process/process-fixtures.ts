import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../app/db/pglite-extensions.mjs";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { runScript } from "./server-process";

// Data for tests that run Concord as a separate process: written straight
// into that process's database with SQL (the app's own client points at the
// test's database, and an embedded data directory can only be open in one
// process at a time, so these run before the server starts or over plain pg).

export type Sql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export async function withPg<T>(url: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(async (sql, params) => (await client.query(sql, params as unknown[])).rows);
  } finally {
    await client.end();
  }
}

/** Opens an embedded data directory (<data>/pglite) in this process; the server must not be running. */
export async function withPglite<T>(dataDir: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const db = new PGlite(`${dataDir}/pglite`, { extensions: PGLITE_EXTENSIONS });
  await db.waitReady;
  try {
    return await fn(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows);
  } finally {
    await db.close();
  }
}

/**
 * Makes <dataDir>/pglite a migrated embedded database. It starts from the
 * test run's migrated template when there is one (fast: no migrations to
 * replay), else runs `scripts/db-migrate.ts` as an operator would. Adds the
 * countries the tests use (the full list is loaded by --migrate).
 */
export async function migratedDataDir<T = void>(dataDir: string, then?: (sql: Sql) => Promise<T>): Promise<T> {
  const template = process.env.CONCORD_PGLITE_TEMPLATE;
  if (template && fs.existsSync(template)) {
    fs.mkdirSync(`${dataDir}/pglite`, { recursive: true });
    const db = new PGlite(`${dataDir}/pglite`, { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(template)]) });
    await db.waitReady;
    try {
      await db.exec(`INSERT INTO "Country" (code, "nameEn", "nameRu", "nameKo") VALUES
        ('BY', 'Belarus', 'Беларусь', '벨라루스'), ('KZ', 'Kazakhstan', 'Казахстан', '카자흐스탄') ON CONFLICT DO NOTHING`);
      // Whatever the test adds next, in the same opening (each one costs seconds on a busy machine).
      return (await then?.(async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows)) as T;
    } finally {
      await db.close();
    }
  }
  const migrate = runScript("scripts/db-migrate.ts", [], { CONCORD_DATA_DIR: dataDir });
  const { code } = await migrate.exited;
  if (code !== 0) throw new Error(`db-migrate failed:\n${migrate.output()}`);
  return then ? withPglite(dataDir, then) : (undefined as T);
}

/** A staff user with a session that has passed MFA; returns the Cookie header value. */
export async function createStaffSession(sql: Sql): Promise<{ userId: string; cookie: string }> {
  const userId = `proc${randomBytes(8).toString("hex")}`;
  const sessionId = randomBytes(20).toString("hex");
  await sql(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $2, 'Process Test', 'STAFF', now())`, [
    userId,
    `${userId}@process.test`,
  ]);
  await sql(
    `INSERT INTO "Session" (id, "userId", "expiresAt", "mfaVerified", ip, "userAgent") VALUES ($1, $2, now() + interval '1 day', true, '127.0.0.1', 'process-test')`,
    [sessionId, userId],
  );
  return { userId, cookie: `concord_session=${sessionId}` };
}

/** One row count per application table (Prisma's bookkeeping table excluded). */
export async function rowCounts(sql: Sql): Promise<Record<string, number>> {
  const tables = await sql(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await sql(`SELECT count(*)::int AS n FROM "${String(tablename)}"`);
    counts[String(tablename)] = Number(row.n);
  }
  return counts;
}

/** The shape of each programme tests/process/sigkill-writer.ts writes. */
export const KILL_ORGANISATIONS = 3;
export const KILL_COUNTRIES = ["BY", "KZ", "UZ"];
export const KILL_SECTORS = ["11110", "15110"];
