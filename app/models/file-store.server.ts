import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { fileTypeFromFile } from "file-type";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import yauzl from "yauzl";
import { message, type MessageKey, type Vars } from "~/i18n/translate";
import { blobStore, type BlobContent } from "~/storage/blob-store.server";
import type { Tx } from "~/utils/db.server";
import { uploadsDir } from "~/utils/env.server";
import { formatFileSize, MAX_UPLOAD_BYTES } from "~/utils/labels-document";
import { DomainError } from "~/utils/errors.server";

// Uploaded files. A file is streamed to <uploads>/.incoming/<uuid> (on this
// machine's disk, whatever the store) while it is hashed and counted, checked
// by its content, and only then put in the blob store under its SHA-256
// (app/storage/blob-store.server.ts: the uploads directory, the database or
// S3). The stored name never comes from the user, identical files are stored
// once, and a refused upload leaves nothing behind. The temporary directory
// sits inside the uploads directory so that, with the local store, the final
// move is an atomic rename on one file system.

export type ReceivedUpload = {
  /** The temporary file; gone once stored or discarded. */
  tempPath: string;
  sha256: string;
  sizeBytes: number;
  /** The user's file name, cleaned (see cleanFileName). */
  originalName: string;
};

export type UploadResult = { ok: true; upload: ReceivedUpload } | { ok: false; message: string };

export function incomingDir(): string {
  return path.join(uploadsDir(), ".incoming");
}

/**
 * The original file name as kept in the database: only the last path
 * segment, Unicode normalised (macOS sends Korean names decomposed), without
 * control and bidirectional-override characters (which can disguise an
 * extension), whitespace collapsed, at most 200 characters with the
 * extension kept.
 */
export function cleanFileName(name: string | null | undefined): string {
  let n = (name ?? "").normalize("NFC");
  n = n.split(/[/\\]/).pop() ?? "";
  n = n.replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu, "");
  n = n.replace(/\s+/g, " ").trim();
  if (n === "" || /^\.+$/.test(n)) return "file";
  const chars = [...n];
  if (chars.length > 200) {
    const ext = extensionOf(n);
    const keep = ext ? 200 - ext.length - 1 : 200;
    n = chars.slice(0, keep).join("").trimEnd() + (ext ? `.${ext}` : "");
  }
  return n;
}

