import { enqueue } from "~/jobs/queue.server";
import { openStoredFile } from "~/models/file-store.server";
import { prisma, type Tx } from "~/utils/db.server";

// The text of stored documents, for search (issue 19 point 8, ADR 0040).
// Extracted in the background ("document.text" job, enqueued with the
// upload; "sweep.document-text" catches files stored before, or whose job
// failed), keyed by the file's sha256, bounded in length. Text and CSV files
// are read as UTF-8 so far; PDF is not extracted yet (see the ADR).

/** Enough for a long report's words; a bound on the row and on to_tsvector's work. */
export const DOCUMENT_TEXT_MAX_CHARS = 100_000;
/** Bytes read from the file: at most 4 per character of UTF-8, so the bound above is always reachable. */
const MAX_BYTES = DOCUMENT_TEXT_MAX_CHARS * 4;
/** Stored types whose text is read (Document.mimeType as file-store.server.ts writes it). */
const TEXT_TYPES = ["text/plain; charset=utf-8", "text/csv; charset=utf-8"];

export function hasExtractableText(mimeType: string): boolean {
  return TEXT_TYPES.includes(mimeType);
}

/** Queues the extraction of a newly stored file (in the upload's transaction: no job without its row). */
export async function enqueueDocumentText(tx: Tx, doc: { sha256: string; mimeType: string }): Promise<void> {
  if (!hasExtractableText(doc.mimeType)) return;
  await enqueue(tx, { name: "document.text", payload: { sha256: doc.sha256 }, key: `document.text:${doc.sha256}` });
}

/** Reads the file's text and stores it; false when the file is not (or no longer) in the store. */
export async function extractDocumentText(sha256: string): Promise<boolean> {
  const file = await openStoredFile(sha256);
  if (!file) {
    // Gone from the store: an empty text, so the sweep does not look for it every hour.
    await prisma.documentText.upsert({ where: { sha256 }, create: { sha256, text: "" }, update: {} });
    return false;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= MAX_BYTES) break;
  }
  file.stream.destroy();
  // Invalid bytes become U+FFFD rather than failing: the text is for finding, not for showing.
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks).subarray(0, MAX_BYTES));
  // NUL cannot be stored in a PostgreSQL text column.
  const clean = decoded.replace(/\u0000/g, " ");
  const truncated = size >= MAX_BYTES || clean.length > DOCUMENT_TEXT_MAX_CHARS;
  const text = clean.slice(0, DOCUMENT_TEXT_MAX_CHARS);
  await prisma.documentText.upsert({ where: { sha256 }, create: { sha256, text, truncated }, update: { text, truncated, extractedAt: new Date() } });
  return true;
}

/** Files of text types without extracted text (stored before the job existed, or whose job failed): a batch at a time. */
export async function sweepDocumentText(batch = 50): Promise<number> {
  const missing = await prisma.$queryRaw<{ sha256: string }[]>`
    SELECT DISTINCT d.sha256 FROM "Document" d
    WHERE d."mimeType" IN (${TEXT_TYPES[0]}, ${TEXT_TYPES[1]})
      AND NOT EXISTS (SELECT 1 FROM "DocumentText" t WHERE t.sha256 = d.sha256)
    LIMIT ${batch}`;
  let done = 0;
  for (const { sha256 } of missing) if (await extractDocumentText(sha256)) done++;
  return done;
}
