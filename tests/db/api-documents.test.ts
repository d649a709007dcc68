import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each test file gets its own uploads directory, set before the app's modules read the environment.
const uploads = await vi.hoisted(async () => {
  const fsMod = await import("node:fs");
  const osMod = await import("node:os");
  const pathMod = await import("node:path");
  const dir = fsMod.mkdtempSync(pathMod.join(osMod.tmpdir(), "concord-api-doc-test-"));
  process.env.CONCORD_UPLOADS_DIR = dir;
  return dir;
});

import * as archiveRoute from "~/routes/api.v1.documents.$id.archive";
import * as fileRoute from "~/routes/api.v1.documents.$id.file";
import * as oneRoute from "~/routes/api.v1.documents.$id";
import * as listRoute from "~/routes/api.v1.documents";
import { incomingDir } from "~/models/file-store.server";
import { DocumentFormSchema } from "~/schemas/document";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createDocumentRecord, exeBytes, pdfBytes } from "../factories/document";
import { apiCaller, apiContext } from "../support/api-call";
import { apiIdentities, expectArchivedOnlyByWriter, expectAuditedWithToken, russianFormMessages, type ApiIdentities } from "../support/api-identities";

// Issue 19, point 5 (helper APIB): the JSON API's documents. Metadata is JSON
// (list, read, PATCH with 409, archive); a new document is a multipart upload
// through the document store's checks, and its file is streamed by
// /api/v1/documents/<id>/file with the download page's scope and audit.
// Partners and donors see only shared documents of their programmes.

const call = apiCaller("http://concord.test/api/v1/documents");

let who: ApiIdentities;
let byProgramme: { id: string };
let by: { id: string };
let byInternal: { id: string };
let kz: { id: string };
const tag = `ApiDoc${Date.now().toString(36)}`;
const byBytes = pdfBytes(`${tag} Minsk report`);

beforeAll(async () => {
  who = await apiIdentities();
  byProgramme = await createProgramme(prisma, { countries: ["BY"], funders: [who.fund.id], title: `${tag} Belarus programme` });
  const kzProgramme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} Kazakhstan programme` });
  by = await createDocumentRecord(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk report`, shareable: true, bytes: byBytes, originalName: "minsk.pdf" });
  byInternal = await createDocumentRecord(prisma, { programmeId: byProgramme.id, title: `${tag} Minsk internal note`, shareable: false });
  kz = await createDocumentRecord(prisma, { programmeId: kzProgramme.id, title: `${tag} Astana report`, shareable: true });
});

afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));

