import type { Locator, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import fs from "node:fs";
import path from "node:path";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createIndicator } from "../factories/results";
import { createTestAgreement } from "../factories/activity";
import { expect, prisma, test } from "./support/fixtures";

// Screenshots for looking at the pages, only when SHOTS_DIR is set.
async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Header texts of a table, without the sort arrows. */
async function headers(table: Locator): Promise<string[]> {
  const texts = await table.getByRole("columnheader").allInnerTexts();
  return texts.map((t) => t.replace(/[▲▼↕]/g, "").trim());
}

async function longNamedProgramme() {
  return createProgramme(prisma, {
    countries: ["BY", "KR"],
    title: `Реформа оплаты медицинской помощи в Республике Беларусь — 벨라루스 의료비 지불제도 개혁 협력 사업 ${uid()}`,
  });
}

test.describe("indicators", () => {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      test.use({ javaScriptEnabled });
      test("the agreement choice follows the programme", async ({ page, loginAs }) => {
        const id = uid();
        const mine = await createProgramme(prisma, { title: `Nurses programme ${id}` });
        const other = await createProgramme(prisma, { title: `Other programme ${id}` });
        const own = await createTestAgreement(prisma, { programmeId: mine.id, title: `Own MoU ${id}` });
        const foreign = await createTestAgreement(prisma, { programmeId: other.id, title: `Foreign MoU ${id}` });
        await loginAs("STAFF");
        await page.goto("/indicators/new");
        const agreement = page.getByLabel("Agreement");
        await page.getByLabel("Title").fill(`Nurses trained ${id}`);
        await page.getByLabel("Programme").selectOption({ label: `${mine.title} (${mine.code})` });
        await page.getByLabel("Result type").selectOption("OUTPUT");
        if (javaScriptEnabled) {
          // Only the chosen programme's agreements are offered; another programme's choice is undone.
          await expect(agreement.getByRole("option", { name: own.title, exact: false })).toHaveCount(1);
          await expect(agreement.getByRole("option", { name: foreign.title, exact: false })).toHaveCount(0);
          await agreement.selectOption({ label: `${own.title} (${mine.code})` });
          await page.getByLabel("Programme").selectOption({ label: `${other.title} (${other.code})` });
          await expect(agreement).toHaveValue("");
          await expect(agreement.getByRole("option", { name: own.title, exact: false })).toHaveCount(0);
          await expect(agreement.getByRole("option", { name: foreign.title, exact: false })).toHaveCount(1);
        } else {
          // Every agreement, each naming its programme; the server refuses a wrong pair next to the field.
          await expect(agreement.getByRole("option", { name: `${own.title} (${mine.code})` })).toHaveCount(1);
          await expect(agreement.getByRole("option", { name: `${foreign.title} (${other.code})` })).toHaveCount(1);
          await agreement.selectOption({ label: `${foreign.title} (${other.code})` });
          await page.getByRole("button", { name: "Create indicator" }).click();
          await expect(page.getByLabel("Agreement")).toHaveAccessibleDescription(/The agreement must belong to the indicator's programme\./);
          expect(await prisma.indicator.count({ where: { title: `Nurses trained ${id}` } })).toBe(0);
        }
      });
    });
  }

  test("staff records an indicator with periods and sees the share of target, the chart and its text", async ({ page, loginAs }) => {
    const programme = await longNamedProgramme();
    await loginAs("STAFF");

    await page.goto("/indicators/new");
    await shot(page, "indicator-form");
    await page.getByLabel("Title").fill("Recipients of Medical Aid");
    await page.getByLabel("Programme").selectOption({ label: `${programme.title} (${programme.code})` });
    await page.getByLabel("Result type").selectOption("OUTPUT");
    await expect(page.getByLabel("Measure")).toHaveValue("UNIT");
    await page.getByLabel("Unit", { exact: true }).fill("people");
    await expect(page.getByLabel("Higher values are better")).toBeChecked();
    await page.getByLabel("Baseline value").fill("140000");
    await page.getByLabel("Baseline year").fill("2021");
    await page.getByLabel("Period 1: start").fill("2022-01-01");
    await page.getByLabel("Period 1: end").fill("2022-12-31");
    await page.getByLabel("Period 1: target", { exact: true }).fill("150000");
    await page.getByLabel("Period 1: actual", { exact: true }).fill("146619");
    await page.getByLabel("Period 2: start").fill("2023-01-01");
    await page.getByLabel("Period 2: end").fill("2023-12-31");
    await page.getByLabel("Period 2: target", { exact: true }).fill("155000");
    await page.getByRole("button", { name: "Create indicator" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Recipients of Medical Aid" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expect(page.getByText("140,000 people in 2021")).toBeVisible();
    await expect(page.getByRole("link", { name: programme.title }).first()).toHaveAttribute("href", `/programmes/${programme.code}`);

    const periods = page.getByRole("table", { name: "Targets and actual values by period" });
    const y2022 = periods.getByRole("row", { name: /^2022/ });
    await expect(y2022.getByRole("cell")).toHaveText(["150,000 people", "146,619 people", "97.7%", "—"]);
    const y2023 = periods.getByRole("row", { name: /^2023/ });
    await expect(y2023.getByRole("cell")).toHaveText(["155,000 people", "Not yet reported", "—", "—"]);

    const chart = page.getByRole("img", { name: /Target and actual by period for “Recipients of Medical Aid”/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName(
      "Target and actual by period for “Recipients of Medical Aid”. 2022: target 150,000 people, actual 146,619 people (97.7% of target); 2023: target 155,000 people, actual not yet reported. The table gives the exact figures.",
    );
    await expect(page.locator("figcaption")).toContainText("2022: target 150,000 people, actual 146,619 people (97.7% of target)");
    await shot(page, "indicator-page");

    // A second save with a period overlapping 2023 is refused next to that row.
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Period 3: start").fill("2023-07-01");
    await page.getByLabel("Period 3: end").fill("2024-06-30");
    await page.getByLabel("Period 3: target", { exact: true }).fill("160000");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByLabel("Period 3: start")).toHaveAccessibleDescription(
      "This period overlaps period 2 (2023-01-01 to 2023-12-31). Periods of one indicator must not overlap.",
    );
    await expect(page.getByLabel("Period 3: target", { exact: true })).toHaveValue("160000");
    await shot(page, "indicator-form-errors");
    const stored = await prisma.indicator.findFirstOrThrow({ where: { programmeId: programme.id }, include: { periods: true } });
    expect(stored.periods).toHaveLength(2);

    // The list shows it, with the latest reported period.
    await page.goto(`/indicators?programme=${programme.id}`);
    const list = page.getByRole("table", { name: "Indicators", exact: true });
    await expect(list.getByRole("row", { name: /Recipients of Medical Aid/ }).getByRole("cell")).toHaveText([
      "Recipients of Medical Aid",
      programme.title,
      "Output",
      "Unit",
      "people",
      "140,000 (2021)",
      "2022",
      "150,000",
      "146,619",
      "97.7%",
    ]);
    await shot(page, "indicator-list");
  });

  test("percentage and qualitative indicators show what they measure; deleting takes the periods with it", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: "Cancer care exchange with Kazakhstan" });
    const share = await createIndicator(prisma, {
      programmeId: programme.id,
      title: "Share of oncology centres using the national registry",
      resultType: "OUTCOME",
      measure: "PERCENTAGE",
      unitLabel: null,
      baselineValue: 35,
      baselineYear: 2020,
      periods: [
        { start: "2021-01-01", end: "2021-12-31", target: 50, actual: 55.5 },
        { start: "2022-01-01", end: "2022-06-30", target: 70, actual: 64, actualFemale: 30, actualMale: 34 },
      ],
    });
    const policy = await createIndicator(prisma, { programmeId: programme.id, title: "National cancer plan adopted", resultType: "IMPACT", measure: "QUALITATIVE", unitLabel: null });
    await prisma.indicatorPeriod.create({
      data: { indicatorId: policy.id, periodStart: new Date("2023-01-01"), periodEnd: new Date("2023-12-31"), targetComment: "Plan approved by the government", actualComment: "Approved in October" },
    });
    await loginAs("STAFF");

    await page.goto(`/indicators/${share.id}`);
    await expect(page.getByText("35% in 2020")).toBeVisible();
    const rows = page.getByRole("table", { name: "Targets and actual values by period" });
    await expect(rows.getByRole("row", { name: /^2021/ }).getByRole("cell")).toHaveText(["50%", "55.5%", "111.0%", "—", "—"]);
    await expect(rows.getByRole("row", { name: /^Jan 2022 – Jun 2022/ }).getByRole("cell").nth(3)).toHaveText("Actual: 30 women, 34 men");
    await expect(page.getByRole("img", { name: /Jan 2022 – Jun 2022: target 70%, actual 64% \(91\.4% of target\)/ })).toBeVisible();
    await shot(page, "indicator-percentage");

    await page.goto(`/indicators/${policy.id}`);
    await expect(page.getByRole("img")).toHaveCount(0);
    const qualitative = page.getByRole("table", { name: "Targets and actual values by period" });
    await expect(qualitative.getByRole("columnheader")).toHaveText(["Period", "Comments"]);
    await expect(qualitative.getByRole("row", { name: /^2023/ })).toContainText("Approved in October");
    await shot(page, "indicator-qualitative");

    await page.getByText("Delete…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page).toHaveURL(/\/indicators$/);
    await expect(page.getByRole("status")).toHaveText("Deleted.");
    expect(await prisma.indicatorPeriod.count({ where: { indicatorId: policy.id } })).toBe(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server refuses overlapping periods next to the row and keeps the input", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const indicator = await createIndicator(prisma, {
      programmeId: programme.id,
      title: "Hospitals paid by diagnosis-related groups",
      unitLabel: "hospitals",
      periods: [{ start: "2022-01-01", end: "2022-12-31", target: 20, actual: 18 }],
    });
    await loginAs("STAFF");
    await page.goto(`/indicators/${indicator.id}/edit`);
    await page.getByLabel("Period 2: start").fill("2022-12-01");
    await page.getByLabel("Period 2: end").fill("2023-11-30");
    await page.getByLabel("Period 2: actual", { exact: true }).fill("7");
    await page.getByLabel("Period 2: actual, women").fill("5");
    await page.getByLabel("Period 2: actual, men").fill("3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").first()).toContainText("2 things need fixing");
    await expect(page.getByLabel("Period 2: start")).toHaveAccessibleDescription(/overlaps period 1 \(2022-01-01 to 2022-12-31\)/);
    await expect(page.getByLabel("Period 2: actual, women")).toHaveAccessibleDescription("Women and men together (8) exceed the actual value (7).");
    await expect(page.getByLabel("Period 2: end")).toHaveValue("2023-11-30");

    await page.getByLabel("Period 2: start").fill("2023-01-01");
    await page.getByLabel("Period 2: actual, men").fill("2");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    await expect(page.getByRole("table", { name: "Targets and actual values by period" }).getByRole("row", { name: /^Jan 2023 – Nov 2023/ })).toContainText(
      "Actual: 5 women, 2 men",
    );
  });

  test("a funding line without a positive amount or a budget without its period is refused", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    await loginAs("STAFF");
    await page.goto(`/funding/new?programme=${programme.id}&kind=BUDGET`);
    await page.getByLabel("Amount").fill("0");
    await page.getByLabel("Currency").fill("usd");
    await page.getByLabel("Value date").fill("2024-01-01");
    await page.getByRole("button", { name: "Create funding line" }).click();
    await expect(page.getByLabel("Amount")).toHaveAccessibleDescription(/The amount must be more than zero\./);
    await expect(page.getByLabel("Period start")).toHaveAccessibleDescription(/A budget covers a period: enter its start\./);
    await expect(page.getByLabel("Currency")).toHaveValue("usd");
    await shot(page, "funding-form-errors");
  });
});

