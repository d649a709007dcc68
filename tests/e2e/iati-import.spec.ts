import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createOrganisation, createProgramme } from "../factories";
import { ensurePublisher } from "../factories/publisher";
import { createFundingLine } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";

// Issue 17, point 9: an administrator reads a donor's published IATI activity
// file (uploaded, or fetched from its address), checks the preview, creates a
// programme from it, or links it to an incoming funding line so the donor's
// activity becomes the line's provider activity.

const FIXTURES = path.resolve("tests/fixtures/iati");
const SCREENS = "test-results/screens";

function fixture(name: string, token: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8").replaceAll("CONCORD-TEST", token);
}
const newToken = () => `E${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

test.beforeAll(async () => {
  await ensurePublisher(prisma);
});

test.describe("IATI import", () => {
  test("an admin uploads a donor's activity file, checks the preview and creates the programme", async ({ page, loginAs }) => {
    const token = newToken();
    const identifier = `XM-DAC-701-${token}-HIRA`;
    await loginAs("ADMIN");
    await page.goto("/workspace");
    // The administrator's pages are in the header's Administration menu.
    await page.getByRole("navigation", { name: "Administration" }).getByText("Administration", { exact: true }).click();
    await page.getByRole("link", { name: "IATI", exact: true }).click();
    await page.getByRole("navigation", { name: "IATI publication pages" }).getByRole("link", { name: "Import" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import from IATI" })).toBeVisible();

    await page.getByLabel("IATI activity file (XML)").setInputFiles({ name: "activity.xml", mimeType: "application/xml", buffer: Buffer.from(fixture("donor-activity.xml", token)) });
    await page.getByRole("button", { name: "Read the file" }).click();

    await expect(page.getByRole("heading", { name: `Activity ${identifier}` })).toBeVisible();
    await expect(page.getByText("보편적 건강보장을 위한 전략적 구매")).toBeVisible();
    const funding = page.getByRole("table", { name: "Budgets and transactions" });
    await expect(funding.getByRole("row").filter({ hasText: "Transaction (type 3)" })).toContainText("Incoming funds");
    await expect(funding.getByRole("row").filter({ hasText: "Transaction (type 5)" })).toContainText("Not imported");
    await expect(page.getByText("women 21, men 14")).toBeVisible();
    await expect(page.getByRole("link", { name: "Project summary" })).toHaveAttribute("href", "https://donor.example.org/docs/project-summary.pdf");
    const orgs = page.getByRole("table", { name: "Participating organisations" });
    await expect(orgs.getByRole("row").filter({ hasText: `Ministry of Health ${token}` }).getByRole("combobox")).toHaveValue("new");
    await page.screenshot({ path: `${SCREENS}/iati-import-preview.png`, fullPage: true });
    // WCAG 2.2 AA, as tests/e2e/a11y.spec.ts scans every page (the preview is only reached by a post).
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);

    // A code already taken: refused next to the field, nothing written.
    const taken = await createProgramme(prisma, { code: `TAKEN-${token}` });
    await page.getByLabel("Programme code").fill(taken.code);
    await page.getByRole("button", { name: "Create the programme" }).click();
    await expect(page.getByLabel("Programme code")).toHaveAccessibleDescription(new RegExp(`Another programme already uses the code ${taken.code}`));
    expect(await prisma.programme.count({ where: { sourceNote: { contains: identifier } } })).toBe(0);

    const code = `IATI-${token}`;
    await page.getByLabel("Programme code").fill(code);
    await page.getByRole("button", { name: "Create the programme" }).click();
    await expect(page).toHaveURL(new RegExp(`/programmes/${code}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Strategic purchasing for universal health coverage" })).toBeVisible();
    const created = await prisma.programme.findUniqueOrThrow({ where: { code }, include: { funding: true, indicators: true } });
    expect(created.funding.filter((f) => f.providerActivityId === identifier)).toHaveLength(4);
    expect(created.indicators).toHaveLength(1);
  });

  test("an admin fetches a file with three activities from its address, picks one and links it to a funding line", async ({ page, loginAs }) => {
    const token = newToken();
    const xml = fixture("three-activities.xml", token);
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === "/iati/activities.xml" ? 200 : 404, { "content-type": "application/xml" });
      res.end(req.url === "/iati/activities.xml" ? xml : "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const programme = await createProgramme(prisma, { code: `LINK-${token}` });
      const donor = await createOrganisation(prisma, { shortName: `Funder ${token}` });
      const line = await createFundingLine(prisma, { programmeId: programme.id, kind: "INCOMING_FUNDS", providerOrgId: donor.id, transactionDate: "2025-03-01", amount: "125000", currency: "EUR" });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/iati/activities.xml`;

      await loginAs("ADMIN");
      await page.goto("/admin/iati-import");
      await page.getByLabel("Address of the file").fill(url.replace("activities.xml", "missing.xml"));
      await page.getByRole("button", { name: "Fetch and read" }).click();
      await expect(page.getByText("The server answered 404 instead of the file.")).toBeVisible();

      await page.getByLabel("Address of the file").fill(url);
      await page.getByRole("button", { name: "Fetch and read" }).click();
      await expect(page.getByRole("heading", { name: "The file holds 3 activities" })).toBeVisible();
      await page.screenshot({ path: `${SCREENS}/iati-import-choose.png`, fullPage: true });
      await page.getByRole("button", { name: `Preview XM-DAC-3-${token}-B` }).click();
      await expect(page.getByRole("heading", { name: `Activity XM-DAC-3-${token}-B` })).toBeVisible();

      // No line chosen: the message is next to the select.
      await page.getByRole("button", { name: "Link the activity" }).click();
      await expect(page.getByText("Choose an active incoming funds or incoming commitment line.")).toBeVisible();

      await page.getByLabel("Incoming funding line").selectOption(line.id);
      await page.getByLabel(`Also record XM-DAC-3-${token} as the IATI identifier of the line's provider`).check();
      await page.getByRole("button", { name: "Link the activity" }).click();
      await expect(page).toHaveURL(new RegExp(`/funding/${line.id}$`));
      await expect(page.getByText(`XM-DAC-3-${token}-B`).first()).toBeVisible();
      const after = await prisma.fundingLine.findUniqueOrThrow({ where: { id: line.id }, include: { provider: true } });
      expect(after.providerActivityId).toBe(`XM-DAC-3-${token}-B`);
      expect(after.provider?.iatiRef).toBe(`XM-DAC-3-${token}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test.describe("in Russian", () => {
    test.use({ locale: "ru-RU" });
    test("a file with a DOCTYPE is refused next to the file field", async ({ page, loginAs }) => {
      await loginAs("ADMIN");
      await page.goto("/admin/iati-import");
      await page.getByLabel("Файл мероприятий IATI (XML)").setInputFiles({ name: "lol.xml", mimeType: "application/xml", buffer: Buffer.from(fixture("hostile-doctype.xml", newToken())) });
      await page.getByRole("button", { name: "Прочитать файл" }).click();
      await expect(page.getByLabel("Файл мероприятий IATI (XML)")).toHaveAccessibleDescription(/В файле объявлен DOCTYPE или сущности/);
      await page.screenshot({ path: `${SCREENS}/iati-import-refused-ru.png`, fullPage: true });
    });
  });
});