/** POST /api/v1/documents as multipart/form-data, the way a client uploads. */
async function upload(token: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new Blob([new Uint8Array(file.bytes)]), file.name);
  const request = new Request("http://concord.test/api/v1/documents", { method: "POST", headers: { authorization: `Bearer ${token}`, ...headers }, body });
  const res = await listRoute.action({ request, params: {}, context: apiContext });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function download(token: string, id: string) {
  const request = new Request(`http://concord.test/api/v1/documents/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
  const res = await fileRoute.loader({ request, params: { id }, context: apiContext });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe("/api/v1/documents", () => {
  it("a partner's token sees what the partner sees: shared Belarus documents; Kazakhstan and internal ones are 404", async () => {
    const list = await call(listRoute, { token: who.partnerToken, path: `?q=${tag}` });
    expect(list.status).toBe(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: kz.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: byInternal.id })).status).toBe(404);
    expect((await call(oneRoute, { token: who.partnerToken }, { id: by.id })).body).toMatchObject({ id: by.id, originalName: "minsk.pdf", shareable: true, file: `/api/v1/documents/${by.id}/file` });
    expect((await call(oneRoute, { token: who.partnerToken, method: "PATCH", body: { version: 1, title: "Mine" } }, { id: by.id })).status).toBe(403);
    // The file: the same scope as the download page.
    expect((await download(who.partnerToken, kz.id)).status).toBe(404);
    expect((await download(who.partnerToken, byInternal.id)).status).toBe(404);
  });

  it("a donor's token sees the shared documents of programmes its organisation funds", async () => {
    const list = await call(listRoute, { token: who.donorToken, path: `?q=${tag}` });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([by.id]);
    expect((await call(oneRoute, { token: who.donorToken }, { id: kz.id })).status).toBe(404);
  });

  it("streams the file with the download page's headers, and audits the download with the token named", async () => {
    const got = await download(who.partnerToken, by.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(byBytes)).toBe(true);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    expect(got.headers.get("content-disposition")).toContain("attachment");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toContain("sandbox");
    await expectAuditedWithToken("Document", by.id, "download");
  });

  it("lists with the page's filters for staff (internal documents too)", async () => {
    const staffList = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&sort=title&dir=asc` });
    expect(staffList.body.data.map((r: { id: string }) => r.id)).toEqual([kz.id, byInternal.id, by.id]);
    const internal = await call(listRoute, { token: who.staffToken, path: `?q=${tag}&shareable=no` });
    expect(internal.body).toMatchObject({ total: 1, data: [{ id: byInternal.id }] });
  });

  it("uploads as multipart through the document store's checks, audited with the token named", async () => {
    const bytes = pdfBytes(`${tag} uploaded`);
    const created = await upload(who.staffToken, { programmeId: byProgramme.id, title: `${tag} uploaded through the API`, categoryCode: "A07", shareable: "true", "translations.ru.title": "Загружен через API" }, { name: "api.pdf", bytes });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/documents/${created.body.id}`);
    expect(created.body).toMatchObject({ title: `${tag} uploaded through the API`, originalName: "api.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, shareable: true, version: 1 });
    expect(created.body.translations.ru.title).toBe("Загружен через API");
    expect((await download(who.staffToken, created.body.id)).bytes.equals(bytes)).toBe(true);
    await expectAuditedWithToken("Document", created.body.id, "create", who.staff.actor.id);
  });

  it("refuses a bad upload with the form's messages in Russian (the file's on `file`), saving nothing", async () => {
    const before = await prisma.document.count();
    const noFile = await upload(who.staffToken, { programmeId: "", title: "", categoryCode: "A07" }, undefined, { "accept-language": "ru" });
    expect(noFile.status).toBe(400);
    const form = russianFormMessages(DocumentFormSchema, { programmeId: "", title: "", categoryCode: "A07" });
    expect(noFile.body.errors).toMatchObject(form);
    expect(Object.keys(noFile.body.errors).sort()).toEqual([...Object.keys(form), "file"].sort());
    expect(noFile.body.errors.file).toMatch(/[А-Яа-я]/);
    // A program is not a document, whatever its name: the store's content check refuses it.
    const exe = await upload(who.staffToken, { programmeId: byProgramme.id, title: "Report", categoryCode: "A07" }, { name: "report.pdf", bytes: exeBytes() }, { "accept-language": "ru" });
    expect(exe.status).toBe(400);
    expect(Object.keys(exe.body.errors)).toEqual(["file"]);
    expect(exe.body.errors.file).toMatch(/[А-Яа-я]/);
    // JSON is not an upload: 415 naming multipart.
    const json = await call(listRoute, { token: who.staffToken, method: "POST", body: { title: "x" } });
    expect(json.status).toBe(415);
    expect(json.body.detail).toContain("multipart/form-data");
    // Partners never upload (refused before the body is read).
    expect((await upload(who.partnerToken, { programmeId: byProgramme.id, title: "Mine", categoryCode: "A07" }, { name: "a.pdf", bytes: pdfBytes() })).status).toBe(403);
    expect(await prisma.document.count()).toBe(before);
    // No temporary file left behind by the refused uploads.
    expect(fs.existsSync(incomingDir()) ? fs.readdirSync(incomingDir()) : []).toEqual([]);
  });

  it("answers a stale version with 409 and the current record", async () => {
    const first = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: `${tag} Minsk report, final` } }, { id: by.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ title: `${tag} Minsk report, final`, version: 2, shareable: true, programmeId: byProgramme.id });
    const stale = await call(oneRoute, { token: who.staffToken, method: "PATCH", body: { version: 1, title: "Again" } }, { id: by.id });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, current: { id: by.id, title: `${tag} Minsk report, final`, version: 2 } });
    await expectAuditedWithToken("Document", by.id, "update");
  });

  it("refuses writes through a read-only token (403) and archives through a writer", async () => {
    expect((await upload(who.readOnlyToken, { programmeId: byProgramme.id, title: "Ro", categoryCode: "A07" }, { name: "a.pdf", bytes: pdfBytes() })).status).toBe(403);
    await expectArchivedOnlyByWriter(call, archiveRoute, who, {
      id: kz.id,
      entityType: "Document",
      archived: async () => (await prisma.document.findUniqueOrThrow({ where: { id: kz.id } })).archivedAt !== null,
    });
  });
});
