import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createProgramme, uid } from "../factories";
import { pdfBytes } from "../factories/document";
import { ensurePublisher, TEST_PUBLISHER } from "../factories/publisher";
import { expect, prisma, test } from "./support/fixtures";

// Issue 17 point 4: staff publish a programme and mark a document public; the
// public IATI activity file, read without signing in, holds the programme and
// a link to the document, and the link downloads the file without sign-in.

/** Screenshots for looking at the panel, only when SHOTS_DIR is set. */
async function shot(locator: Locator, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await locator.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** WCAG 2.2 AA problems on the page as it is now (as tests/e2e/a11y.spec.ts scans every page). */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(" ")})`);
}

test("staff publish a programme with a public document; anyone reads the file and downloads the document", async ({ page, loginAs, browser, baseURL }) => {
  await ensurePublisher(prisma);
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Hospital payment reform ${uid()}` });
  // A sector: without one the quality gate refuses to publish (IATI rule 6.2.2).
  await prisma.programme.update({ where: { id: programme.id }, data: { sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } } });
  const identifier = `${TEST_PUBLISHER.orgRef}-${programme.code}`;
  await loginAs("STAFF");

  // A document marked public must be shared with partners too: refused next to the box, then saved.
  const title = `Mid-term evaluation ${uid()}`;
  const bytes = pdfBytes("Mid-term evaluation");
  await page.goto(`/documents/new?programme=${programme.id}`);
  await page.getByLabel(/^File/).setInputFiles({ name: "evaluation.pdf", mimeType: "application/pdf", buffer: bytes });
  await page.getByRole("textbox", { name: /^Title/ }).fill(title);
  const publicBox = page.getByRole("checkbox", { name: "Public: anyone may download this file" });
  await expect(publicBox).toHaveAccessibleDescription(/served to anyone, without signing in/);
  await publicBox.check();
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(publicBox).toHaveAccessibleDescription(/A public document is also shared with partners/);
  await shot(page.getByRole("main"), "iati-document-public-refused");
  expect(await prisma.document.count({ where: { title } })).toBe(0);
  await page.getByLabel(/^File/).setInputFiles({ name: "evaluation.pdf", mimeType: "application/pdf", buffer: bytes });
  await page.getByRole("checkbox", { name: "Shareable with partners" }).check();
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const document = await prisma.document.findFirstOrThrow({ where: { title } });
  expect(document.isPublic).toBe(true);

  // The panel: not published yet, the identifier it will get; then published.
  await page.goto(`/programmes/${programme.code}`);
  const panel = page.getByRole("region", { name: "IATI publication" });
  await expect(panel.getByText("Not published")).toBeVisible();
  await expect(panel.getByText(identifier)).toBeVisible();
  await shot(panel, "iati-publication-panel-unpublished");
  await page.getByRole("button", { name: "Publish to IATI" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect(panel.getByText("Published", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Withdraw from IATI" })).toBeVisible();
  await shot(panel, "iati-publication-panel");
  expect(await axeProblems(page)).toEqual([]);
  expect(await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).toMatchObject({ iatiPublished: true, iatiIdentifier: identifier });

  // Anyone, without signing in.
  const anonymous = await browser.newContext({ baseURL });
  try {
    const file = await anonymous.request.get("/iati/activities.xml", { maxRedirects: 0 });
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = await file.text();
    expect(xml).toContain(`<iati-identifier>${identifier}</iati-identifier>`);
    const link = new RegExp(`<document-link url="([^"]*/public/documents/${document.id})"`).exec(xml);
    expect(link).not.toBeNull();
    expect(link![1]).toBe(`${TEST_PUBLISHER.publicBaseUrl}/public/documents/${document.id}`);

    const download = await anonymous.request.get(new URL(link![1]).pathname, { maxRedirects: 0 });
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect((await download.body()).equals(bytes)).toBe(true);
  } finally {
    await anonymous.close();
  }

  // Withdrawn: gone from the file, and the document is no longer served.
  await page.getByRole("button", { name: "Withdraw from IATI" }).click();
  await expect(panel.getByText("Not published")).toBeVisible();
  const after = await browser.newContext({ baseURL });
  try {
    expect(await (await after.request.get("/iati/activities.xml")).text()).not.toContain(identifier);
    expect((await after.request.get(`/public/documents/${document.id}`, { maxRedirects: 0 })).status()).toBe(404);
  } finally {
    await after.close();
  }
});

test("an administrator enters the centre's budget for a year; the organisation file carries it", async ({ page, loginAs, browser, baseURL }) => {
  await ensurePublisher(prisma);
  // A year of its own in this run's database (the form takes 2000 to 2100).
  const year = 2030 + Math.floor(Math.random() * 70);
  await loginAs("ADMIN");
  await page.goto("/admin/iati-organisation");
  await expect(page.getByRole("heading", { level: 1, name: "The centre's IATI organisation file" })).toBeVisible();

  // Bad input: refused next to the fields, nothing saved.
  const yearBox = page.getByRole("textbox", { name: /^Year/ });
  const amountBox = page.getByRole("textbox", { name: /^Total budget/ });
  await yearBox.fill("27");
  await amountBox.fill("-5");
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(yearBox).toHaveAccessibleDescription(/Enter a year between 2000 and 2100\./);
  await expect(amountBox).toHaveAccessibleDescription(/The total budget must be more than zero\./);
  expect(await prisma.organisationTotalBudget.count({ where: { year } })).toBe(0);

  await yearBox.fill(String(year));
  await amountBox.fill("4,250,000");
  await page.getByRole("combobox", { name: /^Status/ }).selectOption({ label: "Committed" });
  await page.getByRole("button", { name: "Save budget" }).click();
  await expect(page.getByRole("status")).toHaveText("The year's budget was saved.");
  const row = page.getByRole("row", { name: new RegExp(`^${year}`) });
  await expect(row).toContainText("4,250,000");
  await expect(row).toContainText("Committed");
  await shot(page.getByRole("main"), "iati-organisation-admin");
  expect(await axeProblems(page)).toEqual([]);

  const anonymous = await browser.newContext({ baseURL });
  try {
    const xml = await (await anonymous.request.get("/iati/organisation.xml", { maxRedirects: 0 })).text();
    expect(xml).toContain(`<organisation-identifier>${TEST_PUBLISHER.orgRef}</organisation-identifier>`);
    expect(xml).toMatch(new RegExp(`<total-budget status="2">\\s*<period-start iso-date="${year}-01-01"/>\\s*<period-end iso-date="${year}-12-31"/>\\s*<value value-date="[\\d-]+">4250000.00</value>`));
  } finally {
    await anonymous.close();
  }

  await row.getByRole("button", { name: `Remove ${year}` }).click();
  await expect(page.getByRole("status")).toHaveText("The year's budget was removed.");
  await expect(page.getByRole("row", { name: new RegExp(`^${year}`) })).toHaveCount(0);
  expect(await prisma.organisationTotalBudget.count({ where: { year } })).toBe(0);
});
