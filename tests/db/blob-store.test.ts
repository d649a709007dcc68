import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOB_CHUNK_BYTES, databaseBlobStore, localBlobStore, s3BlobStore, type BlobStore } from "~/storage/blob-store.server";
import { prisma } from "~/utils/db.server";
import { startS3TestServer, type S3TestServer } from "../support/s3-server";

// One contract for every blob store driver: the local directory, the
// database (on the embedded database and on PostgreSQL, as TEST_DB says) and
// S3 (against s3rver on 127.0.0.1, started here).

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "concord-blob-test-"));
let s3: S3TestServer;

beforeAll(async () => {
  s3 = await startS3TestServer();
});

afterAll(async () => {
  await s3?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes bytes to a scratch file, as an upload's temporary file would be. */
function fileOf(bytes: Buffer): string {
  const file = path.join(scratch, `${sha256(bytes)}-${randomBytes(4).toString("hex")}`);
  fs.writeFileSync(file, bytes);
  return file;
}

async function read(store: BlobStore, key: string): Promise<{ bytes: Buffer; pieces: number[] } | null> {
  const blob = await store.get(key);
  if (!blob) return null;
  const parts: Buffer[] = [];
  for await (const chunk of blob.stream) parts.push(Buffer.from(chunk as Uint8Array));
  const bytes = Buffer.concat(parts);
  expect(blob.size).toBe(bytes.length);
  return { bytes, pieces: parts.map((p) => p.length) };
}

async function keys(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const key of store.list()) out.push(key);
  return out.sort();
}

const drivers: [string, () => BlobStore][] = [
  ["local", () => localBlobStore(path.join(scratch, "uploads"))],
  ["database", () => databaseBlobStore()],
  ["s3", () => s3BlobStore(s3.settings)],
];

describe.each(drivers)("the %s blob store", (driver, make) => {
  let store: BlobStore;
  beforeAll(() => {
    store = make();
  });

  it("puts, gets, stats and deletes a blob by its SHA-256", async () => {
    const bytes = Buffer.from(`a small report ${driver} ${randomBytes(8).toString("hex")}`);
    const key = sha256(bytes);
    expect(await store.stat(key)).toBeNull();
    await store.put(key, fileOf(bytes));
    expect(await store.stat(key)).toEqual({ size: bytes.length });
    expect((await read(store, key))?.bytes.equals(bytes)).toBe(true);
    expect(await keys(store)).toContain(key);
    await store.delete(key);
    expect(await store.stat(key)).toBeNull();
    expect(await store.get(key)).toBeNull();
    expect(await keys(store)).not.toContain(key);
  });

  it("stores the same content twice once", async () => {
    const bytes = randomBytes(10_000);
    const key = sha256(bytes);
    const before = await keys(store);
    await store.put(key, fileOf(bytes));
    await store.put(key, fileOf(bytes));
    expect(await keys(store)).toEqual([...before, key].sort());
    if (driver === "database") expect(await prisma.blobChunk.count({ where: { sha256: key } })).toBe(1);
    expect((await read(store, key))?.bytes.equals(bytes)).toBe(true);
  });

  it("streams a file larger than one database chunk in pieces", async () => {
    const bytes = randomBytes(2 * BLOB_CHUNK_BYTES + 12_345);
    const key = sha256(bytes);
    await store.put(key, fileOf(bytes));
    expect(await store.stat(key)).toEqual({ size: bytes.length });
    const got = await read(store, key);
    expect(got?.bytes.equals(bytes)).toBe(true);
    // Read as it arrives, never as one buffer of the whole file.
    expect(Math.max(...(got?.pieces ?? [bytes.length]))).toBeLessThanOrEqual(BLOB_CHUNK_BYTES);
    if (driver === "database") {
      const rows = await prisma.blobChunk.findMany({ where: { sha256: key }, select: { index: true }, orderBy: { index: "asc" } });
      expect(rows.map((r) => r.index)).toEqual([0, 1, 2]);
    }
    await store.delete(key);
    if (driver === "database") expect(await prisma.blobChunk.count({ where: { sha256: key } })).toBe(0);
  });

  it("answers null for a missing key, and deleting it is harmless", async () => {
    const key = sha256(Buffer.from(`never stored ${driver}`));
    expect(await store.get(key)).toBeNull();
    expect(await store.stat(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it("refuses a key that is not the content's hash, and a key that is not a hash", async () => {
    const bytes = Buffer.from(`honest content ${driver}`);
    const wrong = sha256(Buffer.from("other content"));
    await expect(store.put(wrong, fileOf(bytes))).rejects.toThrow(/hashes to/);
    expect(await store.stat(wrong)).toBeNull();
    await expect(store.stat("../../etc/passwd")).rejects.toThrow(/SHA-256/);
    await expect(store.get("AB".repeat(32))).rejects.toThrow(/SHA-256/);
  });

  it("stores an empty file", async () => {
    const key = sha256(Buffer.alloc(0));
    await store.put(key, fileOf(Buffer.alloc(0)));
    expect(await store.stat(key)).toEqual({ size: 0 });
    expect((await read(store, key))?.bytes.length).toBe(0);
    await store.delete(key);
  });
});

describe("the database blob store in a transaction", () => {
  it("writes the blob with the caller's rows: a rollback leaves nothing", async () => {
    const store = databaseBlobStore();
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 1);
    const key = sha256(bytes);
    const file = fileOf(bytes);
    const error = await prisma
      .$transaction(async (tx) => {
        await store.put(key, file, { tx });
        expect(await tx.blob.count({ where: { sha256: key } })).toBe(1);
        throw new Error("the document row failed");
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("the document row failed");
    expect(await store.stat(key)).toBeNull();
    expect(await prisma.blobChunk.count({ where: { sha256: key } })).toBe(0);
    await prisma.$transaction((tx) => store.put(key, file, { tx }));
    expect((await read(store, key))?.bytes.equals(bytes)).toBe(true);
  });
});

describe("the local blob store", () => {
  it("reads files where the uploads directory has always kept them", async () => {
    const root = path.join(scratch, "existing-uploads");
    const bytes = Buffer.from("%PDF-1.4 uploaded before the blob store existed");
    const key = sha256(bytes);
    fs.mkdirSync(path.join(root, key.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(root, key.slice(0, 2), key), bytes);
    fs.mkdirSync(path.join(root, ".incoming"), { recursive: true });
    fs.writeFileSync(path.join(root, ".incoming", "half-received"), "x");
    const store = localBlobStore(root);
    expect((await read(store, key))?.bytes.equals(bytes)).toBe(true);
    expect(await keys(store)).toEqual([key]);
  });

  it("moves a file it is given instead of copying it", async () => {
    const root = path.join(scratch, "move");
    const bytes = randomBytes(5000);
    const file = fileOf(bytes);
    await localBlobStore(root).put(sha256(bytes), file, { move: true });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(path.join(root, sha256(bytes).slice(0, 2), sha256(bytes))).equals(bytes)).toBe(true);
  });
});
