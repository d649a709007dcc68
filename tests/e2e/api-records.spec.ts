import { createOrganisation, createProgramme, createUser } from "../factories";
import { createAgreement } from "../factories/deliverable";
import { exeBytes, pdfBytes } from "../factories/document";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, point 5 (helper APIB): agreements, organisations, funding and
// documents through the running server, as a program calls them with a token
// (Playwright's `request`, no cookies): a document uploaded as
// multipart/form-data through the document store's checks, changed with its
// version, downloaded; scope through a partner's token. The reference page
// shows the new operations, the upload as multipart.

const SHOTS = "test-results/shots-api";

async function tokenOf(role: "STAFF" | "PARTNER", scope: { countries?: string[] } = {}) {
  const u = await createUser(prisma, { role, countries: scope.countries });
  const { createApiToken } = await import("../../app/models/api-token.server");
  const { ctxFor } = await import("../../app/models/ctx.server");
  const ctxScope = role === "PARTNER" ? { kind: "partner" as const, countries: scope.countries ?? [] } : undefined;
  const { token } = await createApiToken(ctxFor({ id: u.user.id, email: u.user.email, role }, ctxScope), { name: "writer", expiresInDays: "7", readOnly: false });
  return { authorization: `Bearer ${token}` };
}

test("a program uploads a document, changes it with its version and downloads it; a partner's token sees only its country", async ({ request, page, loginAs }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const by = await createProgramme(prisma, { countries: ["BY"], title: `API records Minsk ${stamp}` });
  const kz = await createProgramme(prisma, { countries: ["KZ"], title: `API records Astana ${stamp}` });
  const staff = await tokenOf("STAFF");
  const partner = await tokenOf("PARTNER", { countries: ["BY"] });

  // Upload: multipart, the file and the upload form's fields.
  const bytes = pdfBytes(`API upload ${stamp}`);
  const created = await request.post("/api/v1/documents", {
    headers: staff,
    multipart: { programmeId: by.id, title: `Signed MoU ${stamp}`, categoryCode: "A09", shareable: "true", file: { name: "mou.pdf", mimeType: "application/pdf", buffer: bytes } },
  });
  expect(created.status()).toBe(201);
  const doc = (await created.json()) as { id: string; version: number; file: string; sizeBytes: number };
  expect(created.headers()["location"]).toBe(`/api/v1/documents/${doc.id}`);
  expect(doc).toMatchObject({ version: 1, sizeBytes: bytes.length, file: `/api/v1/documents/${doc.id}/file` });

  // A program is not a document whatever its name: refused on `file`, in the reader's language, nothing stored.
  const before = await prisma.document.count();
  const exe = await request.post("/api/v1/documents", {
    headers: { ...staff, "accept-language": "ru" },
    multipart: { programmeId: by.id, title: "Отчёт", categoryCode: "A07", file: { name: "report.pdf", mimeType: "application/pdf", buffer: exeBytes() } },
  });
  expect(exe.status()).toBe(400);
  expect(exe.headers()["content-type"]).toContain("application/problem+json");
  const refusal = (await exe.json()) as { errors: Record<string, string> };
  expect(Object.keys(refusal.errors)).toEqual(["file"]);
  expect(refusal.errors.file).toMatch(/[А-Яа-я]/);
  expect(await prisma.document.count()).toBe(before);

  // PATCH with the version; a stale version is 409 with the current record.
  const patched = await request.patch(`/api/v1/documents/${doc.id}`, { headers: staff, data: { version: 1, title: `Signed MoU ${stamp} (final)` } });
  expect(patched.status()).toBe(200);
  const stale = await request.patch(`/api/v1/documents/${doc.id}`, { headers: staff, data: { version: 1, title: "Again" } });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { current: { title: string } }).current.title).toBe(`Signed MoU ${stamp} (final)`);

  // The file, streamed with the download page's headers; the partner may download the shared document.
  const file = await request.get(doc.file, { headers: partner });
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect(file.headers()["content-disposition"]).toContain("attachment");
  expect(Buffer.from(await file.body()).equals(bytes)).toBe(true);

  // Scope: a Kazakhstan agreement is 404 to the Belarus partner's token; organisations are for staff.
  const minsk = await createAgreement(prisma, { programmeId: by.id, title: `API records MoU Minsk ${stamp}` });
  const astana = await createAgreement(prisma, { programmeId: kz.id, title: `API records MoU Astana ${stamp}` });
  const agreements = await request.get(`/api/v1/agreements?q=${encodeURIComponent(stamp)}`, { headers: partner });
  expect(((await agreements.json()) as { data: { id: string }[] }).data.map((a) => a.id)).toEqual([minsk.id]);
  expect((await request.get(`/api/v1/agreements/${astana.id}`, { headers: partner })).status()).toBe(404);
  const org = await createOrganisation(prisma, { countryCode: "BY" });
  expect((await request.get(`/api/v1/organisations/${org.id}`, { headers: partner })).status()).toBe(403);
  expect((await request.get(`/api/v1/organisations/${org.id}`, { headers: staff })).status()).toBe(200);

  // The reference page lists the new operations; the upload's body is multipart/form-data.
  await loginAs("STAFF");
  await page.goto("/api/v1/docs");
  const upload = page.getByRole("heading", { name: /^POST \/api\/v1\/documents Create a document/ });
  await upload.scrollIntoViewIfNeeded();
  await expect(upload).toBeVisible();
  await expect(page.getByRole("heading", { name: /^GET \/api\/v1\/documents\/\{id\}\/file/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^PATCH \/api\/v1\/funding\/\{id\}/ })).toBeVisible();
  await expect(page.getByText("multipart/form-data").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/api-docs-documents.png`, fullPage: false });
});