test.describe("funding", () => {
  test("staff records a disbursement and a commitment, sees totals by currency, and the CSV matches the table", async ({ page, loginAs }) => {
    const programme = await longNamedProgramme();
    const donor = await createOrganisation(prisma, { shortName: `KOFIH-${uid()}` });
    await prisma.organisation.update({ where: { id: donor.id }, data: { fullName: "Korea Foundation for International Healthcare (한국국제보건의료재단)" } });
    const ministry = await createOrganisation(prisma, { shortName: `МЗ-РБ-${uid()}`, countryCode: "BY" });
    await prisma.organisation.update({ where: { id: ministry.id }, data: { fullName: "Министерство здравоохранения Республики Беларусь" } });
    await loginAs("STAFF");

    const record = async (kind: string, amount: string, currency: string, date: string) => {
      await page.goto("/funding/new");
      await page.getByLabel("Programme").selectOption({ label: `${programme.title} (${programme.code})` });
      await page.getByLabel("Kind").selectOption(kind);
      await page.getByLabel("Provider").selectOption(donor.id);
      await page.getByLabel("Receiver", { exact: true }).selectOption(ministry.id);
      await page.getByLabel("Amount").fill(amount);
      await page.getByLabel("Currency").fill(currency);
      await page.getByLabel("Transaction date").fill(date);
      await page.getByLabel("Value date").fill(date);
      await page.getByRole("button", { name: "Create funding line" }).click();
      await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    };

    await record("DISBURSEMENT", "1,250,000.50", "USD", "2024-03-15");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disbursement: USD 1,250,000.50");
    await expect(page.getByRole("link", { name: donor.shortName })).toHaveAttribute("href", `/organisations/${donor.id}`);
    await expect(page.getByRole("link", { name: ministry.shortName })).toHaveAttribute("href", `/organisations/${ministry.id}`);
    await shot(page, "funding-page");
    await record("COMMITMENT", "32000000000", "KRW", "2023-11-20");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outgoing commitment: KRW 32,000,000,000");

    await page.goto("/funding");
    await page.getByLabel("Programme", { exact: true }).selectOption({ label: programme.title });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`programme=${programme.id}`));

    const totals = page.getByRole("region", { name: "Totals by currency and kind" });
    await expect(totals.getByRole("row")).toHaveText([/Currency\s*Kind\s*Lines\s*Total/, /KRW\s*Outgoing commitment\s*1\s*32,000,000,000 KRW/, /USD\s*Disbursement\s*1\s*1,250,000.50 USD/]);

    const table = page.getByRole("table", { name: "Funding lines", exact: true });
    const shown = await headers(table);
    expect(shown).toEqual([
      "Value date", "Kind", "Programme", "Provider", "Receiver", "Transaction date or budget period", "Description", "Amount", "Currency",
    ]);
    const bodyRows = table.locator("tbody tr");
    await expect(bodyRows).toHaveCount(2);
    const cells = await Promise.all([0, 1].map((i) => bodyRows.nth(i).getByRole("cell").allInnerTexts()));
    // Newest value date first.
    expect(cells.map((c) => c[1])).toEqual(["Disbursement", "Outgoing commitment"]);
    expect(cells.map((c) => c[7])).toEqual(["1,250,000.50", "32,000,000,000"]);
    await shot(page, "funding-list");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV (2 rows)" }).click()]);
    const csv = parse(fs.readFileSync((await download.path())!), { bom: true }) as string[][];
    expect(csv[0]).toEqual(shown);
    expect(csv.slice(1)).toEqual([
      ["2024-03-15", "Disbursement", programme.title, donor.shortName, ministry.shortName, "2024-03-15", "", "1250000.50", "USD"],
      ["2023-11-20", "Outgoing commitment", programme.title, donor.shortName, ministry.shortName, "2023-11-20", "", "32000000000.00", "KRW"],
    ]);
    // Every column the table shows is in the CSV, row for row; amounts are plain numbers.
    csv.slice(1).forEach((row, i) => {
      expect(row[1]).toBe(cells[i][1]);
      expect(row[2]).toBe(cells[i][2]);
      expect(row[3]).toBe(cells[i][3]);
      expect(row[4]).toBe(cells[i][4]);
      expect(row[8]).toBe(cells[i][8]);
      expect(Number(row[7])).toBe(Number(cells[i][7].replace(/,/g, "")));
    });
  });
});
