import type { Locator, Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { createKnownPortfolio } from "../factories/portfolio";
import { expect, prisma, test } from "./support/fixtures";

// The portfolio dashboard with a factory portfolio of known numbers
// (tests/factories/portfolio.ts). The end-to-end database is shared with
// other tests, so staff views are narrowed to the factory programme with the
// programme filter; a donor's view holds only its own programmes anyway.

const SHOTS = process.env.SHOTS_DIR;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The chart's figure, named by its caption; opens its data table. */
async function figure(page: Page, caption: string): Promise<Locator> {
  const fig = page.getByRole("figure", { name: caption, exact: true });
  await expect(fig).toBeVisible();
  await expect(fig.getByRole("img").first()).toHaveAttribute("aria-label", /.+/);
  await fig.getByText("Show the data as a table").click();
  return fig;
}

const row = (fig: Locator, header: string) => fig.getByRole("row").filter({ has: fig.page().getByRole("rowheader", { name: header, exact: true }) });

test.describe("portfolio dashboard", () => {
  const today = new Date().toISOString().slice(0, 10);

  test("staff see each chart with its table and the map of Belarus", async ({ page, loginAs }) => {
    const known = await createKnownPortfolio(prisma, today);
    await loginAs("STAFF");
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto("/portfolio");
    await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();

    // Narrow to the factory programme through the filter form (a GET form: the state is in the URL).
    await page.getByLabel("Programme").selectOption(known.p1.code);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`programme=${known.p1.code}`));
    await expect(page.getByText(`Showing ${known.p1.code}`)).toBeVisible();

    const activities = await figure(page, "Activities by kind and year");
    await expect(row(activities, "2023").getByRole("cell")).toHaveText(["0", "0", "1", "1"]); // Study visit, Training, Workshop, Total
    await expect(row(activities, "2024").getByRole("cell")).toHaveText(["1", "0", "1", "2"]);
    await expect(row(activities, "Date not recorded").getByRole("cell")).toHaveText(["0", "1", "0", "1"]);
    await expect(row(activities, "All years").getByRole("cell")).toHaveText(["1", "1", "2", "4"]);

    const deliverables = await figure(page, "Deliverables by status");
    await expect(row(deliverables, "Not started").getByRole("cell")).toHaveText("2");
    await expect(row(deliverables, "Overdue").getByRole("cell")).toHaveText("1");
    await expect(row(deliverables, "All deliverables").getByRole("cell")).toHaveText("5");

    const participants = await figure(page, "Participants by sex");
    await expect(row(participants, "All years").getByRole("cell")).toHaveText(["23", "22", "1", "24", "70"]);
    await expect(row(participants, "2024").getByRole("cell")).toHaveText(["12", "10", "0", "23", "45"]);

    const krw = await figure(page, "Funding in KRW by donor and year");
    await expect(row(krw, `${known.funderA.shortName} · 2023`).getByRole("cell")).toHaveText(["₩32,000,000,000", "₩1,000,000"]);
    const usd = await figure(page, "Funding in USD by donor and year");
    await expect(row(usd, `${known.funderA.shortName} · 2024`).getByRole("cell")).toHaveText(["US$250.75", "US$0.00"]);
    // Currencies are never added together: no KRW amount in the USD table.
    await expect(usd.getByText("₩")).toHaveCount(0);

    const map = await figure(page, "Activities by country");
    const belarus = map.locator('svg path[data-country="BY"]');
    await expect(belarus.locator("title")).toHaveText("Belarus: 3 activities");
    await expect(map.locator('svg path[data-country="KZ"] title')).toHaveText("Kazakhstan: no activities");
    await expect(row(map, "Belarus").getByRole("cell")).toHaveText("3");
    await expect(map.getByRole("list", { name: "Map legend" })).toContainText("3 activities");
    await shot(page, "portfolio-staff-desktop");

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "portfolio-staff-phone");
    expect(consoleErrors).toEqual([]);
  });

  test("a donor sees only its own programmes' numbers", async ({ page, loginAs }) => {
    const known = await createKnownPortfolio(prisma, today);
    await loginAs("DONOR", { organisationIds: [known.funderB.id] });
    await page.goto("/portfolio");
    await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
    await expect(page.getByLabel("Programme").locator("option")).toHaveText(["All programmes", `${known.p2.code} — ${known.p2.title}`]);

    const activities = await figure(page, "Activities by kind and year");
    await expect(row(activities, "All years").getByRole("cell")).toHaveText(["1", "1"]);
    const participants = await figure(page, "Participants by sex");
    await expect(row(participants, "All years").getByRole("cell")).toHaveText(["5", "5", "0", "0", "10"]);
    const usd = await figure(page, "Funding in USD by donor and year");
    await expect(row(usd, `${known.funderB.shortName} · 2025`).getByRole("cell")).toHaveText(["US$5,000.00", "US$0.00"]);
    await expect(page.getByRole("figure", { name: "Funding in KRW by donor and year" })).toHaveCount(0);
    await expect(page.getByText(known.funderA.shortName)).toHaveCount(0);
    const map = await figure(page, "Activities by country");
    await expect(map.locator('svg path[data-country="BY"] title')).toHaveText("Belarus: no activities");
    await expect(map.locator('svg path[data-country="UZ"] title')).toHaveText("Uzbekistan: 1 activity");
    await shot(page, "portfolio-donor-desktop");
  });

  test("a partner gets 403", async ({ page, loginAs }) => {
    await loginAs("PARTNER", { countries: ["BY"] });
    const response = await page.goto("/portfolio");
    expect(response?.status()).toBe(403);
  });
});

test.describe("portfolio without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the year filter works as a plain form", async ({ page, loginAs }) => {
    const known = await createKnownPortfolio(prisma, new Date().toISOString().slice(0, 10));
    await loginAs("STAFF");
    await page.goto(`/portfolio?programme=${known.p1.code}`);
    await page.getByLabel("From year").fill("2024");
    await page.getByLabel("To year").fill("2024");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/from=2024&to=2024/);
    const activities = await figure(page, "Activities by kind and year");
    await expect(row(activities, "All years").getByRole("cell")).toHaveText(["1", "1", "2"]);
    await expect(activities.getByRole("rowheader", { name: "2023" })).toHaveCount(0);
    const map = page.getByRole("figure", { name: "Activities by country" });
    await expect(map.locator('svg path[data-country="BY"] title')).toHaveText("Belarus: 1 activity");
    await shot(page, "portfolio-filtered-nojs");
  });
});
