import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import type { BlobDriver, BlobStore } from "../../app/storage/blob-store.server";

// Shared by scripts/backup.ts and scripts/restore.ts. An archive is one
// .tar.gz holding:
//   manifest.json       what was backed up, row counts per table, SHA-256 per upload
//   database/pglite.tar.gz  (embedded) PGlite's own dump of its data directory
//   database/concord.dump   (PostgreSQL) pg_dump --format=custom
//   uploads/...         every blob of the blob store, whatever its driver
//                       (local directory, database, S3), laid out as the
//                       local store keeps them: uploads/<sha[0..2]>/<sha>
// So a backup taken with one store restores into another (the way to move
// files from disk into the database or S3). With the database store the
// Blob/BlobChunk rows are left out of pg_dump: the files are in uploads/.
// See docs/decisions/0006-backup-and-restore.md, 0015-blob-store.md and docs/operations.md.

export const ARCHIVE_FORMAT = "concord-backup/1";

export type Manifest = {
  format: typeof ARCHIVE_FORMAT;
  createdAt: string;
  database: "embedded" | "postgres";
  /** The migrations applied in the backed-up database, oldest first. */
  migrations: string[];
  /** Row counts, without the blob store's tables (their content is in `uploads`). */
  tables: Record<string, number>;
  /** "<sha[0..2]>/<sha>" -> SHA-256 of the file, for every blob. */
  uploads: Record<string, string>;
  /** Which store the files came from (informational; absent in older backups). */
  blobStore?: BlobDriver;
};

/** The database store's tables: counted through the files, not as rows (chunking is the store's business). */
export const BLOB_TABLES = ["Blob", "BlobChunk"];

/** The migration that made the blob tables: a backup from before it cannot go into the database store directly. */
export const BLOB_MIGRATION = "20261205020000_blob_store";

export function withoutBlobTables(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([table]) => !BLOB_TABLES.includes(table)));
}

export type Sql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Row counts of every table in the public schema (Prisma's migration table included). */
export async function countRows(sql: Sql): Promise<Record<string, number>> {
  const tables = await sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const name = String(tablename).replaceAll('"', '""');
    const [row] = await sql(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[String(tablename)] = Number(row.n);
  }
  return counts;
}

export async function appliedMigrations(sql: Sql): Promise<string[]> {
  const exists = await sql(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '_prisma_migrations'`);
  if (!exists.length) return [];
  const rows = await sql(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`);
  return rows.map((r) => String(r.migration_name));
}

function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * Every stored upload (relative path -> SHA-256). The ".incoming" directory
 * holds uploads still being received; they are not stored files yet.
 */
export function hashUploads(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (!rel && entry.name === ".incoming") continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out[child] = sha256File(path.join(dir, child));
    }
  };
  walk("");
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const BLOB_PATH = /^([0-9a-f]{2})\/(\1[0-9a-f]{62})$/;

/** The key of a file in an archive's uploads/ ("ab/ab12…" -> "ab12…"), or null for anything else. */
export function blobKeyOf(rel: string): string | null {
  return BLOB_PATH.exec(rel)?.[2] ?? null;
}

export function blobPath(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * Writes every blob of the store to <dir>/<sha[0..2]>/<sha>, streamed, each
 * checked against its key on the way: a damaged blob stops the backup rather
 * than being archived. Returns the manifest's uploads (path -> SHA-256).
 */
export async function exportBlobs(store: BlobStore, dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const sha256 of store.list()) {
    const blob = await store.get(sha256);
    if (!blob) continue; // deleted since it was listed (its document went too)
    const target = path.join(dir, blobPath(sha256));
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const hash = createHash("sha256");
    await pipeline(
      blob.stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(target, { mode: 0o600 }),
    );
    const actual = hash.digest("hex");
    if (actual !== sha256) throw new Error(`The stored file ${sha256} is damaged: its content hashes to ${actual}.`);
    out[blobPath(sha256)] = sha256;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every blob in the store as the manifest lists them (path -> SHA-256 of the content, read back in full). */
export async function hashStore(store: BlobStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for await (const sha256 of store.list()) {
    const blob = await store.get(sha256);
    if (!blob) continue;
    const hash = createHash("sha256");
    for await (const chunk of blob.stream) hash.update(chunk as Buffer);
    out[blobPath(sha256)] = hash.digest("hex");
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(cmd, args, { encoding: "utf8", env: options.env ?? process.env, maxBuffer: 64 << 20 });
  if (result.error) throw new Error(`${cmd} could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`);
  return result.stdout;
}

export function stagingDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `concord-${label}-`));
}

/** tar is on every machine Concord runs on; no archive library needed. */
export function packArchive(staging: string, archive: string): void {
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  const partial = `${archive}.partial`;
  run("tar", ["-czf", partial, "-C", staging, "."]);
  fs.renameSync(partial, archive); // a half-written archive never has the final name
}

export function unpackArchive(archive: string, into: string): Manifest {
  // Refuse members that would land outside the staging directory.
  const names = run("tar", ["-tzf", archive]).split("\n").filter(Boolean);
  for (const name of names) {
    if (path.isAbsolute(name) || name.split("/").includes("..")) throw new Error(`${archive}: unsafe path in archive: ${name}`);
  }
  run("tar", ["-xzf", archive, "-C", into, "--no-same-owner"]);
  const file = path.join(into, "manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${archive} is not a Concord backup (no manifest.json).`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  if (manifest.format !== ARCHIVE_FORMAT) throw new Error(`${archive}: unknown backup format ${String(manifest.format)}.`);
  return manifest;
}

export type Difference = string;

/** What differs between the manifest and what is there now; empty when they agree. */
export function compare(manifest: Manifest, tables: Record<string, number>, uploads: Record<string, string>): Difference[] {
  const out: Difference[] = [];
  for (const name of new Set([...Object.keys(manifest.tables), ...Object.keys(tables)])) {
    if (manifest.tables[name] !== tables[name]) out.push(`table ${name}: ${tables[name] ?? "missing"} rows, the backup had ${manifest.tables[name] ?? "none"}`);
  }
  for (const name of new Set([...Object.keys(manifest.uploads), ...Object.keys(uploads)])) {
    if (manifest.uploads[name] !== uploads[name]) {
      out.push(!uploads[name] ? `file ${name} is missing` : !manifest.uploads[name] ? `file ${name} is not in the backup` : `file ${name} differs (checksum)`);
    }
  }
  return out;
}

export function summary(tables: Record<string, number>, uploads: Record<string, string>): string {
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  return `${Object.keys(tables).length} tables, ${rows} rows, ${Object.keys(uploads).length} uploaded files`;
}

// --- embedded ---------------------------------------------------------------

/** A PGlite instance, or the server's embedded database in its worker thread (app/db/pglite-channel.server.ts). */
type PGliteQuery = { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> };

export function pgliteSql(db: PGliteQuery): Sql {
  return async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows;
}

// --- PostgreSQL -------------------------------------------------------------

export async function withPgClient<T>(url: string, fn: (client: pg.Client, sql: Sql) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client, async (sql, params) => (await client.query(sql, params as unknown[])).rows);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump/pg_restore/psql take the connection from libpq's environment, so
 * the password never appears on a command line (visible in `ps`).
 */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres";
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}