/** The lower-case extension of a file name ("" when it has none). */
export function extensionOf(name: string): string {
  const m = /\.([^.\s]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

function limitText(maxBytes: number): string {
  return maxBytes % (1024 * 1024) === 0 ? `${maxBytes / (1024 * 1024)} MB` : formatFileSize(maxBytes);
}

/** "The file is larger than 20 MB." for translation (the form shows it in the reader's language). */
function tooLargeMessage(maxBytes: number): string {
  return maxBytes % (1024 * 1024) === 0
    ? message("documents.upload.tooLargeMb", { mb: maxBytes / (1024 * 1024) })
    : message("documents.upload.tooLarge", { limit: formatFileSize(maxBytes) });
}

/**
 * Streams one uploaded file to a temporary file, hashing and counting it.
 * Past `maxBytes` it stops writing and removes what it wrote, but keeps
 * reading (and discarding) the rest of the part so that the fields after the
 * file in a multipart body are still parsed and the form can be shown again
 * with what the user typed. Past `drainLimit` it gives up with a 413.
 */
export async function receiveUpload(
  data: AsyncIterable<Uint8Array>,
  filename: string | null | undefined,
  opts: { maxBytes?: number; drainLimit?: number } = {},
): Promise<UploadResult> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const drainLimit = opts.drainLimit ?? 10 * maxBytes;
  await fsp.mkdir(incomingDir(), { recursive: true, mode: 0o700 });
  const tempPath = path.join(incomingDir(), randomUUID());
  // A file handle opened before the first byte (not a lazily opened stream),
  // so removing the temporary file can never race with its creation.
  const handle = await fsp.open(tempPath, "wx", 0o600);
  const hash = createHash("sha256");
  let size = 0;
  let tooLarge = false;
  try {
    try {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (tooLarge) {
          if (size > drainLimit) throw new DomainError("too_large", `The file is far larger than ${limitText(maxBytes)}.`);
          continue;
        }
        if (size > maxBytes) {
          tooLarge = true;
          continue;
        }
        hash.update(chunk);
        for (let offset = 0; offset < chunk.byteLength; ) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
          offset += bytesWritten;
        }
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fsp.rm(tempPath, { force: true });
    throw error;
  }
  if (tooLarge || size === 0) {
    await fsp.rm(tempPath, { force: true });
    return { ok: false, message: tooLarge ? tooLargeMessage(maxBytes) : message("documents.upload.empty") };
  }
  return { ok: true, upload: { tempPath, sha256: hash.digest("hex"), sizeBytes: size, originalName: cleanFileName(filename) } };
}

/** Reads and discards an upload part that is not kept (so the multipart parser can go on). */
export async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/** `label` names the type in messages ("a {kind}"): a message key. */
type Accepted = { ext: string; mime: string; label: MessageKey; extensions: string[] };

// Detected by their content (file-type).
const DETECTED: Record<string, Accepted> = {
  pdf: { ext: "pdf", mime: "application/pdf", label: "documents.upload.type.pdf", extensions: ["pdf"] },
  docx: { ext: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "documents.upload.type.docx", extensions: ["docx"] },
  xlsx: { ext: "xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "documents.upload.type.xlsx", extensions: ["xlsx"] },
  pptx: { ext: "pptx", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "documents.upload.type.pptx", extensions: ["pptx"] },
  odt: { ext: "odt", mime: "application/vnd.oasis.opendocument.text", label: "documents.upload.type.odt", extensions: ["odt"] },
  ods: { ext: "ods", mime: "application/vnd.oasis.opendocument.spreadsheet", label: "documents.upload.type.ods", extensions: ["ods"] },
  png: { ext: "png", mime: "image/png", label: "documents.upload.type.png", extensions: ["png"] },
  jpg: { ext: "jpg", mime: "image/jpeg", label: "documents.upload.type.jpg", extensions: ["jpg", "jpeg"] },
};

// Recognised by their name, and only when the bytes are UTF-8 text.
const TEXT: Record<string, Accepted> = {
  txt: { ext: "txt", mime: "text/plain; charset=utf-8", label: "documents.upload.type.txt", extensions: ["txt"] },
  csv: { ext: "csv", mime: "text/csv; charset=utf-8", label: "documents.upload.type.csv", extensions: ["csv"] },
};

const NOT_ACCEPTED = "@documents.upload.acceptedList";

/** True when the whole file is valid UTF-8 without NUL bytes. */
async function isUtf8Text(file: string): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file)) {
      const bytes = chunk as Buffer;
      if (bytes.includes(0)) return false;
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

// Office documents (OOXML, OpenDocument) are zip archives. Concord never
// opens them, but the people who download them do (and so would any
// indexer or virus scanner), so an archive that expands absurdly (a "zip
// bomb" renamed .xlsx or .docx) or hides archives inside archives is refused.
// Sizes are counted by inflating the entries, not read from the headers,
// which can lie; inflating stops as soon as a limit is passed.
export const ARCHIVE_LIMITS = {
  /** Bytes all entries may expand to, nested ones included. */
  maxExpandedBytes: 200 * 1024 * 1024,
  /** Expanded / stored size, once the expanded size is past minRatioBytes. */
  maxRatio: 100,
  minRatioBytes: 10 * 1024 * 1024,
  maxEntries: 10_000,
  /** An archive inside the document (an embedded workbook) is inspected; one inside that is refused. */
  maxDepth: 1,
  /** A nested archive is read into memory to inspect it: at most this big. */
  maxNestedBytes: 20 * 1024 * 1024,
};

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ARCHIVE_TYPES = new Set(["docx", "xlsx", "pptx", "odt", "ods"]);

/** Why an office document's archive is refused: a message key of the whole sentence, and its vars. */
class ArchiveRefused extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars?: Vars,
  ) {
    super(key);
  }
}

type Budget = { expanded: number; entries: number };

