import { Prisma } from "@prisma/client";
import { getDocumentProxy } from "unpdf";
import { enqueue } from "~/jobs/queue.server";
import { openStoredFile } from "~/models/file-store.server";
import { prisma, type Tx } from "~/utils/db.server";

// The text of stored documents, for search (issue 19 point 8, ADR 0040).
// Extracted in the background ("document.text" job, enqueued with the
// upload; "sweep.document-text" catches files stored before, or whose job
// failed), keyed by the file's sha256, bounded in length. Text and CSV files
// are read as UTF-8; PDF files through unpdf (a maintained build of Mozilla's
// pdf.js for servers, whose build has no eval: fonts are never compiled to
// code, cf. CVE-2024-4367), the first MAX_PDF_PAGES pages.

/** Enough for a long report's words; a bound on the row and on to_tsvector's work. */
export const DOCUMENT_TEXT_MAX_CHARS = 100_000;
/** Bytes read from the file: at most 4 per character of UTF-8, so the bound above is always reachable. */
const MAX_BYTES = DOCUMENT_TEXT_MAX_CHARS * 4;
/** Stored types whose text is read (Document.mimeType as file-store.server.ts writes it). */
const TEXT_TYPES = ["text/plain; charset=utf-8", "text/csv; charset=utf-8"];
const PDF_TYPE = "application/pdf";
const EXTRACTED_TYPES = [...TEXT_TYPES, PDF_TYPE];
/** Pages read from a PDF: a report's words are in its first pages, and a bound on the job's work. */
const MAX_PDF_PAGES = 200;

export function hasExtractableText(mimeType: string): boolean {
  return EXTRACTED_TYPES.includes(mimeType);
}

/** Queues the extraction of a newly stored file (in the upload's transaction: no job without its row). */
export async function enqueueDocumentText(tx: Tx, doc: { sha256: string; mimeType: string }): Promise<void> {
  if (!hasExtractableText(doc.mimeType)) return;
  await enqueue(tx, { name: "document.text", payload: { sha256: doc.sha256 }, key: `document.text:${doc.sha256}` });
}

/** Reads the file's text and stores it; false when the file is not (or no longer) in the store. */
export async function extractDocumentText(sha256: string): Promise<boolean> {
  const doc = await prisma.document.findFirst({ where: { sha256 }, select: { mimeType: true } });
  const file = await openStoredFile(sha256);
  if (!file || !doc || !hasExtractableText(doc.mimeType)) {
    // Gone from the store (or no longer a document of a readable type): an
    // empty text, so the sweep does not look for it every hour.
    file?.stream.destroy();
    await prisma.documentText.upsert({ where: { sha256 }, create: { sha256, text: "" }, update: {} });
    return false;
  }
  const isPdf = doc.mimeType === PDF_TYPE;
  // A PDF is read whole (uploads are bounded by MAX_UPLOAD_BYTES); text up to the character bound.
  const bytes = await readStream(file.stream, isPdf ? Infinity : MAX_BYTES);
  // Invalid UTF-8 becomes U+FFFD rather than failing: the text is for finding, not for showing.
  const raw = isPdf ? await pdfText(bytes) : { text: new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, MAX_BYTES)), truncated: bytes.length >= MAX_BYTES };
  // NUL cannot be stored in a PostgreSQL text column.
  const clean = raw.text.replace(/\u0000/g, " ");
  const truncated = raw.truncated || clean.length > DOCUMENT_TEXT_MAX_CHARS;
  const text = clean.slice(0, DOCUMENT_TEXT_MAX_CHARS);
  await prisma.documentText.upsert({ where: { sha256 }, create: { sha256, text, truncated }, update: { text, truncated, extractedAt: new Date() } });
  return true;
}

async function readStream(stream: NodeJS.ReadableStream & { destroy(): void }, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= limit) break;
  }
  stream.destroy();
  return Buffer.concat(chunks);
}

async function pdfText(bytes: Buffer): Promise<{ text: string; truncated: boolean }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const pages: string[] = [];
    let length = 0;
    const last = Math.min(pdf.numPages, MAX_PDF_PAGES);
    for (let n = 1; n <= last && length <= DOCUMENT_TEXT_MAX_CHARS; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
      pages.push(text);
      length += text.length + 1;
    }
    return { text: pages.join("\n"), truncated: pdf.numPages > last || length > DOCUMENT_TEXT_MAX_CHARS };
  } finally {
    await pdf.cleanup();
  }
}

/** Files of readable types without extracted text (stored before the job existed, or whose job failed): a batch at a time. */
export async function sweepDocumentText(batch = 50): Promise<number> {
  const missing = await prisma.$queryRaw<{ sha256: string }[]>`
    SELECT DISTINCT d.sha256 FROM "Document" d
    WHERE d."mimeType" IN (${Prisma.join(EXTRACTED_TYPES)})
      AND NOT EXISTS (SELECT 1 FROM "DocumentText" t WHERE t.sha256 = d.sha256)
    LIMIT ${batch}`;
  let done = 0;
  for (const { sha256 } of missing) if (await extractDocumentText(sha256)) done++;
  return done;
}
