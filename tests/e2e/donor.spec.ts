import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createOrganisation, createProgramme } from "../factories";
import { createReportProgramme } from "../factories/report";
import { expect, prisma, test } from "./support/fixtures";

// Screenshots for looking at the pages, only when SHOTS_DIR is set.
async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test.describe("donor home and programme reports", () => {
  test("a donor sees its programme's funding and results and downloads the PDF and the workbook", async ({ page, loginAs }) => {
    const fx = await createReportProgramme(prisma);
    await loginAs("DONOR", { organisationIds: [fx.fund.id] });

    await page.goto("/donor");
    const card = page.getByRole("region", { name: fx.programme.title });
    await expect(card.getByRole("link", { name: fx.programme.title })).toBeVisible();

    const funding = card.getByRole("table", { name: /committed and disbursed/ });
    const usd2025 = funding.getByRole("row", { name: /2025 USD/ });
    await expect(usd2025.getByRole("cell").nth(1)).toHaveText("US$150,000.50");
    await expect(usd2025.getByRole("cell").nth(2)).toHaveText("US$40,000.25");
    await expect(funding.getByRole("row", { name: /2024 USD/ }).getByRole("cell").nth(1)).toHaveText("US$20,000.00");
    await expect(funding.getByRole("row", { name: /2025 KRW/ }).getByRole("cell").nth(2)).toHaveText("₩1,000,000");

    const results = card.getByRole("table", { name: /latest target and actual/ });
    const trained = results.getByRole("row", { name: new RegExp(`Officials trained ${fx.tag}`) });
    await expect(trained.getByRole("cell").nth(1)).toHaveText("60 people");
    await expect(trained.getByRole("cell").nth(2)).toHaveText("40 people");

    // The period starts as the programme's whole record (issue 14, item 10): from the old letter
    // signed 2020-01-01 to the memorandum's expiry 2027-03-01, not only the programme's own dates.
    await expect(card.getByLabel("From")).toHaveValue("2020-01-01");
    await expect(card.getByLabel("To")).toHaveValue("2027-03-01");
    await shot(page, "donor-home");

    await card.getByLabel("From").fill("2025-01-01");
    await card.getByLabel("To").fill("2025-12-31");
    const today = new Date().toISOString().slice(0, 10);

    const pdfDownload = page.waitForEvent("download");
    await card.getByRole("button", { name: "Programme report (PDF)" }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toBe(`concord-${fx.programme.code}-2025-01-01-to-2025-12-31-${today}.pdf`);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", await pdf.path(), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain(fx.programme.title);
    expect(text).toContain(`Workshop on drug pricing ${fx.tag}`);
    expect(text).not.toContain(`Scoping mission ${fx.tag}`);
    // Donors see only shareable documents.
    expect(text).toContain(`Shareable minutes ${fx.tag}`);
    expect(text).not.toContain(`Internal note ${fx.tag}`);

    const xlsxDownload = page.waitForEvent("download");
    await card.getByRole("button", { name: "Workbook (XLSX)" }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe(`concord-${fx.programme.code}-2025-01-01-to-2025-12-31-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await xlsx.path());
    const activities = wb.getWorksheet("Activities")!;
    const titles = activities.getColumn(1).values.slice(2);
    expect(titles).toEqual([`Workshop on drug pricing ${fx.tag}`, `Study visit to Seoul ${fx.tag}`]);
    expect(activities.getCell("F2").value).toBeInstanceOf(Date);

    const exports = await prisma.auditEvent.findMany({ where: { action: "export", entityId: fx.programme.id }, orderBy: { at: "asc" } });
    expect(exports.map((e) => e.metadata)).toEqual([
      { format: "pdf", from: "2025-01-01", to: "2025-12-31" },
      { format: "xlsx", from: "2025-01-01", to: "2025-12-31" },
    ]);
  });

  test("a donor of more programmes than a page holds pages through them, twelve at a time, each with its report form", async ({ page, loginAs }) => {
    const fund = await createOrganisation(prisma);
    // Latest start first: programme 01 starts last, so it is on the second page.
    for (let i = 1; i <= 13; i++) {
      const n = String(i).padStart(2, "0");
      await createProgramme(prisma, { funders: [fund.id], title: `Paged programme ${n} ${fund.shortName}`, plannedStart: new Date(`2010-01-${n}`) });
    }
    await loginAs("DONOR", { organisationIds: [fund.id] });
    await page.goto("/donor");
    const programmes = page.getByRole("region", { name: /^Paged programme/ });
    await expect(programmes).toHaveCount(12);
    await expect(page.getByRole("region", { name: new RegExp(`^Paged programme 13 `) })).toBeVisible();
    const pages = page.getByRole("navigation", { name: "Pages" });
    await expect(pages).toContainText("Showing 1–12 of 13");
    await pages.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\?page=2$/);
    await expect(programmes).toHaveCount(1);
    const last = page.getByRole("region", { name: new RegExp(`^Paged programme 01 `) });
    await expect(last.getByLabel("From")).toHaveValue("2010-01-01");
    await expect(pages).toContainText("Page 2 of 2");
  });

  test("a donor of another fund gets 404 for the report URLs and does not see the programme", async ({ page, loginAs }) => {
    const fx = await createReportProgramme(prisma);
    const other = await createOrganisation(prisma);
    await loginAs("DONOR", { organisationIds: [other.id] });

    await page.goto("/donor");
    await expect(page.getByText("No programme funded by your organisation has been recorded yet.")).toBeVisible();
    await expect(page.getByText(fx.programme.title)).toHaveCount(0);

    for (const ext of ["pdf", "xlsx"]) {
      const response = await page.request.get(`/reports/programmes/${fx.programme.code}.${ext}?from=2025-01-01&to=2025-12-31`);
      expect(response.status()).toBe(404);
    }
    expect(await prisma.auditEvent.count({ where: { action: "export", entityId: fx.programme.id } })).toBe(0);
  });

  test("a partner of the programme's country may download its report", async ({ page, loginAs }) => {
    const fx = await createReportProgramme(prisma, { countries: ["BY"] });
    await loginAs("PARTNER", { countries: ["BY"] });
    const response = await page.request.get(`/reports/programmes/${fx.programme.code}.xlsx`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="concord-.+-to-.+\.xlsx"$/);

    await loginAs("PARTNER", { countries: ["KZ"] });
    expect((await page.request.get(`/reports/programmes/${fx.programme.code}.pdf`)).status()).toBe(404);
    // The browser shows a file route's refusal as it is: in the reader's language.
    const refused = await page.request.get(`/reports/programmes/${fx.programme.code}.xlsx`, { headers: { "Accept-Language": "ru" } });
    expect(refused.status()).toBe(404);
    expect(refused.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(await refused.text()).toMatch(/^По этому адресу ничего нет/);
  });
});
