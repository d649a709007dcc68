import ExcelJS from "exceljs";
import fs from "node:fs";
import { createOrganisation, createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, point 1 (ADR 0042): a staff user downloads the funding list for
// editing, changes an amount in a spreadsheet (exceljs here), uploads it,
// sees the amount's change in the preview, applies, and finds the line
// changed. The agreements kind's preview is looked at too (a CSV without
// ids: one agreement matched by its reference, one new at month precision).

async function seed() {
  const tag = `ImpF${uid()}`;
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  const org = await createOrganisation(prisma, { shortName: `${tag}-NHIF`, countryCode: "KZ" });
  const line = await prisma.fundingLine.create({
    data: {
      programmeId: programme.id,
      kind: "DISBURSEMENT",
      providerOrgId: org.id,
      transactionDate: new Date("2023-03-05"),
      valueDate: new Date("2023-03-05"),
      amount: "1000000.00",
      currency: "USD",
      description: `${tag} first tranche`,
    },
  });
  await prisma.fundingLine.create({
    data: { programmeId: programme.id, kind: "BUDGET", periodStart: new Date("2023-01-01"), periodEnd: new Date("2023-12-31"), valueDate: new Date("2023-01-01"), amount: "5000000.00", currency: "KRW" },
  });
  return { tag, programme, line };
}

test.describe("spreadsheet import of funding lines and agreements", () => {
  test("staff download funding lines for editing, change an amount, preview, apply and see it changed", async ({ page, loginAs }, testInfo) => {
    const { tag, programme, line } = await seed();
    await loginAs("STAFF");
    await page.goto(`/funding?programme=${programme.id}`);
    await page.screenshot({ path: testInfo.outputPath("funding-list.png") });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download for editing", exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-funding-for-editing-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Funding lines", "Notes", "lists"]);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    // The list's filter holds: this programme's two lines.
    expect(ws.rowCount).toBe(3);
    const row = [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(col("ID")).value === line.id)!;
    expect([row.getCell(col("Kind")).value, row.getCell(col("Amount")).value, row.getCell(col("Currency")).value]).toEqual(["DISBURSEMENT", "1000000.00", "USD"]);
    row.getCell(col("Amount")).value = 1250000.75;
    const edited = testInfo.outputPath("funding-edited.xlsx");
    await wb.xlsx.writeFile(edited);

    await page.getByRole("link", { name: "Import", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import from a spreadsheet" })).toBeVisible();
    await page.getByLabel("Spreadsheet (XLSX or CSV)").setInputFiles(edited);
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Preview: funding-edited.xlsx" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Changed (1)", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Unchanged (1)" })).toBeVisible();
    const changed = page.getByRole("row", { name: new RegExp(`${programme.code} · Disbursement`) });
    await expect(changed).toContainText("Amount: 1000000.00 → 1250000.75");
    await page.screenshot({ path: testInfo.outputPath("import-funding-preview.png"), fullPage: true });
    expect((await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id } })).amount.toFixed(2)).toBe("1000000.00");

    await page.getByRole("button", { name: "Apply 1 change" }).click();
    await expect(page.getByRole("status")).toHaveText("Applied: 1 record written.");
    await changed.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/funding/${line.id}$`));
    await expect(page.getByText("1,250,000.75").first()).toBeVisible();
    const stored = await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id } });
    expect([stored.amount.toFixed(2), stored.version, stored.description]).toEqual(["1250000.75", 2, `${tag} first tranche`]);
  });

  test("the agreements preview shows a match by reference and a new amendment signed in a month; apply writes both", async ({ page, loginAs }, testInfo) => {
    const tag = `ImpA${uid()}`;
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
    await prisma.agreement.create({ data: { programmeId: programme.id, type: "MOU", title: `${tag} memorandum`, reference: `${tag}-MOU`, status: "SIGNED" } });
    await loginAs("STAFF");
    await page.goto(`/agreements?programme=${programme.id}`);
    await page.screenshot({ path: testInfo.outputPath("agreements-list.png") });
    await page.getByRole("link", { name: "Import", exact: true }).click();
    const csv = [
      "Programme (code),Reference,Title,Type,Status,Signed,Value,Currency,Amends",
      `${programme.code},${tag}-MOU,${tag} memorandum,MOU,ACTIVE,,1250000.5,usd,`,
      `${programme.code},${tag}-AM1,${tag} amendment,AMENDMENT,SIGNED,Nov 2019,,,${tag}-MOU`,
    ].join("\r\n");
    const file = testInfo.outputPath("agreements.csv");
    fs.writeFileSync(file, csv);
    await expect(page.getByLabel("Kind of record")).toHaveValue("agreements");
    await page.getByLabel("Spreadsheet (XLSX or CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("link", { name: "Changed (1)", exact: true })).toBeVisible();
    const matched = page.getByRole("row", { name: new RegExp(`${tag} memorandum`) });
    await expect(matched).toContainText("Status: Signed → Active");
    await expect(matched).toContainText("Value: (empty) → 1250000.50");
    await expect(matched).toContainText("Currency: (empty) → USD");
    await expect(page.getByRole("link", { name: "New (1)", exact: true })).toBeVisible();
    const created = page.getByRole("row", { name: new RegExp(`${tag} amendment`) });
    await expect(created).toContainText("Signed: (empty) → 2019-11");
    await expect(created).toContainText(`Amends: (empty) → ${tag}-MOU`);
    await page.screenshot({ path: testInfo.outputPath("import-agreements-preview.png"), fullPage: true });
    await page.getByRole("button", { name: "Apply 2 changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Applied: 2 records written.");
    const amendment = await prisma.agreement.findFirstOrThrow({ where: { title: `${tag} amendment` }, include: { parent: true } });
    expect([amendment.signedPrecision, amendment.signedOn?.toISOString().slice(0, 10), amendment.parent?.reference]).toEqual(["MONTH", "2019-11-01", `${tag}-MOU`]);
  });

  test("a Russian reader sees a funding line's refused cells in Russian and nothing is written", async ({ page, loginAs }, testInfo) => {
    const { programme } = await seed();
    const user = await loginAs("STAFF");
    await prisma.user.update({ where: { id: user.id }, data: { locale: "ru" } });
    const csv = [
      "Программа (код),Вид,Дата операции,Сумма,Валюта",
      `${programme.code},Выплата,2023-04-01,500,ZZZ`,
      `${programme.code},Выплата,2023-11,500,USD`,
    ].join("\r\n");
    const file = testInfo.outputPath("funding-ru.csv");
    fs.writeFileSync(file, csv);
    await page.goto("/imports?kind=funding");
    await page.getByLabel("Таблица (XLSX или CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Загрузить и просмотреть" }).click();
    await expect(page.getByRole("link", { name: "Отклонённые (2)" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Применить/ })).toHaveCount(0);
    await expect(page.getByRole("row", { name: /ZZZ/ })).toContainText("Валюта: Укажите код валюты по ISO 4217, например KRW, USD или EUR.");
    await expect(page.getByRole("row", { name: /500\.00 USD/ })).toContainText("Дата операции: Укажите здесь день (2019-11-05): у этой даты нет точности до месяца или года.");
    await page.screenshot({ path: testInfo.outputPath("import-funding-refused-ru.png"), fullPage: true });
    expect(await prisma.fundingLine.count({ where: { programmeId: programme.id } })).toBe(2);
  });
});
