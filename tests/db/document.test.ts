import fs from "node:fs";
import { ctxFor } from "~/models/ctx.server";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each test file gets its own uploads directory, set before the app's
// modules read the environment.
const uploads = await vi.hoisted(async () => {
  const fsMod = await import("node:fs");
  const osMod = await import("node:os");
  const pathMod = await import("node:path");
  const dir = fsMod.mkdtempSync(pathMod.join(osMod.tmpdir(), "concord-doc-test-"));
  process.env.CONCORD_UPLOADS_DIR = dir;
  return dir;
});

import { loadScope, type Scope } from "~/auth/scope.server";
import {
  createDocument,
  deleteDocument,
  DOCUMENT_LIST,
  documentPrefill,
  getDocument,
  listDocuments,
  openDocumentForDownload,
  setDocumentArchived,
  updateDocument,
} from "~/models/document.server";
import { attachmentDisposition, cleanFileName, incomingDir, receiveUpload, type ReceivedUpload } from "~/models/file-store.server";
import { blobDriver, blobStore } from "~/storage/blob-store.server";
import { listHistory } from "~/models/history.server";
import { DocumentFormSchema, type DocumentForm } from "~/schemas/document";
import { prisma } from "~/utils/db.server";
import { ConflictError, DependentsError, DomainError, domainErrorStatus } from "~/utils/errors.server";
import { uploadsDir } from "~/utils/env.server";
import { formDataToObject } from "~/utils/form";
import { parseListQuery } from "~/utils/list-query";
import { createOrganisation, createProgramme, createUser } from "../factories";
import {
  createActivityRecord,
  createAgreementRecord,
  createDeliverableRecord,
  createDocumentRecord,
  createOutcomeRecord,
  docxBytes,
  elfBytes,
  exeBytes,
  pdfBytes,
  pngBytes,
  sha256Hex,
} from "../factories/document";
import { english } from "../support/english";

const actor = { id: "", email: "" };
let programmeId: string;
let kzProgrammeId: string;
let fund: { id: string };
let agreementId: string;
let kzAgreementId: string;

beforeAll(async () => {
  expect(uploadsDir()).toBe(uploads);
  const { user } = await createUser(prisma, { role: "STAFF" });
  Object.assign(actor, { id: user.id, email: user.email });
  fund = await createOrganisation(prisma, { shortName: `KOFIH-${Date.now()}` });
  programmeId = (await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: "DRG pilot in Belarus" })).id;
  kzProgrammeId = (await createProgramme(prisma, { countries: ["KZ"], title: "Cancer care in Kazakhstan" })).id;
  agreementId = (await createAgreementRecord(prisma, programmeId, { title: "MoU with the Ministry of Health", type: "MOU" })).id;
  kzAgreementId = (await createAgreementRecord(prisma, kzProgrammeId, { title: "Contract in Kazakhstan", type: "CONTRACT" })).id;
});

afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));

function form(overrides: Record<string, unknown> = {}): DocumentForm {
  return DocumentFormSchema.parse({ agreementId, title: "Signed MoU", categoryCode: "A09", shareable: "on", ...overrides });
}

function chunks(bytes: Buffer, size = 64 * 1024): AsyncIterable<Uint8Array> {
  return Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })());
}

async function receive(bytes: Buffer, name: string, maxBytes?: number): Promise<ReceivedUpload> {
  const result = await receiveUpload(chunks(bytes), name, { maxBytes });
  if (!result.ok) throw new Error(result.message);
  return result.upload;
}

/**
 * Every key in the blob store (the local directory on the embedded database,
 * the database on PostgreSQL, or as CONCORD_BLOB_STORE says).
 */
async function filesInStore(): Promise<string[]> {
  const out: string[] = [];
  for await (const key of blobStore().list()) out.push(key);
  return out.sort();
}

async function isStored(sha256: string): Promise<boolean> {
  return (await blobStore().stat(sha256)) !== null;
}

async function storedBytes(sha256: string): Promise<Buffer | null> {
  const blob = await blobStore().get(sha256);
  if (!blob) return null;
  const parts: Buffer[] = [];
  for await (const chunk of blob.stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function expectRefused(bytes: Buffer, name: string, message: RegExp) {
  const rowsBefore = await prisma.document.count();
  const filesBefore = await filesInStore();
  const upload = await receive(bytes, name);
  const error = await createDocument(ctxFor(actor), form(), upload).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).details.field).toBe("file");
  expect(english((error as DomainError).message)).toMatch(message);
  expect(await prisma.document.count()).toBe(rowsBefore);
  expect(await filesInStore()).toEqual(filesBefore);
  expect(fs.readdirSync(incomingDir())).toEqual([]);
  if (!filesBefore.includes(sha256Hex(bytes))) expect(await isStored(sha256Hex(bytes))).toBe(false);
}

