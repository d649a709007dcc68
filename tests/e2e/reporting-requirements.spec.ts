import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createProgramme, uid } from "../factories";
import { createProgressReportRecord, createRequirementRecord, createReportingFixture } from "../factories/reporting";
import { expect, prisma, test } from "./support/fixtures";

// Issue 18 (helper R): staff set up a programme's reporting requirement in the
// browser and see its periods; a bad form is explained next to its fields; an
// edit that would move a period whose report has been started is refused next
// to the field; a partner sees its country's reports, what to do first on top.

const dir = path.join("test-results", "screens", "reporting");
async function shot(page: Page, name: string) {
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test("staff create a quarterly requirement, see its periods, edit it; bad input is explained next to the fields", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const programme = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Hospital payment reform ${uid()}` });

  await page.goto(`/programmes/${programme.code}`);
  await page.getByRole("link", { name: "Reporting requirements and periods" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reporting" })).toBeVisible();
  await page.getByRole("link", { name: "New reporting requirement" }).click();
  await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}/reporting/new$`));
  // Prefilled from the programme's dates, quarterly, due after 30 days.
  await expect(page.getByLabel("First period starts")).toHaveValue("2024-01-01");
  await expect(page.getByLabel("Last period ends")).toHaveValue("2026-12-31");
  await expect(page.getByLabel("Due (days after the period ends)")).toHaveValue("30");

  // Bad input: no title, custom dates without dates, an implementing organisation without country or organisation.
  await page.getByLabel("Frequency").selectOption({ label: "Custom dates" });
  await page.getByRole("combobox", { name: /^Reporter( \*)?$/ }).selectOption({ label: "Implementing organisation" });
  await page.getByRole("button", { name: "Create requirement and periods" }).click();
  await expect(page.getByRole("textbox", { name: /^Title/ })).toHaveAccessibleDescription(/Enter a title\./);
  await expect(page.getByLabel("Period ends (custom dates)")).toHaveAccessibleDescription(/Enter the last day of each period/);
  await expect(page.getByLabel("Reporter's country")).toHaveAccessibleDescription(/Choose the country whose partners report\./);
  await expect(page.getByRole("combobox", { name: /^Implementing organisation/ })).toHaveAccessibleDescription(/Choose the implementing organisation that reports\./);
  await page.getByLabel("Period ends (custom dates)").fill("2026-06-30\n2026-03-31");
  await page.getByLabel("Frequency").focus();
  await expect(page.getByLabel("Period ends (custom dates)")).toHaveAccessibleDescription(/ascending order/);
  await shot(page, "requirement-new-errors");
  expect(await prisma.reportingRequirement.count({ where: { programmeId: programme.id } })).toBe(0);

  // A good one: quarterly from 15 February 2026, by the Belarus ministry.
  const title = `Quarterly progress report ${uid()}`;
  await page.getByRole("textbox", { name: /^Title/ }).fill(title);
  await page.getByLabel("Frequency").selectOption({ label: "Quarterly" });
  await page.getByLabel("Period ends (custom dates)").fill("");
  await page.getByLabel("First period starts").fill("2026-02-15");
  await page.getByRole("combobox", { name: /^Reporter( \*)?$/ }).selectOption({ label: "Partner ministry" });
  await page.getByLabel("Reporter's country").selectOption({ label: "Belarus" });
  await expect(page.getByText("Periods this creates")).toBeVisible();
  await shot(page, "requirement-new");
  await page.getByRole("button", { name: "Create requirement and periods" }).click();

  await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}/reporting$`));
  await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
  const section = page.locator("section", { hasText: title });
  const rows = section.getByRole("row");
  await expect(rows).toHaveCount(5); // the heading and four quarters
  await expect(rows.nth(1)).toContainText("15 Feb 2026 – 31 Mar 2026");
  await expect(rows.nth(1)).toContainText("30 Apr 2026");
  await expect(rows.nth(1)).toContainText("Not started");
  await expect(rows.nth(4)).toContainText("1 Oct 2026 – 31 Dec 2026");
  const requirement = await prisma.reportingRequirement.findFirstOrThrow({ where: { title } });
  const first = await prisma.progressReport.findFirstOrThrow({ where: { requirementId: requirement.id, sequence: 1 } });
  await expect(section.getByRole("link", { name: "Open report 1" })).toHaveAttribute("href", `/progress-reports/${first.id}`);
  await shot(page, "programme-reporting");

  // The partner starts the first report; moving its period is refused next to the field, nothing changes.
  await prisma.progressReport.update({ where: { id: first.id }, data: { status: "DRAFT", narrative: "Started" } });
  await section.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("First period starts").fill("2026-01-01");
  await page.getByRole("button", { name: "Save and update the periods" }).click();
  await expect(page.getByLabel("First period starts")).toHaveAccessibleDescription(/would drop or move the period 2026-02-15 – 2026-03-31, whose report is already “Draft”/);
  await shot(page, "requirement-edit-refused");
  expect((await prisma.reportingRequirement.findUniqueOrThrow({ where: { id: requirement.id } })).version).toBe(1);

  // Shorter instead: the not-started quarters after June go.
  await page.getByLabel("First period starts").fill("2026-02-15");
  await page.getByLabel("Last period ends").fill("2026-06-30");
  await page.getByRole("button", { name: "Save and update the periods" }).click();
  await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}/reporting$`));
  await expect(page.locator("section", { hasText: title }).getByRole("row")).toHaveCount(3);
  await expect(page.locator("section", { hasText: title }).getByRole("row").nth(1)).toContainText("Draft");
});

