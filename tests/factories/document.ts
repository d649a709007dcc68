import type { ActivityKind, AgreementType, DeliverableStatus, FollowUpStatus, PrismaClient } from "@prisma/client";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { blobStore } from "../../app/storage/blob-store.server";
import { uid } from "./index";

// Factories for documents and for the records documents (and the dashboard)
// attach to, plus small valid files of each accepted type, made in code so
// the tests show exactly what bytes they send.

// ---------------------------------------------------------------------------
// Files

/** A minimal, valid one-page PDF. */
export function pdfBytes(text = "Concord test"): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null, // the content stream, below
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 18 Tf 20 70 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A 1×1 PNG. */
export function pngBytes(): Buffer {
  return Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  );
}

/** A stored (uncompressed) zip archive of the given entries. */
export function zipBytes(entries: { name: string; data: string | Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A minimal Word document (the parts file-type and Word look for first). */
export function docxBytes(): Buffer {
  return zipBytes([
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    },
    {
      name: "_rels/.rels",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    },
    {
      name: "word/document.xml",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Concord</w:t></w:r></w:p></w:body></w:document>',
    },
  ]);
}

/** The start of a Windows executable ("MZ" + PE header). */
export function exeBytes(): Buffer {
  const b = Buffer.alloc(512);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("PE\0\0", 0x80, "latin1");
  return b;
}

/** The start of a Linux executable (ELF). */
export function elfBytes(): Buffer {
  const b = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  return b;
}

/** Writes a sample file for a browser test and returns its path. */
export function writeSampleFile(dir: string, name: string, bytes: Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

export const sha256Hex = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

// ---------------------------------------------------------------------------
// Records

const day = (d: string | Date) => (typeof d === "string" ? new Date(`${d}T00:00:00Z`) : d);

export async function createAgreementRecord(
  db: PrismaClient,
  programmeId: string,
  opts: {
    title?: string;
    type?: AgreementType;
    status?: "DRAFT" | "SIGNED" | "ACTIVE" | "EXPIRED" | "TERMINATED";
    expiresOn?: string | Date | null;
    archived?: boolean;
    parentId?: string;
  } = {},
) {
  return db.agreement.create({
    data: {
      programmeId,
      parentId: opts.parentId ?? null,
      type: opts.type ?? "MOU",
      title: opts.title ?? `Agreement ${uid()}`,
      status: opts.status ?? "ACTIVE",
      expiresOn: opts.expiresOn ? day(opts.expiresOn) : null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createActivityRecord(
  db: PrismaClient,
  programmeId: string,
  opts: {
    title?: string;
    kind?: ActivityKind;
    plannedStart?: string | Date | null;
    plannedEnd?: string | Date | null;
    actualStart?: string | Date | null;
    actualEnd?: string | Date | null;
    datePrecision?: "DAY" | "MONTH" | "YEAR";
    archived?: boolean;
  } = {},
) {
  const d = (v: string | Date | null | undefined) => (v ? day(v) : null);
  return db.activity.create({
    data: {
      programmeId,
      kind: opts.kind ?? "WORKSHOP",
      title: opts.title ?? `Activity ${uid()}`,
      plannedStart: d(opts.plannedStart),
      plannedEnd: d(opts.plannedEnd),
      actualStart: d(opts.actualStart),
      actualEnd: d(opts.actualEnd),
      datePrecision: opts.datePrecision ?? "DAY",
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createDeliverableRecord(
  db: PrismaClient,
  programmeId: string,
  opts: { title?: string; dueDate?: string | Date | null; status?: DeliverableStatus; archived?: boolean; agreementId?: string; evidenceDocumentId?: string } = {},
) {
  return db.deliverable.create({
    data: {
      programmeId,
      title: opts.title ?? `Deliverable ${uid()}`,
      dueDate: opts.dueDate ? day(opts.dueDate) : null,
      status: opts.status ?? "NOT_STARTED",
      agreementId: opts.agreementId ?? null,
      evidenceDocumentId: opts.evidenceDocumentId ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createOutcomeRecord(
  db: PrismaClient,
  activityId: string,
  opts: { text?: string; followUpStatus?: FollowUpStatus; deliverableId?: string | null; dueDate?: string | Date | null; archived?: boolean } = {},
) {
  return db.outcome.create({
    data: {
      activityId,
      type: "AGREED_NEXT_STEP",
      text: opts.text ?? `Outcome ${uid()}`,
      followUpStatus: opts.followUpStatus ?? "NOT_STARTED",
      deliverableId: opts.deliverableId ?? null,
      dueDate: opts.dueDate ? day(opts.dueDate) : null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

/** Puts bytes in the app's configured blob store under their SHA-256. */
export async function putBlob(bytes: Buffer): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "concord-blob-"));
  try {
    const file = path.join(dir, "blob");
    fs.writeFileSync(file, bytes);
    await blobStore().put(sha256, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return sha256;
}

/** The bytes stored under a SHA-256 in the app's configured blob store (null when missing). */
export async function readBlob(sha256: string): Promise<Buffer | null> {
  const blob = await blobStore().get(sha256);
  if (!blob) return null;
  const parts: Buffer[] = [];
  for await (const chunk of blob.stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/**
 * A document row with its file put in the app's configured blob store (for
 * tests that are not about uploading): the uploads directory, the database or
 * S3, as the app under test is configured (CONCORD_BLOB_STORE).
 */
export async function createDocumentRecord(
  db: PrismaClient,
  opts: {
    programmeId: string;
    bytes?: Buffer;
    originalName?: string;
    mimeType?: string;
    title?: string;
    shareable?: boolean;
    archived?: boolean;
    agreementId?: string;
    activityId?: string;
    deliverableId?: string;
    outcomeId?: string;
    categoryCode?: string;
  },
) {
  const bytes = opts.bytes ?? pdfBytes(`Document ${uid()}`);
  const sha256 = await putBlob(bytes);
  return db.document.create({
    data: {
      programmeId: opts.programmeId,
      agreementId: opts.agreementId ?? null,
      activityId: opts.activityId ?? null,
      deliverableId: opts.deliverableId ?? null,
      outcomeId: opts.outcomeId ?? null,
      sha256,
      originalName: opts.originalName ?? "document.pdf",
      mimeType: opts.mimeType ?? "application/pdf",
      sizeBytes: bytes.length,
      categoryCode: opts.categoryCode ?? "A07",
      title: opts.title ?? `Document ${uid()}`,
      shareable: opts.shareable ?? false,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}
