import type { Page } from "@playwright/test";
import fs from "node:fs";
import { createProgramme, uid } from "../factories";
import { createAgreementRecord, createDocumentRecord, exeBytes, pdfBytes } from "../factories/document";
import { expect, prisma, test } from "./support/fixtures";

// The server under test keeps uploads in its configured blob store; this
// process reaches the same store from the same environment (the factories).

const fileInput = (page: Page) => page.getByLabel(/^File/);
const titleInput = (page: Page) => page.getByRole("textbox", { name: /^Title/ });

test.describe("documents", () => {
  test("staff upload a PDF with a Cyrillic name to an agreement and download it intact", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `DRG pilot ${uid()}` });
    const agreement = await createAgreementRecord(prisma, programme.id, { title: `MoU NHIS – Ministry of Health ${uid()}`, type: "MOU" });
    await loginAs("STAFF");
    const bytes = pdfBytes("Memorandum");
    const title = `Signed memorandum ${uid()}`;

    await page.goto(`/documents/new?agreement=${agreement.id}`);
    await expect(page.getByRole("combobox", { name: /^Category/ })).toHaveValue("A09");
    await expect(page.getByRole("combobox", { name: "Agreement" })).toHaveValue(agreement.id);
    await fileInput(page).setInputFiles({ name: "Меморандум NHIS.pdf", mimeType: "application/pdf", buffer: bytes });
    await titleInput(page).fill(title);
    await page.getByRole("checkbox", { name: "Shareable with partners" }).check();
    await page.getByRole("button", { name: "Upload document" }).click();

    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByRole("definition").filter({ hasText: "Меморандум NHIS.pdf" })).toBeVisible();
    await expect(page.getByRole("link", { name: agreement.title })).toHaveAttribute("href", `/agreements/${agreement.id}`);
    const documentUrl = page.url();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Меморандум NHIS.pdf");
    expect(fs.readFileSync(await file.path()).equals(bytes)).toBe(true);

    await page.goto(`/agreements/${agreement.id}`);
    await expect(page.getByRole("link", { name: title })).toHaveAttribute("href", new URL(documentUrl).pathname);

    await page.goto(new URL(documentUrl).pathname);
    await expect(page.getByText(/Downloads \(1\)/)).toBeVisible();
  });

  test("a renamed executable is refused next to the file field, keeping what was typed", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Cancer care ${uid()}` });
    await loginAs("STAFF");
    const title = `Quarterly report ${uid()}`;
    await page.goto(`/documents/new?programme=${programme.id}`);
    await fileInput(page).setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: exeBytes() });
    await titleInput(page).fill(title);
    await page.getByRole("textbox", { name: "Description" }).fill("Для министерства");
    await page.getByRole("button", { name: "Upload document" }).click();

    await expect(fileInput(page)).toHaveAttribute("aria-invalid", "true");
    await expect(fileInput(page)).toHaveAccessibleDescription(/Files of this type are not accepted \(the content is EXE/);
    await expect(fileInput(page)).toHaveAccessibleDescription(/Choose the file again/);
    await expect(titleInput(page)).toHaveValue(title);
    await expect(page.getByRole("textbox", { name: "Description" })).toHaveValue("Для министерства");
    await expect(page.getByRole("combobox", { name: "Programme" })).toHaveValue(programme.id);
    expect(await prisma.document.count({ where: { title } })).toBe(0);

    // With JavaScript a file past the limit is refused as soon as it is chosen, before it is sent.
    await fileInput(page).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 0x25) });
    await expect(fileInput(page)).toHaveAccessibleDescription(/The file is larger than 20 MB\./);
    await expect(fileInput(page)).toHaveValue("");
  });

  test("a partner of another country gets 404 for the download; the programme's partner gets the file", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Belarus ${uid()}` });
    const doc = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: true, originalName: "보고서 2024.pdf" });
    const internal = await createDocumentRecord(prisma, { programmeId: programme.id, shareable: false });

    await loginAs("PARTNER", { countries: ["KZ"] });
    const foreign = await page.request.get(`/documents/${doc.id}/download`);
    expect(foreign.status()).toBe(404);

    await page.context().clearCookies();
    await loginAs("PARTNER", { countries: ["BY"] });
    expect((await page.request.get(`/documents/${internal.id}/download`)).status()).toBe(404);
    const own = await page.request.get(`/documents/${doc.id}/download`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/pdf");
    expect(own.headers()["x-content-type-options"]).toBe("nosniff");
    expect(own.headers()["cache-control"]).toBe("private, no-store");
    expect(own.headers()["content-disposition"]).toBe(`attachment; filename="_ 2024.pdf"; filename*=UTF-8''${encodeURIComponent("보고서 2024.pdf")}`);
    // The record page itself is for staff.
    expect((await page.goto(`/documents/${doc.id}`))?.status()).toBe(403);
  });

  test("the list finds documents by file name and exports exactly its columns", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Kazakhstan ${uid()}` });
    const name = `Протокол-${uid()}.pdf`;
    await createDocumentRecord(prisma, { programmeId: programme.id, originalName: name, title: "Minutes of the working group" });
    await loginAs("STAFF");
    await page.goto(`/documents?q=${encodeURIComponent(name.slice(0, 14).toLowerCase())}`);
    const table = page.getByRole("table", { name: "Documents" });
    await expect(table.getByRole("link", { name: "Minutes of the working group" })).toBeVisible();
    const headers = await table.getByRole("columnheader").allInnerTexts();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV (1 row)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-documents-\d{4}-\d{2}-\d{2}\.csv$/);
    const [head, row] = fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(head.split(",")).toEqual(headers.map((h) => h.replace(/[▲▼↕]/g, "").trim()));
    expect(row).toContain(name);
  });
});

test.describe("document records", () => {
  test("staff edit the details, archive, and delete unless it is a deliverable's evidence", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Records ${uid()}` });
    const doc = await createDocumentRecord(prisma, { programmeId: programme.id, title: "Draft minutes" });
    const evidence = await createDocumentRecord(prisma, { programmeId: programme.id, title: "Methodology report (evidence)" });
    const deliverable = await prisma.deliverable.create({ data: { programmeId: programme.id, title: `DRG methodology ${uid()}`, evidenceDocumentId: evidence.id } });
    await loginAs("STAFF");

    await page.goto(`/documents/${doc.id}`);
    await page.getByRole("link", { name: "Edit details" }).click();
    await titleInput(page).fill("Minutes of the working group, 27 November 2019");
    await page.getByRole("combobox", { name: "Language", exact: true }).selectOption("ru");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Minutes of the working group, 27 November 2019" })).toBeVisible();
    await expect(page.getByText("Title: Draft minutes → Minutes of the working group, 27 November 2019")).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "Russian" })).toBeVisible();

    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("status")).toContainText("Archived");
    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page).toHaveURL(/\/documents$/);
    await expect(page.getByRole("status")).toHaveText("Deleted.");
    expect(await prisma.document.count({ where: { id: doc.id } })).toBe(0);

    await page.goto(`/documents/${evidence.id}`);
    await expect(page.getByRole("link", { name: deliverable.title })).toHaveAttribute("href", `/deliverables/${deliverable.id}`);
    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page.getByRole("alert")).toContainText(`it is the evidence of the deliverable “${deliverable.title}”`);
    expect(await prisma.document.count({ where: { id: evidence.id } })).toBe(1);
  });
});

