import fs from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { createOrganisation, createProgramme, uid } from "../factories";
import { loadAllCountries } from "../factories/programme-admin";
import { expect, prisma, test } from "./support/fixtures";

const KOREAN_NAME = "건강보험심사평가원 국제협력단 전략구매 연구센터";

test.beforeAll(async () => {
  await loadAllCountries(prisma);
});

/** Sets the share of sector row n (1-based) and its code. */
async function sector(page: Page, n: number, code: string, share: string) {
  await page.getByLabel(`Sector ${n}`, { exact: true }).selectOption(code);
  await page.getByLabel(`Sector ${n} share (%)`).fill(share);
}

/** A programme with two sectors, for the edit journeys. */
async function programmeWithSectors() {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Payment reform ${uid()}` });
  await prisma.programmeSector.createMany({
    data: [
      { programmeId: programme.id, sectorCode: "12110", percentage: "60" },
      { programmeId: programme.id, sectorCode: "12220", percentage: "40" },
    ],
  });
  return programme;
}

test.describe("programmes", () => {
  test("staff creates a programme with sectors, a country and a funder, then fixes a sector split that does not add up", async ({ page, loginAs }) => {
    const funder = await createOrganisation(prisma, { shortName: `KOICA-${uid()}` });
    const code = `BY-DRG-${uid()}`.toUpperCase();
    await loginAs("STAFF");
    await page.goto("/programmes");
    await page.getByRole("link", { name: "New programme" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New programme" })).toBeVisible();

    await page.getByLabel("Code *").fill(code.toLowerCase());
    await page.getByLabel("Title *").fill("Diagnosis-related groups for Belarusian hospitals");
    await page.getByLabel("Status (IATI activity status) *").selectOption({ label: "Implementation" });
    await page.getByLabel("Planned start").fill("2019-11-01");
    await page.getByLabel("Planned end").fill("2022-12-31");
    await page.getByLabel("Budget", { exact: true }).fill("1 200 000");
    await page.getByLabel("Budget currency").fill("usd");
    await page.getByLabel("Organisation 1", { exact: true }).selectOption({ label: `${funder.shortName} — ${funder.fullName}` });
    await page.getByLabel("Organisation 1 role").selectOption({ label: "Funding" });
    await page.getByLabel("Country 1", { exact: true }).selectOption({ label: "Belarus" });
    await sector(page, 1, "12110", "60");
    await sector(page, 2, "12220", "40");
    await expect(page.getByText("Total: 100%")).toBeVisible();
    await page.getByRole("button", { name: "Add a sector row" }).click();
    await expect(page.getByLabel("Sector 4", { exact: true })).toBeVisible();
    // The added row takes the focus, so typing goes on there.
    await expect(page.getByLabel("Sector 4", { exact: true })).toBeFocused();
    await page.getByRole("button", { name: "Create programme" }).click();

    await expect(page).toHaveURL(new RegExp(`/programmes/${code}$`));
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByRole("heading", { level: 1, name: "Diagnosis-related groups for Belarusian hospitals" })).toBeVisible();
    await expect(page.getByRole("link", { name: funder.shortName })).toBeVisible();
    await expect(page.getByText("— Funding")).toBeVisible();
    const saved = await prisma.programme.findUniqueOrThrow({ where: { code }, include: { sectors: true, countries: true, organisations: true } });
    expect(saved).toMatchObject({ budgetCurrency: "USD", status: "IMPLEMENTATION" });
    expect(saved.budgetAmount?.toString()).toBe("1200000");
    expect(saved.sectors.map((s) => `${s.sectorCode}:${s.percentage}`).sort()).toEqual(["12110:60", "12220:40"]);
    expect(saved.countries.map((c) => c.countryCode)).toEqual(["BY"]);
    expect(saved.organisations).toMatchObject([{ organisationId: funder.id, role: "FUNDING" }]);

    // Edit: 60/30 is refused next to the sectors, and what was typed stays.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByLabel("Sector 2 share (%)")).toHaveValue("40");
    await page.getByLabel("Sector 2 share (%)").fill("30");
    await expect(page.getByText("Total: 90% (must be 100%)")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    const sectors = page.getByRole("group", { name: "DAC sectors" });
    await expect(sectors.getByText("Sector percentages add up to 90%; they must add up to 100%.")).toBeVisible();
    await expect(page.getByLabel("Sector 1 share (%)")).toHaveValue("60");
    await expect(page.getByLabel("Sector 2 share (%)")).toHaveValue("30");
    await expect(page).toHaveURL(new RegExp(`/programmes/${code}/edit$`));
    expect((await prisma.programmeSector.findMany({ where: { programmeId: saved.id } })).map((s) => s.percentage.toString()).sort()).toEqual(["40", "60"]);

    await page.getByLabel("Sector 2 share (%)").fill("40");
    await page.getByLabel("Title *").fill("DRG payment for Belarusian hospitals");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    await expect(page.getByRole("heading", { level: 1, name: "DRG payment for Belarusian hospitals" })).toBeVisible();
    expect((await prisma.programme.findUniqueOrThrow({ where: { code } })).version).toBe(2);
  });

  test("a code another programme uses is refused next to the code, with the input kept", async ({ page, loginAs }) => {
    const taken = await createProgramme(prisma, { title: "Taken" });
    await loginAs("STAFF");
    await page.goto("/programmes/new");
    await page.getByLabel("Code *").fill(taken.code);
    await page.getByLabel("Title *").fill("Second programme");
    await page.getByRole("button", { name: "Create programme" }).click();
    await expect(page.getByText(`Another programme already uses the code ${taken.code}. Choose a different code.`)).toBeVisible();
    await expect(page.getByLabel("Code *")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Title *")).toHaveValue("Second programme");
  });

  test("deleting a programme with agreements is refused, naming them, with a way back", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Cancer care ${uid()}` });
    await prisma.agreement.create({ data: { programmeId: programme.id, type: "MOU", title: "MoU on oncology training", status: "SIGNED" } });
    await loginAs("STAFF");
    await page.goto(`/programmes/${programme.code}`);
    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page.getByRole("alert")).toContainText("agreement “MoU on oncology training”");
    await expect(page.getByRole("alert")).toContainText("Archive it instead.");
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
    await expect(page.getByRole("status")).toContainText("Archived.");
    expect((await prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).archivedAt).not.toBeNull();

    await page.goto("/programmes?archived=1");
    await expect(page.getByRole("link", { name: programme.title })).toBeVisible();
  });

  test("the programmes list downloads exactly the table's header and rows as CSV", async ({ page, loginAs }) => {
    const tag = uid();
    const fund = await createOrganisation(prisma, { shortName: `NHIS-${tag}` });
    const a = await createProgramme(prisma, { countries: ["BY", "KZ"], funders: [fund.id], title: `${tag} Hospital payment` });
    await prisma.programme.update({ where: { id: a.id }, data: { budgetAmount: "1500000.50", budgetCurrency: "USD", actualStart: new Date("2019-11-27") } });
    await createProgramme(prisma, { countries: ["UZ"], title: `=cmd| ${tag} formula-like title` });
    await createProgramme(prisma, { title: `other ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/programmes?q=${tag}&sort=title&dir=asc`);
    const table = page.getByRole("table", { name: "Programmes" });
    await expect(table.getByRole("row")).toHaveCount(3);
    const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.replace(/[▲▼↕]/g, "").trim());
    const rows = await Promise.all([1, 2].map((i) => table.getByRole("row").nth(i).getByRole("cell").allInnerTexts()));

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV (2 rows)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^concord-programmes-\d{4}-\d{2}-\d{2}\.csv$/);
    const records: string[][] = parse(fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
    expect(records[0]).toEqual(headers);
    expect(records[0]).toEqual(["Code", "Programme", "Status", "Partner countries", "Organisations", "Start", "End", "Budget"]);
    expect(records).toHaveLength(3);
    // Same rows in the same order; a title a spreadsheet would run as a formula is neutralised in the file only.
    const cells = rows.map((r) => r.map((c) => (c === "—" ? "" : c.trim())));
    expect(records.slice(1).map((r) => r[0])).toEqual(cells.map((r) => r[0]));
    const [fileA, fileB] = records[1][0] === a.code ? [records[1], records[2]] : [records[2], records[1]];
    const [tableA, tableB] = cells[0][0] === a.code ? [cells[0], cells[1]] : [cells[1], cells[0]];
    expect(fileA).toEqual(tableA);
    expect(fileA).toEqual([a.code, `${tag} Hospital payment`, "Implementation", "Belarus, Kazakhstan", `${fund.shortName} (Funding)`, "27 Nov 2019", "31 Dec 2026 (planned)", "US$1,500,000.50"]);
    expect(fileB[1]).toBe(`'=cmd| ${tag} formula-like title`);
    expect(tableB[1]).toBe(`=cmd| ${tag} formula-like title`);
    expect(fileB.filter((_, i) => i !== 1)).toEqual(tableB.filter((_, i) => i !== 1));
  });
});

