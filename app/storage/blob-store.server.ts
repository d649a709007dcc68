import type { S3ClientConfig } from "@aws-sdk/client-s3";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { databaseKind, prisma, type Tx } from "~/utils/db.server";
import { ConfigurationError, env, uploadsDir } from "~/utils/env.server";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

// Only where the S3 driver is in use (about 28 MB a process).
const s3sdk = loadOnFirstUse<typeof import("@aws-sdk/client-s3")>("@aws-sdk/client-s3");

// Where uploaded files' bytes live, keyed by their SHA-256 (lower-case hex).
// Content-addressed and immutable: a key always names the same bytes, so
// identical files are stored once, a put of a stored key does nothing, and
// any process may serve any file. Three drivers, chosen by
// CONCORD_BLOB_STORE (docs/decisions/0015-blob-store.md):
//   local    - a directory (<uploads>/<sha[0..2]>/<sha>, the layout Concord
//              has always used, so existing uploads keep working); the
//              default on the embedded database;
//   database - the Blob/BlobChunk tables, 1 MiB chunks; the default on
//              PostgreSQL, so several processes and machines need no shared
//              disk and one database backup holds everything;
//   s3       - an S3-compatible bucket (AWS SDK v3).
// What is stored is decided in front of the store (app/models/file-store.server.ts
// checks the content); the store only keeps bytes.

export type BlobDriver = "local" | "database" | "s3";

export type BlobContent = { stream: Readable; size: number };

export type PutOptions = {
  /**
   * The caller's transaction. The database driver writes the blob in it (a
   * rolled-back upload leaves no blob, and the embedded database has one
   * connection, which an open transaction holds); other drivers ignore it.
   */
  tx?: Tx;
  /** The caller gives the file up: the local driver may move it instead of copying. */
  move?: boolean;
};

