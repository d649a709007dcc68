import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { createOrganisation, createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, points 1-4 (ADR 0042): a staff user downloads the activities list
// for editing, edits it in a spreadsheet (exceljs here), uploads it, sees the
// changed cells in the preview, applies, and finds the activity changed with
// the change in its history. A file with an error shows the message next to
// the cell, in Russian for a Russian reader.

async function seed() {
  const tag = `Imp${uid()}`;
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  await createOrganisation(prisma, { shortName: `${tag}-NHIF`, countryCode: "KZ" });
  const activity = await prisma.activity.create({
    data: {
      programmeId: programme.id,
      kind: "WORKSHOP",
      title: `${tag} DRG workshop`,
      status: "COMPLETED",
      actualStart: new Date("2019-11-01"),
      datePrecision: "MONTH",
      participantsTotal: 30,
    },
  });
  await prisma.activity.create({
    data: { programmeId: programme.id, kind: "STUDY_VISIT", title: `${tag} study visit`, status: "PLANNED", plannedStart: new Date("2026-04-13") },
  });
  return { tag, programme, activity };
}

test.describe("spreadsheet import", () => {
  test("staff download activities for editing, change a cell, preview, apply and see it in the history", async ({ page, loginAs }, testInfo) => {
    const { tag, activity } = await seed();
    await loginAs("STAFF");
    await page.goto(`/activities?q=${encodeURIComponent(tag)}`);
    await page.screenshot({ path: testInfo.outputPath("activities-list.png") });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download for editing", exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-activities-for-editing-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Activities", "visible"],
      ["Notes", "visible"],
      ["lists", "hidden"],
    ]);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.rowCount).toBe(3);
    const row = [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(col("ID")).value === activity.id)!;
    // Raw values: the month keeps its precision, the kind is its code.
    expect([row.getCell(col("Actual start")).value, row.getCell(col("Kind")).value]).toEqual(["2019-11", "WORKSHOP"]);
    row.getCell(col("City")).value = "Astana";
    row.getCell(col("Participants")).value = 32;
    const edited = testInfo.outputPath("edited.xlsx");
    await wb.xlsx.writeFile(edited);

    await page.getByRole("link", { name: "Import", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import from a spreadsheet" })).toBeVisible();
    await page.getByLabel("Spreadsheet (XLSX or CSV)").setInputFiles(edited);
    await page.getByRole("button", { name: "Upload and preview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Preview: edited.xlsx" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Changed (1)", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Unchanged (1)" })).toBeVisible();
    const changed = page.getByRole("row", { name: new RegExp(`${tag} DRG workshop`) });
    await expect(changed).toContainText("City: (empty) → Astana");
    await expect(changed).toContainText("Participants: 30 → 32");
    await page.screenshot({ path: testInfo.outputPath("import-preview.png"), fullPage: true });
    // WCAG 2.2 AA, as tests/e2e/a11y.spec.ts scans every other page (the preview exists only after an upload).
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).city).toBeNull();

    await page.getByRole("button", { name: "Apply 1 change" }).click();
    await expect(page.getByRole("status")).toHaveText("Applied: 1 record written.");
    await changed.getByRole("link", { name: `${tag} DRG workshop` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${tag} DRG workshop` })).toBeVisible();
    await expect(page.getByText("Astana").first()).toBeVisible();
    const stored = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect([stored.city, stored.participantsTotal, stored.datePrecision, stored.version]).toEqual(["Astana", 32, "MONTH", 2]);
    const history = await prisma.auditEvent.findFirstOrThrow({ where: { entityType: "Activity", entityId: activity.id, action: "update" } });
    expect(history.changes).toMatchObject({ city: { before: null, after: "Astana" } });

    await page.goto("/imports");
    await expect(page.getByRole("row", { name: /edited\.xlsx.*Applied/ })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("imports.png"), fullPage: true });
  });

  test("a Russian reader sees a refused cell's message in Russian next to the cell", async ({ page, loginAs }, testInfo) => {
    const { tag, programme } = await seed();
    const user = await loginAs("STAFF");
    await prisma.user.update({ where: { id: user.id }, data: { locale: "ru" } });
    const csv = `Программа (код),Название,Вид,Плановое начало,Плановое окончание\r\n${programme.code},${tag} семинар,семинар,2026-05-10,2026-05-01\r\nNOPE-${tag},${tag} другой,Семинар,2026,\r\n`;
    const file = testInfo.outputPath("ru.csv");
    fs.writeFileSync(file, csv);
    await page.goto("/imports?kind=activities");
    await page.getByLabel("Таблица (XLSX или CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Загрузить и просмотреть" }).click();
    await expect(page.getByRole("link", { name: "Отклонённые (2)" })).toBeVisible();
    await expect(page.getByText(/исправьте отклонённые строки/i)).toBeVisible();
    await expect(page.getByRole("button", { name: /Применить/ })).toHaveCount(0);
    await expect(page.getByRole("row", { name: new RegExp(`${tag} другой`) })).toContainText(`Программа (код): Нет программы с кодом «NOPE-${tag}».`);
    await expect(page.getByRole("row", { name: new RegExp(`${tag} семинар`) })).toContainText("Плановое окончание:");
    await page.screenshot({ path: testInfo.outputPath("import-refused-ru.png"), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
    expect(await prisma.activity.count({ where: { title: { startsWith: `${tag} ` } } })).toBe(2);
  });
});