test.describe("organisations", () => {
  test("staff adds an organisation with a long Korean name and finds it in the list", async ({ page, loginAs }) => {
    const shortName = `HIRA-${uid()}`;
    await loginAs("STAFF");
    await page.goto("/organisations");
    await page.getByRole("link", { name: "New organisation" }).click();
    await page.getByLabel("Short name *").fill(shortName);
    await page.getByLabel("Full name *").fill(KOREAN_NAME);
    await page.getByLabel("Organisation type (IATI) *").selectOption({ label: "15 — Other Public Sector" });
    await page.getByLabel("Country").selectOption("KR");
    await page.getByLabel("IATI organisation identifier").fill("KR GOV");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await expect(page.getByText("An identifier has no spaces and none of / & | ? (IATI rule).")).toBeVisible();
    await page.getByLabel("IATI organisation identifier").fill(`KR-BRN-${uid()}`);
    await page.getByRole("button", { name: "Create organisation" }).click();

    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByRole("heading", { level: 1, name: KOREAN_NAME })).toBeVisible();
    await expect(page.getByText("created this record")).toBeVisible();

    await page.getByRole("link", { name: "Organisations", exact: true }).first().click();
    await page.getByLabel("Search names, descriptions and countries").fill("전략구매");
    await page.getByRole("button", { name: "Apply" }).click();
    const table = page.getByRole("table", { name: "Organisations" });
    await expect(table.getByRole("link", { name: shortName })).toBeVisible();
    await expect(table.getByRole("cell", { name: KOREAN_NAME })).toBeVisible();
    await expect(table.getByRole("cell", { name: "Other Public Sector" })).toBeVisible();
  });

  test("an organisation's page links what it takes part in, and refuses deletion while it does", async ({ page, loginAs }) => {
    const org = await createOrganisation(prisma, { shortName: `MOH-BY-${uid()}`, countryCode: "BY" });
    const programme = await createProgramme(prisma, { countries: ["BY"], funders: [org.id], title: `Quality of care ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/organisations/${org.id}`);
    await expect(page.getByRole("link", { name: programme.title })).toHaveAttribute("href", `/programmes/${programme.code}`);
    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page.getByRole("alert")).toContainText(`programme “${programme.title}”`);
    expect(await prisma.organisation.count({ where: { id: org.id } })).toBe(1);
  });
});