export interface BlobStore {
  readonly driver: BlobDriver;
  /**
   * Stores the file at `file` under `sha256`, which must be its content's
   * hash (checked: a wrong key is refused). Nothing happens when it is stored already.
   */
  put(sha256: string, file: string, opts?: PutOptions): Promise<void>;
  /** The content as a stream (read as it is sent), or null when it is not stored. */
  get(sha256: string): Promise<BlobContent | null>;
  /** The size, or null when it is not stored. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /** Removes the blob; nothing happens when it is not stored. */
  delete(sha256: string, opts?: { tx?: Tx }): Promise<void>;
  /** Every stored key (for backups and checks), in no particular order. */
  list(): AsyncIterable<string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function assertBlobKey(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error("Not a SHA-256 hex digest");
}

/** The SHA-256 and size of a file, read once. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function checkedSize(sha256: string, file: string): Promise<number> {
  assertBlobKey(sha256);
  const actual = await hashFile(file);
  if (actual.sha256 !== sha256) throw new Error(`Refusing to store ${file} under ${sha256}: its content hashes to ${actual.sha256}`);
  return actual.size;
}

// --- local directory ----------------------------------------------------------

/** The directory driver. `root` holds <sha[0..2]>/<sha>; its .incoming holds files being written. */
export function localBlobStore(root: string): BlobStore {
  const fileOf = (sha256: string) => {
    assertBlobKey(sha256);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    driver: "local",
    async put(sha256, file, opts = {}) {
      await checkedSize(sha256, file);
      const target = fileOf(sha256);
      await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      if (opts.move) {
        try {
          // An atomic rename when the file is on the same file system (uploads
          // are received into <root>/.incoming for that reason); replacing an
          // identical copy is harmless.
          await fsp.rename(file, target);
          return;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        }
      }
      if (fs.existsSync(target)) return;
      // Copied under a temporary name and renamed, so a reader never sees half a file.
      const incoming = path.join(root, ".incoming");
      await fsp.mkdir(incoming, { recursive: true, mode: 0o700 });
      const temp = path.join(incoming, randomUUID());
      try {
        await fsp.copyFile(file, temp);
        await fsp.chmod(temp, 0o600);
        await fsp.rename(temp, target);
      } finally {
        await fsp.rm(temp, { force: true });
      }
    },
    async get(sha256) {
      const file = fileOf(sha256);
      try {
        const { size } = await fsp.stat(file);
        // Opened lazily, on the first read: a stream nobody reads holds no descriptor.
        return { stream: fs.createReadStream(file), size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async stat(sha256) {
      try {
        const s = await fsp.stat(fileOf(sha256));
        return s.isFile() ? { size: s.size } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(sha256) {
      await fsp.rm(fileOf(sha256), { force: true });
    },
    async *list() {
      let dirs: fs.Dirent[];
      try {
        dirs = await fsp.readdir(root, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      for (const dir of dirs) {
        if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
        for (const entry of await fsp.readdir(path.join(root, dir.name), { withFileTypes: true })) {
          if (entry.isFile() && SHA256.test(entry.name) && entry.name.startsWith(dir.name)) yield entry.name;
        }
      }
    },
  };
}

// --- the database ---------------------------------------------------------------

/** Rows of at most 1 MiB: a download holds one chunk in memory at a time. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/** Reads a file in pieces of exactly `size` bytes (the last one shorter). */
async function* fileChunks(file: string, size: number): AsyncGenerator<Uint8Array> {
  const handle = await fsp.open(file, "r");
  try {
    for (;;) {
      const buffer = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return;
      yield filled === size ? buffer : buffer.subarray(0, filled);
      if (filled < size) return;
    }
  } finally {
    await handle.close();
  }
}

export function databaseBlobStore(chunkBytes = BLOB_CHUNK_BYTES): BlobStore {
  return {
    driver: "database",
    async put(sha256, file, opts = {}) {
      const size = await checkedSize(sha256, file);
      const write = async (db: Tx) => {
        // A concurrent put of the same content waits here for the first
        // transaction and then finds the row (or inserts it, if the first rolled back).
        const inserted = await db.$executeRaw`
          INSERT INTO "Blob" ("sha256", "sizeBytes", "chunkCount")
          VALUES (${sha256}, ${BigInt(size)}, ${Math.ceil(size / chunkBytes)})
          ON CONFLICT ("sha256") DO NOTHING`;
        if (inserted === 0) return;
        let index = 0;
        for await (const data of fileChunks(file, chunkBytes)) {
          // Sent as base64 text and decoded by the database: the embedded
          // database's Prisma adapter (pglite-prisma-adapter 0.6) cannot bind a
          // Bytes parameter ("Invalid input for bytea type"); reading works.
          const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
          await db.$executeRaw`INSERT INTO "BlobChunk" ("sha256", "index", "data") VALUES (${sha256}, ${index++}, decode(${base64}, 'base64'))`;
        }
      };
      if (opts.tx) await write(opts.tx);
      else await prisma.$transaction(write);
    },
    async get(sha256) {
      assertBlobKey(sha256);
      const blob = await prisma.blob.findUnique({ where: { sha256 }, select: { sizeBytes: true, chunkCount: true } });
      if (!blob) return null;
      const { chunkCount } = blob;
      // One chunk per query, fetched when the reader wants more bytes (the
      // stream's back-pressure), so a download never holds the whole file.
      async function* chunks() {
        for (let index = 0; index < chunkCount; index++) {
          const chunk = await prisma.blobChunk.findUnique({ where: { sha256_index: { sha256, index } }, select: { data: true } });
          if (!chunk) throw new Error(`Blob ${sha256} lost chunk ${index} while it was being read (deleted?)`);
          yield Buffer.from(chunk.data);
        }
      }
      return { stream: Readable.from(chunks(), { objectMode: false }), size: Number(blob.sizeBytes) };
    },
    async stat(sha256) {
      assertBlobKey(sha256);
      const blob = await prisma.blob.findUnique({ where: { sha256 }, select: { sizeBytes: true } });
      return blob ? { size: Number(blob.sizeBytes) } : null;
    },
    async delete(sha256, opts = {}) {
      assertBlobKey(sha256);
      // Chunks go with it (ON DELETE CASCADE).
      await (opts.tx ?? prisma).blob.deleteMany({ where: { sha256 } });
    },
    async *list() {
      let after: string | undefined;
      for (;;) {
        const rows = await prisma.blob.findMany({
          select: { sha256: true },
          orderBy: { sha256: "asc" },
          take: 1000,
          ...(after ? { cursor: { sha256: after }, skip: 1 } : {}),
        });
        for (const row of rows) yield row.sha256;
        if (rows.length < 1000) return;
        after = rows[rows.length - 1].sha256;
      }
    },
  };
}

// --- S3-compatible object storage ----------------------------------------------------

export type S3Settings = {
  bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"), so one bucket can serve several uses. */
  prefix: string;
  client: S3ClientConfig;
};

function isMissing(error: unknown): boolean {
  if (error instanceof s3sdk().NoSuchKey || error instanceof s3sdk().NotFound) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status === 404;
}

export function s3BlobStore(settings: S3Settings): BlobStore {
  const { S3Client, HeadObjectCommand, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, ListObjectsV2Command } = s3sdk();
  const client = new S3Client(settings.client);
  const { bucket, prefix } = settings;
  const keyOf = (sha256: string) => {
    assertBlobKey(sha256);
    return `${prefix}${sha256}`;
  };
  const stat = async (sha256: string) => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
      return { size: Number(head.ContentLength ?? 0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
  return {
    driver: "s3",
    async put(sha256, file) {
      const size = await checkedSize(sha256, file);
      if (await stat(sha256)) return;
      // Streamed from the file with its length known, so the SDK sends one
      // plain PUT (no multipart upload for files Concord accepts).
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: keyOf(sha256), Body: fs.createReadStream(file), ContentLength: size, ContentType: "application/octet-stream" }),
      );
    },
    async get(sha256) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
        // In Node the body is an http.IncomingMessage: a Readable read as it is sent on.
        return { stream: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    stat,
    async delete(sha256) {
      // S3 answers 204 for a key that does not exist.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(sha256) }));
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const name = object.Key?.slice(prefix.length) ?? "";
          if (SHA256.test(name)) yield name;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}

// --- configuration -------------------------------------------------------------------

/** The driver in force: CONCORD_BLOB_STORE, else local on the embedded database and database on PostgreSQL. */
export function blobDriver(): BlobDriver {
  return env().CONCORD_BLOB_STORE ?? (databaseKind() === "postgres" ? "database" : "local");
}

export type S3Options = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  prefix?: string;
};

export function s3Settings(o: S3Options): S3Settings {
  return {
    bucket: o.bucket,
    prefix: o.prefix ? o.prefix.replace(/\/*$/, "/") : "",
    client: {
      region: o.region,
      endpoint: o.endpoint,
      forcePathStyle: o.forcePathStyle ?? false,
      // Unset: the SDK's own chain (AWS_* variables, shared config, the instance's role).
      credentials: o.accessKeyId && o.secretAccessKey ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } : undefined,
      // Newer SDKs add CRC checksums in an aws-chunked body to every upload,
      // which many S3-compatible servers (older MinIO, Ceph, Garage, test
      // servers) do not understand. The content's SHA-256 is checked by
      // Concord itself (put refuses a wrong key; restore verifies every file).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    },
  };
}

/** The S3 settings from the environment (CONCORD_S3_*); throws ConfigurationError when the bucket is missing. */
export function s3SettingsFromEnv(): S3Settings {
  const e = env();
  if (!e.CONCORD_S3_BUCKET) throw new ConfigurationError("CONCORD_BLOB_STORE=s3 needs CONCORD_S3_BUCKET (and usually CONCORD_S3_REGION, CONCORD_S3_ENDPOINT and credentials).");
  return s3Settings({
    bucket: e.CONCORD_S3_BUCKET,
    region: e.CONCORD_S3_REGION,
    endpoint: e.CONCORD_S3_ENDPOINT,
    accessKeyId: e.CONCORD_S3_ACCESS_KEY_ID,
    secretAccessKey: e.CONCORD_S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.CONCORD_S3_FORCE_PATH_STYLE,
    prefix: e.CONCORD_S3_PREFIX,
  });
}

export function createBlobStore(driver: BlobDriver = blobDriver()): BlobStore {
  switch (driver) {
    case "local":
      return localBlobStore(uploadsDir());
    case "database":
      return databaseBlobStore();
    case "s3":
      return s3BlobStore(s3SettingsFromEnv());
  }
}

let configured: BlobStore | undefined;

/** The store configured for this process (made once; the S3 client keeps its connections). */
export function blobStore(): BlobStore {
  return (configured ??= createBlobStore());
}

/**
 * Files in the uploads directory that the configured store does not hold: a
 * deployment that kept files on disk and now uses the database or S3 (the
 * default changed with issue 15). The server refuses to start while there are
 * any, naming `npm run blobs:import`, instead of answering 404 for old documents.
 */
export async function localBlobsMissingFromStore(store: BlobStore = blobStore(), dir = uploadsDir()): Promise<string[]> {
  if (store.driver === "local") return [];
  const missing: string[] = [];
  for await (const sha256 of localBlobStore(dir).list()) {
    if (!(await store.stat(sha256))) missing.push(sha256);
  }
  return missing;
}

/**
 * Checked at start-up: the configured store can be built (S3 settings), and
 * no file in the uploads directory is missing from a database or S3 store.
 */
export async function checkBlobStore(): Promise<void> {
  const store = blobStore();
  const missing = await localBlobsMissingFromStore(store);
  if (missing.length) {
    throw new ConfigurationError(
      `Uploaded files are kept in the ${store.driver === "s3" ? "S3 bucket" : "database"} (CONCORD_BLOB_STORE=${blobDriver()}), ` +
        `but ${uploadsDir()} holds ${missing.length} file(s) that are not there. Copy them once with \`npm run blobs:import\` ` +
        "(or set CONCORD_BLOB_STORE=local to keep files in that directory).",
    );
  }
}
