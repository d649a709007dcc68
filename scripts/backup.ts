// npm run backup [-- --out <dir or file.tar.gz>]
// Writes one archive with the database and the uploaded files (read through
// the blob store, whatever its driver), plus a manifest of row counts and file
// checksums that `npm run restore` verifies.
//   embedded database: needs the data directory to itself (stop the server
//     first; the backup takes the same lock the server does);
//   PostgreSQL (DATABASE_URL): runs while the server is up; pg_dump and the
//     row counts read the same snapshot.
// See docs/operations.md and docs/decisions/0006-backup-and-restore.md.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DataDirLockedError } from "../app/utils/data-dir-lock.server";
import { blobStore } from "../app/storage/blob-store.server";
import { databaseKind, getEmbedded } from "../app/utils/db.server";
import { embeddedDatabaseDir, env } from "../app/utils/env.server";
import { runTask } from "./lifecycle";
import {
  appliedMigrations,
  ARCHIVE_FORMAT,
  BLOB_TABLES,
  countRows,
  exportBlobs,
  libpqEnv,
  packArchive,
  pgliteSql,
  run,
  stagingDir,
  summary,
  withoutBlobTables,
  withPgClient,
  type Manifest,
} from "./lib/backup";

const { values: flags } = parseArgs({ options: { out: { type: "string" } } });

function archivePath(createdAt: Date): string {
  const out = flags.out ?? "backups";
  if (out.endsWith(".tar.gz")) return path.resolve(out);
  const stamp = createdAt.toISOString().replace(/[:.]/g, "-").replace(/-\d{3}Z$/, "Z");
  return path.resolve(out, `concord-${stamp}.tar.gz`);
}

async function backupEmbedded(staging: string): Promise<Pick<Manifest, "tables" | "migrations">> {
  const dir = embeddedDatabaseDir();
  if (dir.startsWith("memory://")) throw new Error("CONCORD_DATA_DIR is memory://: there is nothing on disk to back up.");
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) throw new Error(`There is no embedded database in ${dir}.`);
  let pglite;
  try {
    ({ pglite } = await getEmbedded());
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new Error(
        `${error.message}\nThe embedded database can only be backed up while Concord is stopped: stop the server, run the backup (it takes seconds), start the server again.`,
      );
    }
    throw error;
  }
  const sql = pgliteSql(pglite);
  const tables = withoutBlobTables(await countRows(sql));
  const migrations = await appliedMigrations(sql);
  // PGlite's own dump of its data directory, taken while we hold it alone.
  const dump = await pglite.dumpDataDir("gzip");
  fs.writeFileSync(path.join(staging, "database", "pglite.tar.gz"), Buffer.from(await dump.arrayBuffer()));
  return { tables, migrations };
}

async function backupPostgres(url: string, staging: string, skipBlobRows: boolean): Promise<Pick<Manifest, "tables" | "migrations">> {
  return withPgClient(url, async (client, sql) => {
    // One snapshot for the counts and the dump, so the manifest describes
    // exactly what was dumped even while users keep working.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const [{ snapshot }] = await sql("SELECT pg_export_snapshot() AS snapshot");
      const tables = withoutBlobTables(await countRows(sql));
      const migrations = await appliedMigrations(sql);
      // With the database store its rows are the files, archived under uploads/: not twice.
      const blobRows = skipBlobRows ? BLOB_TABLES.map((table) => `--exclude-table-data="${table}"`) : [];
      run(
        "pg_dump",
        ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${String(snapshot)}`, ...blobRows, "--file", path.join(staging, "database", "concord.dump")],
        { env: libpqEnv(url) },
      );
      return { tables, migrations };
    } finally {
      await client.query("COMMIT");
    }
  });
}

runTask("backup", async () => {
  const createdAt = new Date();
  const archive = archivePath(createdAt);
  const staging = stagingDir("backup");
  try {
    fs.mkdirSync(path.join(staging, "database"));
    const kind = databaseKind();
    const url = env().DATABASE_URL;
    const store = blobStore();
    const { tables, migrations } =
      kind === "postgres" && url ? await backupPostgres(url, staging, store.driver === "database") : await backupEmbedded(staging);
    // Uploaded files are stored once, under their SHA-256, and never changed
    // in place, so copying them after the database snapshot is consistent:
    // every file a backed-up record points to is already there (unless its
    // last document is deleted in the seconds between: then it is missing,
    // as the document would be after the next backup).
    const uploads = await exportBlobs(store, path.join(staging, "uploads"));
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      createdAt: createdAt.toISOString(),
      database: kind,
      migrations,
      tables,
      uploads,
      blobStore: store.driver,
    };
    fs.writeFileSync(path.join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    packArchive(staging, archive);
    fs.chmodSync(archive, 0o600); // it holds every record and file
    return [
      `Backup written to ${archive} (${summary(tables, uploads)}).`,
      "Not included: the key that encrypts authenticator secrets (CONCORD_SECRET_KEY or <data dir>/secret.key); keep it safe separately.",
    ].join("\n");
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
});
