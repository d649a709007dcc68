import { describe, expect, it } from "vitest";
import { runDueJobs } from "~/jobs/worker.server";
import { DOCUMENT_TEXT_MAX_CHARS, enqueueDocumentText, sweepDocumentText } from "~/models/document-text.server";
import { search } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, uid } from "../factories";
import { pdfBytes, putBlob } from "../factories/document";

// Issue 19 point 8: the text of text and CSV documents is searchable, read in
// the background (a job on upload, a sweep for files stored before).

async function textDocument(programmeId: string, body: string | Buffer, mimeType = "text/plain; charset=utf-8") {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const sha256 = await putBlob(bytes);
  const doc = await prisma.document.create({
    data: { programmeId, sha256, originalName: `notes-${uid()}.txt`, mimeType, sizeBytes: bytes.length, categoryCode: "A07", title: `Notes ${uid()}` },
  });
  return doc;
}

const staff = { scope: { kind: "staff" as const }, locale: "en" as const };
const documentIds = async (q: string, scope: { kind: "staff" } | { kind: "partner"; countries: string[] } = { kind: "staff" }) =>
  (await search({ ...staff, scope }, q, { kind: "document" })).groups.flatMap((g) => g.hits.map((h) => h.id));

describe("document text in search", () => {
  it("finds a text file by words inside it once its job has run, in any script, and only in scope", async () => {
    const t = uid();
    const by = await createProgramme(prisma, { countries: ["BY"] });
    const doc = await textDocument(by.id, `Minutes of the meeting.\nКлинико-затратные группы обсуждались ${t}.\n심사평가원은 ${t} 검토했다.`);
    expect(await documentIds(`затратные ${t}`)).toEqual([]);
    await prisma.$transaction((tx) => enqueueDocumentText(tx, doc));
    await runDueJobs();
    expect(await documentIds(`затратные ${t}`)).toEqual([doc.id]);
    expect(await documentIds("심사평가원")).toContain(doc.id);
    expect(await documentIds(`minutes ${t}`)).toEqual([doc.id]);
    expect(await documentIds(`затратные ${t}`, { kind: "partner", countries: ["KZ"] })).toEqual([]);
  });

  it("finds a PDF by the words on its pages", async () => {
    const t = uid();
    const by = await createProgramme(prisma, { countries: ["BY"] });
    const pdf = await textDocument(by.id, pdfBytes(`Review ${t}`), "application/pdf");
    await prisma.$transaction((tx) => enqueueDocumentText(tx, pdf));
    await runDueJobs();
    expect(await documentIds(`review ${t}`)).toEqual([pdf.id]);
  });

  it("reads CSV files stored before (the sweep), with a bounded length", async () => {
    const t = uid();
    const by = await createProgramme(prisma, { countries: ["BY"] });
    const csv = await textDocument(by.id, `region,drg_group\nBrest,${t}-cardiology\n`, "text/csv; charset=utf-8");
    const huge = await textDocument(by.id, `${"word ".repeat(DOCUMENT_TEXT_MAX_CHARS / 5 + 1000)}tail-${t}`);
    const image = await prisma.document.create({
      data: { programmeId: by.id, sha256: "f".repeat(64), originalName: "x.png", mimeType: "image/png", sizeBytes: 1, categoryCode: "A07", title: `Image ${t}` },
    });
    while ((await sweepDocumentText()) > 0);
    expect(await documentIds(`${t}-cardiology`)).toEqual([csv.id]);
    const stored = await prisma.documentText.findUniqueOrThrow({ where: { sha256: huge.sha256 } });
    expect([stored.text.length <= DOCUMENT_TEXT_MAX_CHARS, stored.truncated]).toEqual([true, true]);
    expect(await documentIds(`tail-${t}`)).toEqual([]);
    expect(await prisma.documentText.findUnique({ where: { sha256: image.sha256 } })).toBeNull();
  });
});