test("a partner sees its country's reports, what to do first on top, never another country's", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Hospital payment reform ${uid()}` });
  const returned = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", status: "RETURNED" });
  const approved = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", status: "APPROVED" });
  const foreign = await createReportingFixture(prisma, { programmeId: programme.id, country: "KZ", status: "DRAFT" });
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto("/portal");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  const first = page.getByRole("list", { name: "To do first" });
  await expect(first.getByRole("link", { name: `${returned.requirement.title} #1` })).toHaveAttribute("href", `/portal/reports/${returned.report.id}`);
  await expect(first).toContainText("Returned");
  await expect(page.getByRole("list", { name: "Other reports" }).getByRole("link", { name: `${approved.requirement.title} #1` })).toBeVisible();
  await expect(page.getByText(foreign.requirement.title)).toHaveCount(0);
  await shot(page, "portal-reports");
});

test("staff list every report, filtered to the overdue ones", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const programme = await createProgramme(prisma, { countries: ["BY", "KZ"], title: `Hospital payment reform ${uid()}` });
  const late = await createReportingFixture(prisma, { programmeId: programme.id, country: "KZ", status: "DRAFT" });
  const done = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", status: "APPROVED" });
  await page.goto(`/progress-reports?programme=${programme.id}`);
  await expect(page.getByRole("link", { name: `${late.requirement.title} #1` })).toBeVisible();
  await expect(page.getByRole("link", { name: `${done.requirement.title} #1` })).toBeVisible();
  await page.goto(`/progress-reports?programme=${programme.id}&due=overdue`);
  await expect(page.getByRole("link", { name: `${late.requirement.title} #1` })).toHaveAttribute("href", `/progress-reports/${late.report.id}`);
  await expect(page.getByRole("link", { name: `${done.requirement.title} #1` })).toHaveCount(0);
  await shot(page, "progress-reports");
});

test.describe("in Russian", () => {
  test.use({ locale: "ru-RU" });

  test("the form's messages and the refusal to move a started report are in the reader's language, next to the fields", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY" });
    await createProgressReportRecord(prisma, requirement, { status: "DRAFT" });
    await page.goto(`/reporting-requirements/${requirement.id}/edit`);
    await page.getByLabel("Начало первого периода").fill("2025-02-01");
    await page.getByRole("textbox", { name: /^Название/ }).fill("");
    await page.getByRole("button", { name: "Сохранить и обновить периоды" }).click();
    await expect(page.getByRole("textbox", { name: /^Название/ })).toHaveAccessibleDescription(/Укажите название\./);
    await page.getByRole("textbox", { name: /^Название/ }).fill("Ежеквартальный отчёт");
    await page.getByRole("button", { name: "Сохранить и обновить периоды" }).click();
    await expect(page.getByLabel("Начало первого периода")).toHaveAccessibleDescription(/удалит или сдвинет период 2025-01-01 – 2025-03-31, отчёт за который уже в статусе «Черновик»/);
    await shot(page, "requirement-edit-refused-ru");
    expect((await prisma.reportingRequirement.findUniqueOrThrow({ where: { id: requirement.id } })).version).toBe(1);
  });
});

test("an edit made meanwhile by someone else is shown as a conflict, and nothing is overwritten", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const programme = await createProgramme(prisma, { countries: ["BY"] });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY" });
  await page.goto(`/reporting-requirements/${requirement.id}/edit`);
  // Another person saves first.
  await prisma.reportingRequirement.update({ where: { id: requirement.id }, data: { dueDays: 45, version: { increment: 1 } } });
  await page.getByRole("textbox", { name: /^Title/ }).fill("My title");
  await page.getByRole("button", { name: "Save and update the periods" }).click();
  await expect(page.getByText(/^Not saved: .* changed this record/)).toBeVisible();
  expect(await prisma.reportingRequirement.findUniqueOrThrow({ where: { id: requirement.id } })).toMatchObject({ title: requirement.title, dueDays: 45, version: 2 });
});
