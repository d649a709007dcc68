// npm run restore -- <backup.tar.gz> [--force]
// Puts a backup made by `npm run backup` back into the configured database
// (embedded, or DATABASE_URL) and blob store (CONCORD_BLOB_STORE: the uploads
// directory, the database or S3, whichever store the backup came from), then
// checks the result against the backup's manifest (row counts per table,
// SHA-256 per file, read back from the store). A database or store that
// already holds data is only replaced with --force. Stop the server first (for the embedded database the restore
// takes the data directory's lock and refuses while the server has it).
// See docs/operations.md.
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../app/db/pglite-extensions.mjs";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DataDirLockedError, lockDataDir } from "../app/utils/data-dir-lock.server";
import { blobDriver, blobStore } from "../app/storage/blob-store.server";
import { databaseKind } from "../app/utils/db.server";
import { embeddedDatabaseDir, env } from "../app/utils/env.server";
import { runTask } from "./lifecycle";
import {
  BLOB_MIGRATION,
  blobKeyOf,
  compare,
  countRows,
  hashStore,
  libpqEnv,
  pgliteSql,
  run,
  stagingDir,
  summary,
  unpackArchive,
  withoutBlobTables,
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

/**
 * A blob store that holds files is only replaced with --force. The database
 * store is part of the database, whose own check covers it (and on the
 * embedded database, reading it here would take the lock the restore needs).
 */
async function checkStoreTarget(): Promise<void> {
  const store = blobStore();
  if (store.driver === "database") return;
  let files = 0;
  for await (const key of store.list()) {
    void key;
    files++;
  }
  refuseUnlessForced(`The ${store.driver === "s3" ? "S3 bucket" : "uploads directory"} of the blob store`, files ? [`${files} files`] : []);
}

/**
 * Puts every file of the archive into the configured store (each checked
 * against its SHA-256 by put), then removes what the backup did not have,
 * and reads everything back to compare with the manifest.
 */
async function restoreBlobs(staging: string, manifest: Manifest): Promise<Record<string, string>> {
  const store = blobStore();
  const keep = new Set<string>();
  for (const rel of Object.keys(manifest.uploads)) {
    const sha256 = blobKeyOf(rel);
    if (!sha256) throw new Error(`The backup holds a file that is not a stored upload: uploads/${rel}`);
    await store.put(sha256, path.join(staging, "uploads", rel));
    keep.add(sha256);
  }
  const extra: string[] = [];
  for await (const key of store.list()) if (!keep.has(key)) extra.push(key);
  for (const key of extra) await store.delete(key);
  return hashStore(store);
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
      const current = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
      try {
        refuseUnlessForced(`The embedded database in ${dir}`, await hasData(pgliteSql(current)));
      } finally {
        await current.close();
      }
    }
    await checkStoreTarget();
    // Unpack into a new directory, check it, and only then swap it in.
    const fresh = `${dir}.restoring`;
    fs.rmSync(fresh, { recursive: true, force: true });
    const dump = fs.readFileSync(path.join(staging, "database", "pglite.tar.gz"));
    const restored = new PGlite(fresh, { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([dump]) });
    let tables: Record<string, number>;
    try {
      await restored.waitReady;
      tables = withoutBlobTables(await countRows(pgliteSql(restored)));
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
    const check = new PGlite(dir, { extensions: PGLITE_EXTENSIONS });
    try {
      return withoutBlobTables(await countRows(pgliteSql(check)));
    } finally {
      await check.close();
    }
  } finally {
    await lock.release();
  }
}

async function restorePostgres(url: string, staging: string): Promise<Record<string, number>> {
  await withPgClient(url, async (_client, sql) => refuseUnlessForced("The database", await hasData(sql)));
  await checkStoreTarget();
  const script = path.join(staging, "restore.sql");
  run("pg_restore", ["--no-owner", "--no-privileges", "--file", script, path.join(staging, "database", "concord.dump")]);
  // One transaction: the old schema goes and the backup's comes in together,
  // or (on any error) the database is left exactly as it was.
  run(
    "psql",
    ["-X", "-q", "--single-transaction", "-v", "ON_ERROR_STOP=1", "-c", "DROP SCHEMA IF EXISTS public CASCADE", "-c", "CREATE SCHEMA public", "-f", script],
    { env: libpqEnv(url) },
  );
  return withPgClient(url, async (_client, sql) => withoutBlobTables(await countRows(sql)));
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
    if (blobDriver() === "database" && !manifest.migrations.includes(BLOB_MIGRATION)) {
      throw new Error(
        `${archive} was taken before Concord kept files in the database. Restore it with CONCORD_BLOB_STORE=local, start the server once ` +
          "(it adds the tables), then copy the files with `npm run blobs:import` (see docs/operations.md).",
      );
    }
    const url = env().DATABASE_URL;
    const tables = kind === "postgres" && url ? await restorePostgres(url, staging) : await restoreEmbedded(staging, manifest);
    const uploads = await restoreBlobs(staging, manifest);
    const differences = compare(manifest, tables, uploads);
    if (differences.length) throw new Error(`Restored, but the result does not match the manifest: ${differences.slice(0, 10).join("; ")}`);
    return `Restored ${archive} (taken ${manifest.createdAt}). Verified against its manifest: ${summary(tables, uploads)} match.`;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
});
