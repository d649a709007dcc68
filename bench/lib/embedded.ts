import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../app/db/pglite-extensions.mjs";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// The embedded database of a bench run: the same rows as the PostgreSQL bench
// database, copied into <dataDir>/pglite after the app's own migrations have
// made the schema there. Seeding PGlite through the app's seed would take ten
// times longer than seeding PostgreSQL and give different ids; copying gives
// both databases the same portfolio, row for row, and the same sessions.
//
// Rows travel as JSON (row_to_json on the way out, json_populate_recordset on
// the way in), which keeps every column type (enums, dates, jsonb, bytea)
// without a COPY client. Foreign keys and triggers are off while loading
// (session_replication_role = replica), so table order does not matter.

const BATCH = 10_000;

export async function copyToEmbedded(pgUrl: string, dataDir: string, log: (line: string) => void): Promise<Record<string, number>> {
  const dir = path.join(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  // The app's own lock, as the server will take it: nobody else may open this directory meanwhile.
  const { lockDataDir } = await import("../../app/utils/data-dir-lock.server");
  const { applyMigrations } = await import("../../app/utils/migrate.server");
  const lock = await lockDataDir(dir);
  const lite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
  const source = new pg.Client({ connectionString: pgUrl });
  const copied: Record<string, number> = {};
  try {
    await lite.waitReady;
    await applyMigrations({
      exec: async (sql) => void (await lite.exec(sql)),
      rows: async <R,>(sql: string, params?: unknown[]) => (await lite.query<R>(sql, params)).rows,
    });
    await source.connect();
    const tables = (
      await source.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
          ORDER BY table_name`,
      )
    ).rows.map((r) => r.name);
    await lite.exec("BEGIN; SET LOCAL session_replication_role = replica;");
    const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
    for (const table of tables) {
      const quoted = q(table);
      // Generated columns (Activity.startsOn) are the database's to fill.
      const columns = (
        await source.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
          [table],
        )
      ).rows.map((r) => q(r.name));
      const list = columns.join(", ");
      await source.query("BEGIN");
      await source.query(`DECLARE rows_out NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM (SELECT ${list} FROM ${quoted}) t`);
      let n = 0;
      for (;;) {
        const { rows } = await source.query<{ j: string }>(`FETCH ${BATCH} FROM rows_out`);
        if (!rows.length) break;
        await lite.query(`INSERT INTO ${quoted} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${quoted}, $1::json)`, [
          `[${rows.map((r) => r.j).join(",")}]`,
        ]);
        n += rows.length;
      }
      await source.query("CLOSE rows_out; COMMIT");
      copied[table] = n;
    }
    await lite.exec("COMMIT");
    // Fresh statistics, as PostgreSQL's autovacuum has had the chance to gather.
    await lite.exec("ANALYZE");
    log(`embedded database: ${Object.values(copied).reduce((a, b) => a + b, 0)} rows in ${tables.length} tables copied to ${dir}`);
    return copied;
  } finally {
    await source.end().catch(() => undefined);
    await lite.close().catch(() => undefined);
    await lock.release();
  }
}
