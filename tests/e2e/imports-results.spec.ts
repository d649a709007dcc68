import ExcelJS from "exceljs";
import fs from "node:fs/promises";
import { createProgramme } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";
import { createIndicator } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, point 1 (ADR 0042): the results records in a spreadsheet, in the
// browser. A staff member downloads the deliverables list for editing,
// changes a status in the workbook, uploads it, checks the preview and
// applies it; outcomes and indicator period values show their previews too.

const SCREENS = "test-results/screens";

test.describe("Spreadsheet import of results", () => {
  test("deliverables: download for editing, change a status, upload, preview, apply, see it changed", async ({ page, loginAs }) => {
    const tag = `E2eImpD${Date.now().toString(36)}`;
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
    const d = await createDeliverable(prisma, { programmeId: programme.id, title: `${tag} costing report`, status: "NOT_STARTED" });
    await createDeliverable(prisma, { programmeId: programme.id, title: `${tag} training curriculum`, status: "IN_PROGRESS" });
    await loginAs("STAFF");

    await page.goto(`/deliverables?q=${tag}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download for editing", exact: true }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    expect(ws.rowCount).toBe(3);
    for (let r = 2; r <= ws.rowCount; r++) {
      if (ws.getRow(r).getCell(col("Title")).value === `${tag} costing report`) ws.getRow(r).getCell(col("Status")).value = "Submitted";
    }
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByRole("link", { name: "Import", exact: true }).click();
    await expect(page.getByLabel("Kind of record")).toHaveValue("deliverables");
    await page.getByLabel("Spreadsheet (XLSX or CSV)").setInputFiles({ name: "deliverables.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: edited });
    await page.getByRole("button", { name: "Upload and preview" }).click();

    const rows = page.getByRole("table", { name: "Rows of the file" });
    const changed = rows.getByRole("row").filter({ hasText: `${tag} costing report` });
    await expect(changed).toContainText("Status: Not started → Submitted");
    await expect(rows.getByRole("row").filter({ hasText: `${tag} training curriculum` })).toContainText("Unchanged");
    await page.screenshot({ path: `${SCREENS}/imports-deliverables-preview.png`, fullPage: true });
    // Nothing is written before apply.
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("NOT_STARTED");

    await page.getByRole("button", { name: "Apply 1 change" }).click();
    await expect(page.getByText("Applied: 1 record written.")).toBeVisible();
    await page.goto(`/deliverables/${d.id}`);
    await expect(page.getByText("Submitted").first()).toBeVisible();
    expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("SUBMITTED");
  });

  test("a Russian reader sees coded values by their Russian names in the preview", async ({ page, loginAs }, testInfo) => {
    const tag = `E2eImpR${Date.now().toString(36)}`;
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
    const d = await createDeliverable(prisma, { programmeId: programme.id, title: `${tag} costing report`, status: "NOT_STARTED" });
    const user = await loginAs("STAFF");
    await prisma.user.update({ where: { id: user.id }, data: { locale: "ru" } });
    // The file may say the code (the download's own cells) or a label in any language.
    const csv = ["ID,Status", `${d.id},SUBMITTED`].join("\r\n");
    await page.goto("/imports?kind=deliverables");
    await page.getByLabel("Таблица (XLSX или CSV)").setInputFiles({ name: "deliverables.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Загрузить и просмотреть" }).click();
    const changed = page.getByRole("row").filter({ hasText: `${tag} costing report` });
    await expect(changed).toContainText("Статус: Не начат → Представлен");
    await expect(changed).not.toContainText("SUBMITTED");
    await page.screenshot({ path: testInfo.outputPath("import-deliverables-preview-ru.png"), fullPage: true });
  });

  test("outcomes and indicator period values: the preview of an uploaded CSV", async ({ page, loginAs }) => {
    const tag = `E2eImpR${Date.now().toString(36)}`;
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
    const activity = await createActivity(prisma, { programmeId: programme.id, title: `${tag} workshop` });
    const outcome = await createOutcome(prisma, { activityId: activity.id, text: `${tag} agreed to pilot DRG costing` });
    const indicator = await createIndicator(prisma, {
      programmeId: programme.id,
      title: `${tag} hospitals costing`,
      measure: "PERCENTAGE",
      periods: [
        { start: "2025-01-01", end: "2025-12-31", target: 60 },
        { start: "2026-01-01", end: "2026-12-31", target: 70 },
      ],
    });
    await loginAs("STAFF");

    const upload = async (kind: string, csv: string) => {
      await page.goto(`/imports?kind=${kind}`);
      await page.getByLabel("Spreadsheet (XLSX or CSV)").setInputFiles({ name: `${kind}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.getByRole("button", { name: "Upload and preview" }).click();
      return page.getByRole("table", { name: "Rows of the file" });
    };

    let rows = await upload(
      "outcomes",
      [
        "ID,Follow-up status,Follow-up actions",
        `${outcome.id},In progress,"Draft the costing manual | | 2026-03-31 | in progress"`,
      ].join("\n"),
    );
    await expect(rows.getByRole("row").nth(1)).toContainText("Follow-up status: Not started → In progress");
    await expect(rows.getByRole("row").nth(1)).toContainText("Draft the costing manual |  | 2026-03-31 | In progress");
    await page.screenshot({ path: `${SCREENS}/imports-outcomes-preview.png`, fullPage: true });

    rows = await upload(
      "indicatorPeriods",
      [
        "Programme (code),Indicator,Period start,Period end,Actual,Target",
        `${programme.code},${tag} hospitals costing,2025-01-01,2025-12-31,45,`,
        `${programme.code},${tag} hospitals costing,2026-01-01,2026-12-31,,150`,
      ].join("\n"),
    );
    await expect(rows.getByRole("row").nth(1)).toContainText("Actual: (empty) → 45");
    await expect(rows.getByRole("row").nth(2)).toContainText("Target: A percentage lies between 0 and 100.");
    await page.screenshot({ path: `${SCREENS}/imports-indicator-periods-preview.png`, fullPage: true });
    // A period's record link opens its indicator's page.
    await rows.getByRole("row").nth(1).getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/indicators/${indicator.id}$`));
    expect((await prisma.indicatorPeriod.findMany({ where: { indicatorId: indicator.id } })).map((p) => p.actualValue)).toEqual([null, null]);
  });
});