test.describe("programmes without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sector split is checked on the server, the input kept, and the corrected form saves", async ({ page, loginAs }) => {
    const programme = await programmeWithSectors();
    await loginAs("STAFF");
    await page.goto(`/programmes/${programme.code}/edit`);
    await page.getByLabel("Sector 2 share (%)").fill("30");
    await page.getByLabel("Planned end").fill("2023-01-01");
    await page.getByRole("button", { name: "Save changes" }).click();

    await expect(page.getByRole("group", { name: "DAC sectors" }).getByText("Sector percentages add up to 90%; they must add up to 100%.")).toBeVisible();
    await expect(page.getByText("The planned end cannot be before the planned start.")).toBeVisible();
    await expect(page.getByLabel("Sector 2 share (%)")).toHaveValue("30");
    await expect(page.getByLabel("Sector 2", { exact: true })).toHaveValue("12220");
    await expect(page.getByLabel("Planned end")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Sector 2 share (%)").fill("40");
    await page.getByLabel("Planned end").fill("2026-12-31");
    await sector(page, 3, "12281", "");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Enter the sector's share.")).toBeVisible();
    await sector(page, 3, "", "");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    const row = await prisma.programme.findUniqueOrThrow({ where: { id: programme.id }, include: { sectors: true } });
    expect(row.version).toBe(2);
    expect(row.sectors.map((s) => `${s.sectorCode}:${s.percentage}`).sort()).toEqual(["12110:60", "12220:40"]);
  });
});