test.describe("documents without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the upload form works as a plain multipart form", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["UZ"], title: `Uzbekistan ${uid()}` });
    const agreement = await createAgreementRecord(prisma, programme.id, { type: "CONTRACT" });
    await loginAs("STAFF");
    const title = `Contract scan ${uid()}`;
    await page.goto(`/documents/new?agreement=${agreement.id}`);
    await expect(page.getByRole("combobox", { name: /^Category/ })).toHaveValue("A11");

    // First without a file: the server says so and keeps the title.
    await titleInput(page).fill(title);
    await page.getByRole("button", { name: "Upload document" }).click();
    await expect(fileInput(page)).toHaveAccessibleDescription(/Choose a file to upload\./);
    await expect(titleInput(page)).toHaveValue(title);

    const bytes = pdfBytes("contract");
    await fileInput(page).setInputFiles({ name: "계약서.pdf", mimeType: "application/pdf", buffer: bytes });
    await page.getByRole("button", { name: "Upload document" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("definition").filter({ hasText: "계약서.pdf" })).toBeVisible();
    const doc = await prisma.document.findFirstOrThrow({ where: { title } });
    expect(doc).toMatchObject({ agreementId: agreement.id, programmeId: programme.id, categoryCode: "A11", sizeBytes: bytes.length });
  });
});