async function inspectZip(zip: yauzl.ZipFile, depth: number, budget: Budget): Promise<void> {
  for await (const entry of zip.eachEntry()) {
    budget.entries++;
    if (budget.entries > ARCHIVE_LIMITS.maxEntries) throw new ArchiveRefused("documents.upload.refusedEntries", { max: String(ARCHIVE_LIMITS.maxEntries) });
    if (entry.fileName.endsWith("/")) continue;
    // The declared size is checked first (cheap); the inflated bytes decide.
    if (budget.expanded + entry.uncompressedSize > ARCHIVE_LIMITS.maxExpandedBytes) throw new ArchiveRefused("documents.upload.refusedExpands");
    const stream = await zip.openReadStreamPromise(entry);
    const head: Buffer[] = [];
    let headBytes = 0;
    let nested: Buffer[] | null = null;
    let entryBytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        budget.expanded += chunk.length;
        entryBytes += chunk.length;
        if (budget.expanded > ARCHIVE_LIMITS.maxExpandedBytes) throw new ArchiveRefused("documents.upload.refusedExpands");
        if (headBytes < 4) {
          head.push(chunk);
          headBytes += chunk.length;
          if (headBytes >= 4 && Buffer.concat(head).subarray(0, 4).equals(ZIP_SIGNATURE)) {
            if (depth >= ARCHIVE_LIMITS.maxDepth) throw new ArchiveRefused("documents.upload.refusedNested");
            nested = [...head];
            continue;
          }
        }
        if (nested) {
          if (entryBytes > ARCHIVE_LIMITS.maxNestedBytes) throw new ArchiveRefused("documents.upload.refusedNestedSize");
          nested.push(chunk);
        }
      }
    } finally {
      stream.destroy();
    }
    if (nested) {
      const inner = await yauzl.fromBufferPromise(Buffer.concat(nested), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
      try {
        await inspectZip(inner, depth + 1, budget);
      } finally {
        inner.close();
      }
    }
  }
}

/**
 * Checks an uploaded office document's archive: null when it is fine, or the
 * reason it is refused (too large when expanded, a suspicious compression
 * ratio, too many files, nested archives, or not a readable archive).
 */
export async function checkArchive(file: string): Promise<string | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, autoClose: false });
  } catch {
    return message("documents.upload.damaged");
  }
  const budget: Budget = { expanded: 0, entries: 0 };
  try {
    await inspectZip(zip, 0, budget);
    const stored = zip.fileSize || 1;
    if (budget.expanded > ARCHIVE_LIMITS.minRatioBytes && budget.expanded / stored > ARCHIVE_LIMITS.maxRatio) {
      throw new ArchiveRefused("documents.upload.refusedRatio", { ratio: String(Math.round(budget.expanded / stored)) });
    }
    return null;
  } catch (error) {
    if (error instanceof ArchiveRefused) return message(error.key, error.vars);
    return message("documents.upload.damaged");
  } finally {
    zip.close();
  }
}

/**
 * Decides from the file's content whether it is accepted, and its MIME type.
 * The name's extension must agree with the content, so a renamed program or
 * a PNG called report.pdf is refused.
 */
export async function checkUploadType(upload: Pick<ReceivedUpload, "tempPath" | "originalName">): Promise<{ ok: true; mimeType: string; ext: string } | { ok: false; message: string }> {
  const nameExt = extensionOf(upload.originalName);
  const detected = await fileTypeFromFile(upload.tempPath);
  if (detected) {
    const accepted = DETECTED[detected.ext];
    if (!accepted) {
      return { ok: false, message: message("documents.upload.notDocument", { detected: detected.ext.toUpperCase(), accepted: NOT_ACCEPTED }) };
    }
    if (!accepted.extensions.includes(nameExt)) {
      return {
        ok: false,
        message: nameExt
          ? message("documents.upload.nameMismatch", { kind: `@${accepted.label}`, nameExt, ext: accepted.ext })
          : message("documents.upload.noExtension", { kind: `@${accepted.label}`, ext: accepted.ext }),
      };
    }
    if (ARCHIVE_TYPES.has(accepted.ext)) {
      const problem = await checkArchive(upload.tempPath);
      if (problem) return { ok: false, message: problem };
    }
    return { ok: true, mimeType: accepted.mime, ext: accepted.ext };
  }
  const text = TEXT[nameExt];
  if (!text) {
    return {
      ok: false,
      message: nameExt && DETECTED[nameExt === "jpeg" ? "jpg" : nameExt]
        ? message("documents.upload.contentMismatch", { nameExt, kind: `@${DETECTED[nameExt === "jpeg" ? "jpg" : nameExt].label}` })
        : message("documents.upload.notAccepted", { accepted: NOT_ACCEPTED }),
    };
  }
  if (!(await isUtf8Text(upload.tempPath))) {
    return { ok: false, message: message("documents.upload.notUtf8", { ext: nameExt }) };
  }
  return { ok: true, mimeType: text.mime, ext: text.ext };
}

