import fs from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createOrganisation, createProgramme } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

test.describe("agreements", () => {
  test("staff records an MoU with its parties and sees it on the programme page", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: "Strategic purchasing in Belarus" });
    const nhis = await createOrganisation(prisma, { shortName: `NHIS-${Date.now()}` });
    await loginAs("STAFF");
    await page.goto(`/programmes/${programme.code}`);
    await page.getByRole("link", { name: "Add agreement" }).click();
    await page.getByLabel("Title").fill("Memorandum of understanding on health financing");
    await page.getByLabel("Type").selectOption({ label: "Memorandum of understanding" });
    await page.getByLabel("Status").selectOption({ label: "Signed" });
    await page.getByLabel("Signed on").fill("2019-11-27");
    await page.getByLabel("Party 1: organisation").selectOption({ label: `${nhis.shortName} — ${nhis.fullName}` });
    await page.getByLabel("Party 1: role").selectOption({ label: "Signatory" });
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByRole("heading", { level: 1, name: "Memorandum of understanding on health financing" })).toBeVisible();
    await expect(page.getByText(`${nhis.shortName} — ${nhis.fullName}`)).toBeVisible();
    await expect(page.getByText("created this record")).toBeVisible();

    await page.getByRole("link", { name: programme.title }).click();
    await expect(page.getByRole("table", { name: "Agreements of the programme" }).getByRole("link", { name: "Memorandum of understanding on health financing" })).toBeVisible();
  });

  test("two people edit the same agreement: the second save is refused and shows what changed", async ({ browser, loginAs, page }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const agreement = await prisma.agreement.create({ data: { programmeId: programme.id, type: "MOU", title: "Original title", status: "DRAFT" } });
    await loginAs("STAFF");
    const other = await browser.newContext({ storageState: await page.context().storageState() });
    const second = await other.newPage();

    await page.goto(`/agreements/${agreement.id}/edit`);
    await second.goto(`/agreements/${agreement.id}/edit`);

    await page.getByLabel("Title").fill("Title saved first");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");

    await second.getByLabel("Title").fill("Title saved second");
    await second.getByRole("button", { name: "Save changes" }).click();
    const alert = second.getByRole("alert").filter({ hasText: "Not saved" });
    await expect(alert).toContainText("changed this record");
    await expect(alert).toContainText("Title: “Original title” → “Title saved first”");
    await expect(second.getByLabel("Title")).toHaveValue("Title saved second");

    const row = await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    expect(row.title).toBe("Title saved first");
    expect(row.version).toBe(2);
    await other.close();
  });

  test("the agreements list downloads exactly the filtered rows and columns as CSV", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: "Kazakhstan cancer care" });
    const tag = `csv${Date.now()}`;
    await prisma.agreement.createMany({
      data: [
        { programmeId: programme.id, type: "CONTRACT", title: `=HYPERLINK("x") ${tag} contract`, status: "SIGNED", value: "1500000.50", currency: "USD" },
        { programmeId: programme.id, type: "MOU", title: `${tag} memorandum`, status: "ACTIVE", signedOn: new Date("2019-04-20") },
        { programmeId: programme.id, type: "MOU", title: `other ${Date.now()}`, status: "ACTIVE" },
      ],
    });
    await loginAs("STAFF");
    await page.goto(`/agreements?q=${tag}&sort=title&dir=asc`);
    const table = page.getByRole("table", { name: "Agreements" });
    await expect(table.getByRole("row")).toHaveCount(3);
    const headers = await table.getByRole("columnheader").allInnerTexts();
    const cells = await table.getByRole("row").nth(1).getByRole("cell").allInnerTexts();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download CSV \(2 rows\)/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-agreements-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const records: string[][] = parse(text);
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual(headers.map((h) => h.replace(/[▲▼↕]/g, "").trim()));
    // The formula-like title is neutralised in the file but shown as typed in the table.
    expect(records[1][0]).toBe(`'=HYPERLINK("x") ${tag} contract`);
    expect(cells[0]).toContain(`=HYPERLINK("x") ${tag} contract`);
    expect(records[1].slice(1)).toEqual(cells.slice(1).map((c) => (c === "—" ? "" : c)));
    expect(records[2][0]).toBe(`${tag} memorandum`);

    // A typed or bookmarked CSV address (no Remix _data parameter) gives the same file.
    const typed = await page.request.get(`/agreements?q=${tag}&sort=title&dir=asc&format=csv`);
    expect(typed.status()).toBe(200);
    expect(typed.headers()["content-type"]).toContain("text/csv");
    expect(parse((await typed.text()).replace(/^\uFEFF/, ""))).toEqual(records);

    // The same rows as a workbook: same headers and cells, formula-like text neutralised the same way.
    const [workbook] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download Excel \(2 rows\)/ }).click()]);
    expect(workbook.suggestedFilename()).toMatch(/^concord-agreements-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await workbook.path())!);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Agreements");
    expect(sheet.actualRowCount).toBe(3);
    const rowText = (n: number) =>
      records[0].map((_, i) => {
        const v = sheet.getRow(n).getCell(i + 1).value;
        return v === undefined || v === null ? "" : String(v);
      });
    expect(rowText(1)).toEqual(records[0]);
    expect(rowText(2)).toEqual(records[1]);
    expect(rowText(3)).toEqual(records[2]);
  });
});

test.describe("agreements without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a validation error shows next to its field, keeps the input, and the corrected form saves", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `No-JS programme ${Date.now()}` });
    await loginAs("STAFF");
    await page.goto(`/agreements/new?programme=${programme.id}`);
    await page.getByLabel("Title").fill("Implementation plan 2024–2026");
    await page.getByLabel("Type").selectOption({ label: "Implementation plan" });
    await page.getByLabel("Signed on").fill("2024-03-01");
    await page.getByLabel("Expires on").fill("2023-03-01");
    await page.getByLabel("Value").fill("250000");
    await page.getByRole("button", { name: "Create agreement" }).click();

    await expect(page.getByText("The expiry date must be after the signature date.")).toBeVisible();
    await expect(page.getByText("Give the currency of the value.")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue("Implementation plan 2024–2026");
    await expect(page.getByLabel("Value")).toHaveValue("250000");
    await expect(page.getByLabel("Expires on")).toHaveAttribute("aria-invalid", "true");
    expect(await prisma.agreement.count({ where: { programmeId: programme.id } })).toBe(0);

    await page.getByLabel("Expires on").fill("2026-03-01");
    await page.getByLabel("Currency").fill("eur");
    await page.getByRole("button", { name: "Create agreement" }).click();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    const saved = await prisma.agreement.findFirstOrThrow({ where: { programmeId: programme.id } });
    expect(saved.currency).toBe("EUR");
    expect(saved.value?.toString()).toBe("250000");
  });
});
