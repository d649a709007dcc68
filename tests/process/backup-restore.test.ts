import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "~/utils/data-dir-lock.server";
import { hashUploads } from "../../scripts/lib/backup";
import { s3BlobStore } from "~/storage/blob-store.server";
import { createCluster } from "./pg-cluster";
import { createStaffSession, migratedDataDir, rowCounts, withPg, withPglite, type Sql } from "./process-fixtures";
import { runScript, tempDataDir } from "./server-process";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";

// Issue 5 item 11: `npm run backup` / `npm run restore` for both databases.
// Seed data and uploads, back up, change things (rows added and deleted, a
// file added and one removed), restore, and compare row counts per table and
// file checksums with the state at backup time. Issue 15: the files go
// through the blob store, so PostgreSQL runs with the files on disk and in the
// database, and a backup of files in S3 restores onto disk.

function storeUpload(uploads: string, bytes: Buffer): string {
  const sha = createHash("sha256").update(bytes).digest("hex");
  fs.mkdirSync(path.join(uploads, sha.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(uploads, sha.slice(0, 2), sha), bytes);
  return sha;
}

async function seed(sql: Sql, prefix: string) {
  await sql("BEGIN");
  for (let i = 1; i <= 5; i++) {
    await sql(`INSERT INTO "Programme" (id, code, title, "updatedAt") VALUES ($1, $2, $3, now())`, [
      `${prefix.toLowerCase()}prog${i}`,
      `${prefix}-${i}`,
      `Backed-up programme ${i} — «кириллица» 한국어`,
    ]);
    await sql(`INSERT INTO "ProgrammeCountry" ("programmeId", "countryCode") VALUES ($1, 'BY')`, [`${prefix.toLowerCase()}prog${i}`]);
  }
  await createStaffSession(sql);
  await sql(`INSERT INTO "AuditEvent" (id, action) VALUES ($1, 'test.seeded')`, [`seeded-${prefix}`]);
  await sql("COMMIT");
}

async function change(sql: Sql, prefix: string) {
  await sql(`INSERT INTO "Programme" (id, code, title, "updatedAt") VALUES ($1, $2, 'Added after the backup', now())`, [
    `${prefix.toLowerCase()}later`,
    `${prefix}-LATER`,
  ]);
  await sql(`DELETE FROM "Programme" WHERE id = $1`, [`${prefix.toLowerCase()}prog2`]); // cascades to its country row
  await sql(`DELETE FROM "Session"`);
}

/**
 * The files of a blob store the test cannot reach in-process (another
 * database, another process's settings): put through `npm run blobs:import`
 * from a directory in the local layout, read back with SQL or the local layout.
 */
type Files = {
  put(...files: Buffer[]): Promise<string[]>;
  remove(sha256: string): Promise<void>;
  now(): Promise<Record<string, string>>;
};

function localFiles(uploads: string): Files {
  return {
    async put(...files) {
      return files.map((bytes) => storeUpload(uploads, bytes));
    },
    async remove(sha256) {
      fs.rmSync(path.join(uploads, sha256.slice(0, 2), sha256));
    },
    async now() {
      return hashUploads(uploads);
    },
  };
}

async function importFiles(env: Record<string, string>, files: Buffer[]): Promise<string[]> {
  const source = tempDataDir();
  try {
    const shas = files.map((bytes) => storeUpload(source, bytes));
    const run = runScript("scripts/blobs-import.ts", [], { ...env, CONCORD_UPLOADS_DIR: source });
    expect((await run.exited).code, run.output()).toBe(0);
    expect(run.output()).toContain(`Copied ${new Set(shas).size} file(s)`);
    return shas;
  } finally {
    fs.rmSync(source, { recursive: true, force: true });
  }
}

function databaseFiles(url: string, env: Record<string, string>): Files {
  return {
    put: (...files) => importFiles(env, files),
    async remove(sha256) {
      await withPg(url, (sql) => sql(`DELETE FROM "Blob" WHERE sha256 = $1`, [sha256]));
    },
    now: () =>
      withPg(url, async (sql) => {
        const out: Record<string, string> = {};
        for (const { sha256 } of await sql(`SELECT sha256 FROM "Blob" ORDER BY sha256`)) {
          const hash = createHash("sha256");
          for (const { data } of await sql(`SELECT data FROM "BlobChunk" WHERE sha256 = $1 ORDER BY index`, [sha256])) hash.update(data as Buffer);
          out[`${String(sha256).slice(0, 2)}/${String(sha256)}`] = hash.digest("hex");
        }
        return out;
      }),
  };
}

function changeFiles(uploads: string, removeSha: string) {
  storeUpload(uploads, Buffer.from("a file uploaded after the backup"));
  fs.rmSync(path.join(uploads, removeSha.slice(0, 2), removeSha));
}

function archiveFrom(output: string): string {
  const match = /Backup written to (\S+\.tar\.gz)/.exec(output);
  if (!match) throw new Error(`no archive named in:\n${output}`);
  return match[1];
}

describe("backup and restore", () => {
  it("embedded database: restores row counts and files as they were at backup time", async () => {
    const data = tempDataDir();
    const uploads = path.join(data, "uploads");
    const env = { CONCORD_DATA_DIR: data, CONCORD_BLOB_STORE: "local" };
    const rowsAtBackup = await migratedDataDir(data, async (sql) => {
      await seed(sql, "EMB");
      return rowCounts(sql);
    });
    const shas = [storeUpload(uploads, randomBytes(300_000)), storeUpload(uploads, Buffer.from("%PDF-1.4 tiny")), storeUpload(uploads, Buffer.alloc(0))];
    fs.mkdirSync(path.join(uploads, ".incoming"), { recursive: true });
    fs.writeFileSync(path.join(uploads, ".incoming", "half-received"), "not a stored file");

    // While the server (here: this process) holds the data directory, backup refuses clearly.
    const held = await lockDataDir(path.join(data, "pglite"));
    try {
      const refused = runScript("scripts/backup.ts", ["--out", path.join(data, "backups")], env);
      expect((await refused.exited).code).toBe(1);
      expect(refused.output()).toContain("can only be backed up while Concord is stopped");
    } finally {
      await held.release();
    }

    const backup = runScript("scripts/backup.ts", ["--out", path.join(data, "backups")], env);
    expect((await backup.exited).code, backup.output()).toBe(0);
    const archive = archiveFrom(backup.output());
    expect(archive).toMatch(/concord-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
    expect(fs.statSync(archive).mode & 0o077).toBe(0);

    const atBackup = { rows: rowsAtBackup, files: hashUploads(uploads) };
    expect(Object.keys(atBackup.files)).toHaveLength(3);
    expect(atBackup.rows.Programme).toBe(5);

    const changed = await withPglite(data, async (sql) => {
      await change(sql, "EMB");
      return rowCounts(sql);
    });
    changeFiles(uploads, shas[0]);
    expect(changed).not.toEqual(atBackup.rows);

    // A database in use is only replaced on purpose.
    const refused = runScript("scripts/restore.ts", [archive], env);
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toMatch(/is not empty .*--force/s);

    const restore = runScript("scripts/restore.ts", [archive, "--force"], env);
    expect((await restore.exited).code, restore.output()).toBe(0);
    expect(restore.output()).toMatch(/Verified against its manifest: \d+ tables, \d+ rows, 3 uploaded files match/);

    // Another process opens the restored directory: it is what was backed up.
    expect(await withPglite(data, rowCounts)).toEqual(atBackup.rows);
    expect(hashUploads(uploads)).toEqual(atBackup.files);
    fs.rmSync(data, { recursive: true, force: true });
  }, 120_000);

  it.each(["local", "database"] as const)("PostgreSQL, files in the %s store: pg_dump backup restores into the same database (with --force) and into an empty one", async (driver) => {
    const cluster = await createCluster();
    const data = tempDataDir();
    const uploads = path.join(data, "uploads");
    try {
      const url = cluster.url("concord");
      await withPg(cluster.url(), (sql) => sql("CREATE DATABASE concord"));
      const env = { DATABASE_URL: url, CONCORD_DATA_DIR: data, CONCORD_BLOB_STORE: driver };
      const files = driver === "local" ? localFiles(uploads) : databaseFiles(url, env);
      const migrate = runScript("scripts/db-migrate.ts", [], env);
      expect((await migrate.exited).code, migrate.output()).toBe(0);
      await withPg(url, (sql) => seed(sql, "PG"));
      // Larger than one database chunk (1 MiB), so it is stored in three rows.
      const shas = await files.put(randomBytes(2_200_000), Buffer.from("<xml/>"));

      const backup = runScript("scripts/backup.ts", ["--out", path.join(data, "backups", "pg.tar.gz")], env);
      expect((await backup.exited).code, backup.output()).toBe(0);
      const archive = archiveFrom(backup.output());
      expect(archive).toBe(path.join(data, "backups", "pg.tar.gz"));
      const atBackup = { rows: await withPg(url, rowCounts), files: await files.now() };
      expect(Object.keys(atBackup.files)).toHaveLength(2);
      if (driver === "database") {
        // The files are archived once, as files, not also as rows in the dump.
        expect(fs.statSync(archive).size).toBeLessThan(2_200_000 * 1.5);
        expect(atBackup.rows.BlobChunk).toBe(4);
      }

      await withPg(url, (sql) => change(sql, "PG"));
      await files.put(Buffer.from("a file uploaded after the backup"));
      await files.remove(shas[1]);
      // The audit trail is append-only (a trigger refuses UPDATE/DELETE); restoring must not trip over it.
      await withPg(url, (sql) => sql(`INSERT INTO "AuditEvent" (id, action) VALUES ('after-backup', 'test.after_backup')`));
      expect(await withPg(url, rowCounts)).not.toEqual(atBackup.rows);

      const refused = runScript("scripts/restore.ts", [archive], env);
      expect((await refused.exited).code).toBe(1);
      expect(refused.output()).toMatch(/The database is not empty .*--force/s);

      const restore = runScript("scripts/restore.ts", [archive, "--force"], env);
      expect((await restore.exited).code, restore.output()).toBe(0);
      expect(restore.output()).toMatch(/Verified against its manifest: .* 2 uploaded files match/);
      expect(await withPg(url, rowCounts)).toEqual(atBackup.rows);
      expect(await files.now()).toEqual(atBackup.files);
      // The trigger came back with the schema.
      await expect(withPg(url, (sql) => sql(`DELETE FROM "AuditEvent"`))).rejects.toThrow();
      expect(atBackup.rows.AuditEvent).toBe(1);

      // Into a brand-new empty database and uploads directory: no --force needed.
      await withPg(cluster.url(), (sql) => sql("CREATE DATABASE concord_copy"));
      const copyData = tempDataDir();
      const copyEnv = { DATABASE_URL: cluster.url("concord_copy"), CONCORD_DATA_DIR: copyData, CONCORD_BLOB_STORE: driver };
      const copy = runScript("scripts/restore.ts", [archive], copyEnv);
      expect((await copy.exited).code, copy.output()).toBe(0);
      expect(await withPg(cluster.url("concord_copy"), rowCounts)).toEqual(atBackup.rows);
      const copied = driver === "local" ? localFiles(path.join(copyData, "uploads")) : databaseFiles(cluster.url("concord_copy"), copyEnv);
      expect(await copied.now()).toEqual(atBackup.files);

      // A backup of one kind is refused by the other.
      const wrongKind = runScript("scripts/restore.ts", [archive], { CONCORD_DATA_DIR: tempDataDir(), CONCORD_BLOB_STORE: "local" });
      expect((await wrongKind.exited).code).toBe(1);
      expect(wrongKind.output()).toContain("is a backup of a PostgreSQL database, but Concord is configured for the embedded database");
    } finally {
      cluster.destroy();
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("backup and restore across blob stores", () => {
  let s3: S3TestServer;
  beforeAll(async () => {
    s3 = await startS3TestServer();
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("files in S3 are backed up, restored onto disk, and restored back into the bucket", async () => {
    const data = tempDataDir();
    const env = { CONCORD_DATA_DIR: data, ...s3.env };
    await migratedDataDir(data, (sql) => seed(sql, "S3"));
    const shas = await importFiles(env, [randomBytes(1_500_000), Buffer.from("%PDF-1.4 kept in a bucket")]);
    const expected = Object.fromEntries(shas.map((sha) => [`${sha.slice(0, 2)}/${sha}`, sha]));
    // Nothing of the bucket is on this machine's disk.
    expect(hashUploads(path.join(data, "uploads"))).toEqual({});

    const backup = runScript("scripts/backup.ts", ["--out", path.join(data, "backups")], env);
    expect((await backup.exited).code, backup.output()).toBe(0);
    const archive = archiveFrom(backup.output());

    // Into a new data directory that keeps its files on disk.
    const disk = tempDataDir();
    try {
      const onDisk = runScript("scripts/restore.ts", [archive], { CONCORD_DATA_DIR: disk, CONCORD_BLOB_STORE: "local" });
      expect((await onDisk.exited).code, onDisk.output()).toBe(0);
      expect(hashUploads(path.join(disk, "uploads"))).toEqual(expected);
    } finally {
      fs.rmSync(disk, { recursive: true, force: true });
    }

    // Back into the bucket over a changed one: the lost file returns, the extra one goes.
    const bucket = s3BlobStore(s3.settings);
    await bucket.delete(shas[0]);
    const [extra] = await importFiles(env, [Buffer.from("uploaded after the backup")]);
    const restore = runScript("scripts/restore.ts", [archive, "--force"], env);
    expect((await restore.exited).code, restore.output()).toBe(0);
    expect(restore.output()).toMatch(/2 uploaded files match/);
    expect(await bucket.stat(shas[0])).toEqual({ size: 1_500_000 });
    expect(await bucket.stat(extra)).toBeNull();
    fs.rmSync(data, { recursive: true, force: true });
  }, 180_000);
});