// A process killed while receiving or checking an upload (SIGKILL, a crash,
// the machine losing power) leaves its temporary file in .incoming for ever:
// nothing else refers to it. The hourly "sweep.uploads" job removes them
// (app/jobs/handlers.server.ts). Only files older than an hour go: several processes may share one
// uploads directory (PostgreSQL deployments), and another one's upload in
// progress is younger than that (writing it keeps its mtime fresh; receiving
// and checking a 20 MB file takes seconds).
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/** Removes temporary upload files last written more than `maxAgeMs` ago; returns how many. */
export async function sweepStaleUploads(maxAgeMs = STALE_UPLOAD_MS, now = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await fsp.readdir(incomingDir());
  } catch {
    return 0; // no upload received yet
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(incomingDir(), name);
    try {
      const stat = await fsp.lstat(file);
      if (!stat.isFile() || now - stat.mtimeMs <= maxAgeMs) continue;
      await fsp.rm(file, { force: true });
      removed++;
    } catch {
      // Gone in the meantime (stored or discarded by its request): nothing to do.
    }
  }
  return removed;
}

/**
 * Puts a checked upload in the blob store (nothing happens when identical
 * content is stored already). With the database store the blob is written in
 * `tx`, so it commits or rolls back with the caller's rows.
 */
export async function storeUpload(upload: ReceivedUpload, tx?: Tx): Promise<void> {
  await blobStore().put(upload.sha256, upload.tempPath, { tx, move: true });
}

/** Removes an upload's temporary file (nothing happens when it has been stored). */
export async function discardUpload(upload: Pick<ReceivedUpload, "tempPath"> | null | undefined): Promise<void> {
  if (upload) await fsp.rm(upload.tempPath, { force: true });
}

/** Removes a stored file (in `tx` with the database store). */
export async function removeStoredFile(sha256: string, tx?: Tx): Promise<void> {
  await blobStore().delete(sha256, { tx });
}

/** The stored file as a stream, or null when it is missing from the store. */
export async function openStoredFile(sha256: string): Promise<BlobContent | null> {
  return blobStore().get(sha256);
}

/**
 * Content-Disposition for a download: a plain-ASCII fallback name for old
 * clients plus the exact UTF-8 name (RFC 6266 / RFC 5987), so Cyrillic and
 * Korean names arrive intact. Written out because it is a few lines and the
 * usual package is not a dependency of the app.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Parses a multipart form with one file field: text fields into FormData
 * (each at most 100 KB), the file streamed to a temporary file. `file` is
 * null when no file was chosen. The caller owns the temporary file (it is
 * moved by storeUpload or removed by discardUpload).
 */
export async function parseUploadForm(
  request: Request,
  fileField = "file",
  opts: { maxBytes?: number } = {},
): Promise<{ formData: FormData; file: UploadResult | null }> {
  if (!/^multipart\/form-data;\s*boundary=/i.test(request.headers.get("Content-Type") ?? "")) {
    throw new DomainError("invalid", "The form must be sent as multipart/form-data.");
  }
  let file: UploadResult | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (typeof filename === "string") {
      // Browsers send an empty part with filename="" when no file was chosen.
      // The multipart parser also reports "" for a name with "=" in it (it
      // splits the header at the first "="): then the part has content.
      if (name === fileField && filename === "" && !file) {
        let bytes = 0;
        for await (const chunk of data) bytes += chunk.byteLength;
        if (bytes > 0) file = { ok: false, message: UNREADABLE_NAME };
        return undefined;
      }
      if (name !== fileField || filename === "" || file) {
        await drain(data);
        return undefined;
      }
      file = await receiveUpload(data, filename, opts);
      return undefined;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > 100_000) throw new DomainError("too_large", "A form field is too long.");
      parts.push(chunk);
    }
    return Buffer.concat(parts).toString("utf8");
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, file };
  } catch (error) {
    const received = file as UploadResult | null;
    if (received?.ok) await discardUpload(received.upload);
    // The parser throws a plain Error on a part header it cannot read, which
    // browsers send for file names with ";" or quotes in them: that is the
    // user's file name, not a server fault (tests/e2e/hostile-files.spec.ts).
    if (error instanceof Error && /^malformed (content-disposition|multipart)/.test(error.message)) {
      return { formData: new FormData(), file: { ok: false, message: UNREADABLE_NAME } };
    }
    throw error;
  }
}

const UNREADABLE_NAME = message("documents.upload.unreadableName");