describe("DocumentFormSchema", () => {
  const errors = (values: Record<string, unknown>) => {
    const r = DocumentFormSchema.safeParse({ title: "T", categoryCode: "A07", programmeId: "p", ...values });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), english(i.message)]));
  };

  it("requires a title, a category from the IATI list and something to attach to", () => {
    expect(errors({ title: " ", categoryCode: "Z99" })).toEqual({
      title: "Enter a title.",
      categoryCode: "Choose a document category from the IATI list.",
    });
    expect(errors({ programmeId: "" })).toEqual({ programmeId: "Choose the programme (or the record) this document belongs to." });
    expect(errors({ programmeId: "", outcomeId: "o1" })).toEqual({});
  });

  it("checks the language and the date", () => {
    expect(errors({ languageCode: "xx" })).toEqual({ languageCode: "Choose a language from the list." });
    expect(errors({ languageCode: "", documentDate: "2019-02-30" })).toEqual({ documentDate: "The document date is not a real date." });
    expect(errors({ languageCode: "ko", documentDate: "2019-11-27" })).toEqual({});
  });
});

describe("file names", () => {
  it("keeps only the last path segment, strips control characters and keeps Unicode", () => {
    expect(cleanFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(cleanFileName("C:\\Users\\a\\report.pdf")).toBe("report.pdf");
    expect(cleanFileName("Меморандум\u0000 NHIS\r\n.pdf")).toBe("Меморандум NHIS.pdf");
    expect(cleanFileName("report\u202Efdp.exe")).toBe("reportfdp.exe");
    // macOS sends Korean names decomposed; they are stored composed.
    expect(cleanFileName("보고서.pdf".normalize("NFD"))).toBe("보고서.pdf");
    expect(cleanFileName("..")).toBe("file");
  });

  it("sends Cyrillic names intact with an ASCII fallback", () => {
    expect(attachmentDisposition("Меморандум NHIS.pdf")).toBe(
      `attachment; filename="_ NHIS.pdf"; filename*=UTF-8''%D0%9C%D0%B5%D0%BC%D0%BE%D1%80%D0%B0%D0%BD%D0%B4%D1%83%D0%BC%20NHIS.pdf`,
    );
    expect(attachmentDisposition(`a"b\\c%.pdf`)).toBe(`attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`);
  });
});

describe("uploading", () => {
  it("stores a PDF under its SHA-256 with the metadata and an audit event", async () => {
    const bytes = pdfBytes("MoU");
    const upload = await receive(bytes, "../../etc/Меморандум NHIS.pdf");
    expect(upload.sha256).toBe(sha256Hex(bytes));
    expect(upload.sizeBytes).toBe(bytes.length);
    const doc = await createDocument(ctxFor(actor), form({ documentDate: "2019-11-27", languageCode: "ru", description: "Signed in Minsk" }), upload);
    expect(doc).toMatchObject({
      programmeId,
      agreementId,
      originalName: "Меморандум NHIS.pdf",
      mimeType: "application/pdf",
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      categoryCode: "A09",
      shareable: true,
      languageCode: "ru",
      uploadedById: actor.id,
    });
    expect((await storedBytes(doc.sha256))?.equals(bytes)).toBe(true);
    // The local store keeps the layout uploads have always had on disk.
    if (blobDriver() === "local") expect(fs.readFileSync(path.join(uploads, doc.sha256.slice(0, 2), doc.sha256)).equals(bytes)).toBe(true);
    expect(fs.readdirSync(incomingDir())).toEqual([]);
    const history = await listHistory("Document", doc.id);
    expect(history.map((h) => h.action)).toEqual(["create"]);
    // The history names the agreement by its title (the audit event keeps its id).
    expect(history[0].changes).toMatchObject({ title: "Signed MoU", originalName: "Меморандум NHIS.pdf", agreementId: "MoU with the Ministry of Health" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Document", entityId: doc.id } });
    expect(event.changes).toMatchObject({ agreementId });
  });

  it("accepts PNG, DOCX and UTF-8 text by their content", async () => {
    const png = await createDocument(ctxFor(actor), form({ title: "Photo" }), await receive(pngBytes(), "photo.png"));
    expect(png.mimeType).toBe("image/png");
    const docx = await createDocument(ctxFor(actor), form({ title: "Report" }), await receive(docxBytes(), "Отчёт.docx"));
    expect(docx.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const csv = await createDocument(ctxFor(actor), form({ title: "Participants" }), await receive(Buffer.from("name,org\nКим,NHIS\n"), "participants.csv"));
    expect(csv.mimeType).toBe("text/csv; charset=utf-8");
    const txt = await createDocument(ctxFor(actor), form({ title: "Notes" }), await receive(Buffer.from("회의 메모\n"), "메모.txt"));
    expect(txt.mimeType).toBe("text/plain; charset=utf-8");
    expect(txt.originalName).toBe("메모.txt");
  });

  it("refuses executables, whatever their name", async () => {
    await expectRefused(exeBytes(), "report.pdf", /not accepted \(the content is EXE/);
    await expectRefused(elfBytes(), "report.pdf", /not accepted \(the content is ELF/);
    await expectRefused(exeBytes(), "setup.exe", /not accepted/);
  });

  it("refuses a file whose content does not match its extension", async () => {
    await expectRefused(pngBytes(), "report.pdf", /content is a PNG image, but its name ends in \.pdf/);
    await expectRefused(pngBytes(), "report.docx", /content is a PNG image, but its name ends in \.docx/);
    await expectRefused(Buffer.from("just text"), "report.pdf", /name ends in \.pdf, but its content is not a PDF document/);
    await expectRefused(pdfBytes(), "report", /has no extension; as a PDF document it should end in \.pdf/);
  });

  it("refuses text files that are not UTF-8 text", async () => {
    await expectRefused(Buffer.from([0x68, 0x69, 0x00, 0x21]), "notes.txt", /must be plain text in UTF-8/);
    await expectRefused(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), "windows-1251.csv", /must be plain text in UTF-8/);
    await expectRefused(Buffer.from("some bytes"), "data.bin", /Files of this type are not accepted/);
  });

  it("refuses an empty file and leaves nothing behind", async () => {
    const before = await filesInStore();
    const empty = await receiveUpload(chunks(Buffer.alloc(0)), "empty.pdf");
    expect(empty.ok ? empty : { ok: false, message: english(empty.message) }).toEqual({ ok: false, message: "The file is empty." });
    expect(await filesInStore()).toEqual(before);
  });

  it("stops past the size limit, leaves nothing behind and keeps reading the rest of the form", async () => {
    const before = await filesInStore();
    const small = await receiveUpload(chunks(Buffer.alloc(5000, 1), 1000), "big.pdf", { maxBytes: 4096 });
    expect(small.ok ? small : { ok: false, message: english(small.message) }).toEqual({ ok: false, message: "The file is larger than 4.0 KB." });
    // The real limit: 20 MB and one byte, streamed.
    const source = Readable.from((function* () {
      for (let i = 0; i < 20; i++) yield Buffer.alloc(1024 * 1024, 0x25);
      yield Buffer.from([0x25]);
    })());
    const big = await receiveUpload(source, "big.pdf");
    expect(big.ok ? big : { ok: false, message: english(big.message) }).toEqual({ ok: false, message: "The file is larger than 20 MB." });
    expect(await filesInStore()).toEqual(before);
    // Exactly at the limit is fine (refused later for its content, not its size).
    const exact = await receiveUpload(chunks(Buffer.alloc(4096, 0x41)), "exact.txt", { maxBytes: 4096 });
    expect(exact.ok).toBe(true);
    if (exact.ok) fs.rmSync(exact.upload.tempPath);
  });

  it("gives up with a 413 on a file far past the limit", async () => {
    const result = await receiveUpload(chunks(Buffer.alloc(50_000, 1), 1000), "huge.pdf", { maxBytes: 1000, drainLimit: 10_000 }).catch((e: unknown) => e);
    expect(result).toBeInstanceOf(DomainError);
    expect(domainErrorStatus(result as DomainError)).toBe(413);
    expect(fs.readdirSync(incomingDir())).toEqual([]);
  });

  it("refuses a record of another programme and leaves nothing stored", async () => {
    const bytes = pdfBytes("mismatch");
    const rowsBefore = await prisma.document.count();
    const error = await createDocument(ctxFor(actor), form({ programmeId, agreementId: kzAgreementId }), await receive(bytes, "a.pdf")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details.field).toBe("agreementId");
    expect(english((error as DomainError).message)).toBe("The agreement “Contract in Kazakhstan” belongs to another programme than “DRG pilot in Belarus”.");
    expect(await prisma.document.count()).toBe(rowsBefore);
    expect(await isStored(sha256Hex(bytes))).toBe(false);
    expect(fs.readdirSync(incomingDir())).toEqual([]);
  });

  it("takes the programme from the narrowest link and checks the links agree", async () => {
    const activity = await createActivityRecord(prisma, programmeId, { title: "Workshop in Minsk" });
    const outcome = await createOutcomeRecord(prisma, activity.id, { text: "Draft the DRG decree" });
    const kzActivity = await createActivityRecord(prisma, kzProgrammeId, { title: "Visit to Astana" });
    const doc = await createDocument(ctxFor(actor), form({ agreementId: "", outcomeId: outcome.id, title: "Minutes" }), await receive(pdfBytes("minutes"), "minutes.pdf"));
    expect(doc.programmeId).toBe(programmeId);
    const error = await createDocument(
      ctxFor(actor),
      form({ agreementId, activityId: kzActivity.id, title: "Mixed" }),
      await receive(pdfBytes("mixed"), "mixed.pdf"),
    ).catch((e: unknown) => e);
    expect((error as DomainError).details.field).toBe("activityId");
    expect(english((error as DomainError).message)).toBe("The activity “Visit to Astana” belongs to another programme than the agreement chosen.");
  });

  it("prefills the form from the narrowest link, with a category to match", async () => {
    const contract = await createAgreementRecord(prisma, kzProgrammeId, { type: "CONTRACT" });
    const deliverable = await createDeliverableRecord(prisma, programmeId);
    expect(await documentPrefill(new URLSearchParams({ agreement: contract.id }))).toMatchObject({
      programmeId: kzProgrammeId,
      agreementId: contract.id,
      categoryCode: "A11",
    });
    expect(await documentPrefill(new URLSearchParams({ agreement: agreementId }))).toMatchObject({ programmeId, categoryCode: "A09" });
    expect(await documentPrefill(new URLSearchParams({ deliverable: deliverable.id }))).toMatchObject({ programmeId, deliverableId: deliverable.id, categoryCode: "A08" });
    expect(await documentPrefill(new URLSearchParams({ programme: programmeId }))).toMatchObject({ programmeId, agreementId: "", categoryCode: "A07" });
    expect(await documentPrefill(new URLSearchParams({ agreement: "nope" }))).toMatchObject({ programmeId: "", agreementId: "" });
  });

  it("stores identical content once and removes the file with its last document", async () => {
    const bytes = pdfBytes("twice");
    const a = await createDocument(ctxFor(actor), form({ title: "First copy" }), await receive(bytes, "one.pdf"));
    const b = await createDocument(ctxFor(actor), form({ title: "Second copy" }), await receive(bytes, "two.pdf"));
    expect(a.sha256).toBe(b.sha256);
    await deleteDocument(ctxFor(actor), a.id);
    expect(await isStored(a.sha256)).toBe(true);
    await deleteDocument(ctxFor(actor), b.id);
    expect(await isStored(a.sha256)).toBe(false);
    expect((await listHistory("Document", b.id)).map((h) => h.action)).toEqual(["delete", "create"]);
  });
});

describe("scope", () => {
  let shared: { id: string };
  let internal: { id: string };
  let archivedShared: { id: string };
  let kzShared: { id: string };

  beforeAll(async () => {
    shared = await createDocumentRecord(prisma, { programmeId, title: "Shared report", shareable: true, agreementId });
    internal = await createDocumentRecord(prisma, { programmeId, title: "Internal note", shareable: false });
    archivedShared = await createDocumentRecord(prisma, { programmeId, title: "Old shared", shareable: true, archived: true });
    kzShared = await createDocumentRecord(prisma, { programmeId: kzProgrammeId, title: "KZ shared", shareable: true });
  });

  const sees = async (scope: Scope) => {
    const ids = [shared.id, internal.id, archivedShared.id, kzShared.id];
    const found = await Promise.all(ids.map((id) => getDocument(scope, id)));
    return found.filter(Boolean).map((d) => d!.title).sort();
  };

  it("lets staff see every document, archived ones too", async () => {
    expect(await sees({ kind: "staff" })).toEqual(["Internal note", "KZ shared", "Old shared", "Shared report"]);
  });

  it("shows a partner only shareable, active documents of its countries", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    expect(await sees(await loadScope(user))).toEqual(["Shared report"]);
    const { user: kz } = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
    expect(await sees(await loadScope(kz))).toEqual(["KZ shared"]);
    const { user: uz } = await createUser(prisma, { role: "PARTNER", countries: ["UZ"] });
    expect(await sees(await loadScope(uz))).toEqual([]);
  });

  it("shows a donor only shareable documents of the programmes it funds", async () => {
    const { user } = await createUser(prisma, { role: "DONOR", organisationIds: [fund.id] });
    expect(await sees(await loadScope(user))).toEqual(["Shared report"]);
  });

  it("hides a shareable document attached to an archived record from partners", async () => {
    const archivedAgreement = await createAgreementRecord(prisma, programmeId, { archived: true });
    const doc = await createDocumentRecord(prisma, { programmeId, shareable: true, agreementId: archivedAgreement.id });
    expect(await getDocument({ kind: "partner", countries: ["BY"] }, doc.id)).toBeNull();
    expect(await getDocument({ kind: "staff" }, doc.id)).not.toBeNull();
  });

  it("downloads through the same scope and records who downloaded", async () => {
    const partnerBy: Scope = { kind: "partner", countries: ["BY"] };
    const partnerKz: Scope = { kind: "partner", countries: ["KZ"] };
    const donor: Scope = { kind: "donor", organisationIds: [fund.id] };
    expect(await openDocumentForDownload(ctxFor(actor, partnerKz), shared.id)).toBeNull();
    expect(await openDocumentForDownload(ctxFor(actor, partnerBy), internal.id)).toBeNull();
    expect(await openDocumentForDownload(ctxFor(actor, donor), internal.id)).toBeNull();
    expect(await openDocumentForDownload(ctxFor(actor, partnerBy), archivedShared.id)).toBeNull();
    const opened = await openDocumentForDownload(ctxFor(actor, partnerBy, { ip: "10.0.0.1" }), shared.id);
    expect(opened).not.toBeNull();
    const body: Buffer[] = [];
    for await (const chunk of opened!.stream) body.push(chunk as Buffer);
    expect(sha256Hex(Buffer.concat(body))).toBe(opened!.document.sha256);
    opened!.stream.destroy();
    const events = await prisma.auditEvent.findMany({ where: { entityType: "Document", entityId: shared.id, action: "download" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: actor.email, ip: "10.0.0.1" });
    expect(await openDocumentForDownload(ctxFor(actor, { kind: "staff" }), internal.id)).not.toBeNull();
  });

  it("returns null when the file is missing from the store", async () => {
    const doc = await createDocumentRecord(prisma, { programmeId, bytes: pdfBytes("to be lost") });
    await blobStore().delete(doc.sha256);
    expect(await openDocumentForDownload(ctxFor(actor, { kind: "staff" }), doc.id)).toBeNull();
  });
});

describe("list", () => {
  it("searches titles, file names, programmes and countries; filters and sorts", async () => {
    const listProgramme = await createProgramme(prisma, { countries: ["UZ"], title: "Uzbekistan maternal health" });
    await createDocumentRecord(prisma, { programmeId: listProgramme.id, title: "Alpha plan", originalName: "план.pdf", categoryCode: "A02", shareable: true });
    await createDocumentRecord(prisma, { programmeId: listProgramme.id, title: "Beta review", originalName: "review.pdf", categoryCode: "A07", bytes: pdfBytes("a much longer body to make it bigger") });
    const titles = async (params: Record<string, string>) =>
      (await listDocuments({ kind: "staff" }, parseListQuery(new URLSearchParams(params), DOCUMENT_LIST))).rows.map((r) => r.title);
    expect(await titles({ q: "ПЛАН", programme: listProgramme.id })).toEqual(["Alpha plan"]);
    expect((await titles({ q: "uzbekistan" })).sort()).toEqual(["Alpha plan", "Beta review"]);
    expect(await titles({ q: "узбекистан", category: "A07" })).toEqual(["Beta review"]);
    expect(await titles({ programme: listProgramme.id, shareable: "yes" })).toEqual(["Alpha plan"]);
    expect(await titles({ programme: listProgramme.id, shareable: "no" })).toEqual(["Beta review"]);
    expect(await titles({ programme: listProgramme.id, sort: "size", dir: "desc" })).toEqual(["Beta review", "Alpha plan"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await titles({ programme: listProgramme.id, from: today, to: today })).length).toBe(2);
    expect(await titles({ programme: listProgramme.id, to: "2000-01-01" })).toEqual([]);
  });
});

describe("editing, archiving and deleting", () => {
  it("updates metadata with optimistic locking and records what changed", async () => {
    const doc = await createDocument(ctxFor(actor), form({ title: "Draft title" }), await receive(pdfBytes("edit me"), "edit.pdf"));
    await updateDocument(ctxFor(actor), doc.id, 1, form({ title: "Final title", shareable: "", categoryCode: "A11" }));
    const after = await prisma.document.findUniqueOrThrow({ where: { id: doc.id } });
    expect(after).toMatchObject({ title: "Final title", shareable: false, categoryCode: "A11", version: 2 });
    const [latest] = await listHistory("Document", doc.id);
    expect(latest.changes).toEqual({
      title: { before: "Draft title", after: "Final title" },
      categoryCode: { before: "A09", after: "A11" },
      shareable: { before: true, after: false },
    });
    const conflict = await updateDocument(ctxFor(actor), doc.id, 1, form({ title: "Stale" })).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).changes.title).toEqual({ mine: "Draft title", theirs: "Final title" });
  });

  it("keep the title and description in Russian and Korean as IATI narratives, and an edit keeps other languages", async () => {
    const created = await createDocument(
      ctxFor(actor),
      form({ title: "Signed MoU (narratives)", translations: { ru: { title: "Подписанный меморандум", description: "" }, ko: { title: "", description: "" } } }),
      await receive(pdfBytes("narratives"), "narratives.pdf"),
    );
    expect((await prisma.document.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({ ru: { title: "Подписанный меморандум" } });
    // A language the form does not edit (Kazakh, from an import) and another field stay.
    await prisma.document.update({
      where: { id: created.id },
      data: { translations: { ru: { title: "Подписанный меморандум", note: "Примечание" }, kk: { title: "Қол қойылған меморандум" } } },
    });
    const result = await updateDocument(
      ctxFor(actor),
      created.id,
      1,
      form({ title: "Signed MoU (narratives)", translations: { ru: { title: "", description: "" }, ko: { title: "서명된 양해각서", description: "설명" } } }),
    );
    expect(result).toMatchObject({ changed: ["translations"] });
    expect((await prisma.document.findUniqueOrThrow({ where: { id: created.id } })).translations).toEqual({
      ru: { note: "Примечание" },
      kk: { title: "Қол қойылған меморандум" },
      ko: { title: "서명된 양해각서", description: "설명" },
    });
    const [latest] = await listHistory("Document", created.id);
    expect(latest.changes).toEqual({
      translations: {
        before: ["kk title: Қол қойылған меморандум", "ru note: Примечание", "ru title: Подписанный меморандум"],
        after: ["kk title: Қол қойылған меморандум", "ko description: 설명", "ko title: 서명된 양해각서", "ru note: Примечание"],
      },
    });
    // The posted field names (translations.ru.title) become the nested form value.
    const posted = new FormData();
    for (const [k, v] of Object.entries({ agreementId, title: "T", categoryCode: "A09", "translations.ru.title": "Заголовок", "translations.ko.description": "설명" })) posted.append(k, v);
    const parsed = DocumentFormSchema.parse(formDataToObject(posted));
    expect(parsed.translations).toEqual({ ru: { title: "Заголовок" }, ko: { description: "설명" } });
  });

  it("archives and restores", async () => {
    const doc = await createDocumentRecord(prisma, { programmeId, shareable: true });
    await setDocumentArchived(ctxFor(actor), doc.id, true);
    expect(await getDocument({ kind: "partner", countries: ["BY"] }, doc.id)).toBeNull();
    await setDocumentArchived(ctxFor(actor), doc.id, false);
    expect(await getDocument({ kind: "partner", countries: ["BY"] }, doc.id)).not.toBeNull();
    expect((await listHistory("Document", doc.id)).map((h) => h.action)).toEqual(["restore", "archive"]);
  });

  it("refuses to delete the evidence of a deliverable, naming it", async () => {
    const doc = await createDocument(ctxFor(actor), form({ title: "Evidence" }), await receive(pdfBytes("evidence"), "evidence.pdf"));
    await createDeliverableRecord(prisma, programmeId, { title: "DRG methodology report", evidenceDocumentId: doc.id });
    const error = await deleteDocument(ctxFor(actor), doc.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependentsError);
    expect(english((error as Error).message)).toContain("evidence of the deliverable “DRG methodology report”");
    expect(await prisma.document.count({ where: { id: doc.id } })).toBe(1);
    expect(await isStored(doc.sha256)).toBe(true);
  });
});
