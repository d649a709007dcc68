// npm run restore -- <backup.tar.gz> [--force]
// Puts a backup made by `npm run backup` back into the configured database
// (embedded, or DATABASE_URL) and uploads directory, then checks the result
// against the backup's manifest (row counts per table, SHA-256 per file).
// A database or uploads directory that already holds data is only replaced
// with --force. Stop the server first (for the embedded database the restore
// takes the data directory's lock and refuses while the server has it).
// See docs/operations.md.
import { PGlite } from "@electric-sql/pglite";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DataDirLockedError, lockDataDir } from "../app/utils/data-dir-lock.server";
import { databaseKind } from "../app/utils/db.server";
import { embeddedDatabaseDir, env, uploadsDir } from "../app/utils/env.server";
import { runTask } from "./lifecycle";
import {
  compare,
  copyUploads,
  countRows,
  hashUploads,
  libpqEnv,
  pgliteSql,
  run,
  stagingDir,
  summary,
  unpackArchive,
  withPgClient,
  type Manifest,
  type Sql,
} from "./lib/backup";

const { values: flags, positionals } = parseArgs({ options: { force: { type: "boolean" } }, allowPositionals: true });

// Reference data every migrated database has; it alone does not make a database "in use".
const REFERENCE_TABLES = new Set(["_prisma_migrations", "Country"]);

async function hasData(sql: Sql): Promise<string[]> {
  const counts = await countRows(sql);
  return Object.entries(counts)
    .filter(([table, n]) => n > 0 && !REFERENCE_TABLES.has(table))
    .map(([table, n]) => `${table} (${n})`);
}

function refuseUnlessForced(what: string, contents: string[]) {
  if (contents.length && !flags.force) {
    throw new Error(
      `${what} is not empty (${contents.slice(0, 6).join(", ")}${contents.length > 6 ? ", …" : ""}). ` +
        "Restoring replaces everything in it; run again with --force to do that.",
    );
  }
}

function checkUploadsTarget(): void {
  const existing = Object.keys(hashUploads(uploadsDir()));
  refuseUnlessForced(`The uploads directory ${uploadsDir()}`, existing.length ? [`${existing.length} files`] : []);
}

/** Copies the archive's files into a new directory, checks them, then swaps it in. */
function restoreUploads(staging: string, manifest: Manifest): Record<string, string> {
  const target = uploadsDir();
  const fresh = `${target}.restoring`;
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.mkdirSync(fresh, { recursive: true });
  copyUploads(path.join(staging, "uploads"), fresh, Object.keys(manifest.uploads));
  const restored = hashUploads(fresh);
  const differences = compare({ ...manifest, tables: {} }, {}, restored);
  if (differences.length) throw new Error(`The backup's files do not match its manifest: ${differences.slice(0, 5).join("; ")}`);
  const old = `${target}.before-restore`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(fresh, target);
  fs.rmSync(old, { recursive: true, force: true });
  return hashUploads(target);
}

async function restoreEmbedded(staging: string, manifest: Manifest): Promise<Record<string, number>> {
  const dir = embeddedDatabaseDir();
  if (dir.startsWith("memory://")) throw new Error("CONCORD_DATA_DIR is memory://: set it to the data directory to restore into.");
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  let lock;
  try {
    lock = await lockDataDir(dir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new Error(`${error.message}\nStop the Concord server before restoring.`);
    throw error;
  }
  try {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length) {
      const current = new PGlite(dir);
      try {
        refuseUnlessForced(`The embedded database in ${dir}`, await hasData(pgliteSql(current)));
      } finally {
        await current.close();
      }
    }
    checkUploadsTarget();
    // Unpack into a new directory, check it, and only then swap it in.
    const fresh = `${dir}.restoring`;
    fs.rmSync(fresh, { recursive: true, force: true });
    const dump = fs.readFileSync(path.join(staging, "database", "pglite.tar.gz"));
    const restored = new PGlite(fresh, { loadDataDir: new Blob([dump]) });
    let tables: Record<string, number>;
    try {
      await restored.waitReady;
      tables = await countRows(pgliteSql(restored));
    } finally {
      await restored.close();
    }
    const differences = compare({ ...manifest, uploads: {} }, tables, {});
    if (differences.length) {
      fs.rmSync(fresh, { recursive: true, force: true });
      throw new Error(`The restored database does not match the manifest: ${differences.slice(0, 5).join("; ")}. Nothing was changed.`);
    }
    const old = `${dir}.before-restore`;
    fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(fresh, dir);
    fs.rmSync(old, { recursive: true, force: true });
    // Read back what is now in place.
    const check = new PGlite(dir);
    try {
      return await countRows(pgliteSql(check));
    } finally {
      await check.close();
    }
  } finally {
    await lock.release();
  }
}

async function restorePostgres(url: string, staging: string): Promise<Record<string, number>> {
  await withPgClient(url, async (_client, sql) => refuseUnlessForced("The database", await hasData(sql)));
  checkUploadsTarget();
  const script = path.join(staging, "restore.sql");
  run("pg_restore", ["--no-owner", "--no-privileges", "--file", script, path.join(staging, "database", "concord.dump")]);
  // One transaction: the old schema goes and the backup's comes in together,
  // or (on any error) the database is left exactly as it was.
  run(
    "psql",
    ["-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1", "-c", "DROP SCHEMA IF EXISTS public CASCADE", "-c", "CREATE SCHEMA public", "-f", script],
    { env: libpqEnv(url) },
  );
  return withPgClient(url, (_client, sql) => countRows(sql));
}

runTask("restore", async () => {
  const archive = positionals[0];
  if (!archive) throw new Error("Name the backup to restore: npm run restore -- backups/concord-<time>.tar.gz [--force]");
  if (!fs.existsSync(archive)) throw new Error(`${archive} does not exist.`);
  const staging = stagingDir("restore");
  try {
    const manifest = unpackArchive(archive, staging);
    const kind = databaseKind();
    if (manifest.database !== kind) {
      throw new Error(
        `${archive} is a backup of ${manifest.database === "postgres" ? "a PostgreSQL database" : "the embedded database"}, ` +
          `but Concord is configured for ${kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}.`,
      );
    }
    const url = env().DATABASE_URL;
    const tables = kind === "postgres" && url ? await restorePostgres(url, staging) : await restoreEmbedded(staging, manifest);
    const uploads = restoreUploads(staging, manifest);
    const differences = compare(manifest, tables, uploads);
    if (differences.length) throw new Error(`Restored, but the result does not match the manifest: ${differences.slice(0, 10).join("; ")}`);
    return `Restored ${archive} (taken ${manifest.createdAt}). Verified against its manifest: ${summary(tables, uploads)} match.`;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
});
