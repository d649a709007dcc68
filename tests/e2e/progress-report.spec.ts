import type { Page } from "@playwright/test";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createDeliverable } from "../factories/deliverable";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";

// Issue 18, helper P: a progress report from the partner's draft to the
// approved figures. The partner fills it in the portal (a wrong figure is
// refused next to its field; the draft saves as it goes) and submits; staff
// return it with a comment on the indicators; the partner corrects and
// resubmits; staff approve; the indicator then shows the approved actual.
// (The lead extends this into the Russian journey with mails.)

const SHOTS = "/tmp/shots-helper-p";
const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function reportFixture() {
  const funder = await createOrganisation(prisma, { shortName: `KWPF-${uid()}` });
  const programme = await createProgramme(prisma, { countries: ["BY"], funders: [funder.id], title: `DRG payment reform in Belarus ${uid()}` });
  const indicator = await createIndicator(prisma, {
    programmeId: programme.id,
    title: `Doctors trained in DRG coding ${uid()}`,
    periods: [{ start: "2025-01-01", end: "2025-03-31", target: 50, targetFemale: 25, targetMale: 25 }],
  });
  const activity = await prisma.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: `DRG workshop in Minsk ${uid()}`, status: "COMPLETED", countryCode: "BY", plannedStart: day("2025-02-10"), actualStart: day("2025-02-10") },
  });
  const deliverable = await createDeliverable(prisma, { programmeId: programme.id, title: `Costing manual ${uid()}`, dueDate: day("2025-03-15") });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY", title: `Quarterly progress report ${uid()}` });
  const report = await createProgressReportRecord(prisma, requirement, { status: "NOT_STARTED", narrative: null });
  return { funder, programme, indicator, activity, deliverable, report };
}

/** The report's indicator and workshop groups, and the form's figures filled in (`women`: the indicator's women, 25 is right). */
function reportForm(page: Page, f: Awaited<ReturnType<typeof reportFixture>>) {
  const doctors = () => page.getByRole("group", { name: `${f.indicator.title} (people)` });
  const workshop = () => page.getByRole("group", { name: new RegExp(f.activity.title) });
  const fillFigures = async (women: string) => {
    await doctors().getByLabel(`Actual: ${f.indicator.title}`).fill("40");
    await doctors().getByLabel("Women", { exact: true }).fill(women);
    await doctors().getByLabel("Men", { exact: true }).fill("15");
    await workshop().getByLabel(/^Total/).fill("35");
    await workshop().getByLabel("Women", { exact: true }).fill("20");
    await workshop().getByLabel("Men", { exact: true }).fill("14");
    await page.getByRole("group", { name: /Costing manual/ }).getByLabel("Reported status").selectOption({ label: "Submitted" });
  };
  return { doctors, workshop, fillFigures };
}

test("partner fills and submits, staff return with a comment, partner resubmits, staff approve: the figure becomes official", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  const f = await reportFixture();
  const { doctors, workshop, fillFigures } = reportForm(page, f);

  // The partner: the draft saves as it goes.
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto(`/portal/reports/${f.report.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Quarterly progress report");
  await page.getByLabel("What happened in the period (English)").fill("Forty doctors were trained in DRG coding.");
  await expect(page.getByText("Draft saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("What happened in the period (English)")).toHaveValue("Forty doctors were trained in DRG coding.");

  // Evidence: a document uploaded to the report (the document store's checks).
  await page.getByLabel("Title").fill("Attendance sheets");
  await page.getByLabel(/^File/).setInputFiles({ name: "attendance.pdf", mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${uid()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });
  await page.getByRole("button", { name: "Upload evidence" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Evidence uploaded." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Attendance sheets" })).toBeVisible();

  // A wrong figure is refused next to its field; nothing is half-saved.
  await fillFigures("30");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(doctors().getByText("Women and men together are more than the actual value.")).toBeVisible();
  expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).status).toBe("DRAFT");
  await doctors().getByLabel("Women", { exact: true }).fill("25");
  await page.screenshot({ path: `${SHOTS}/fill-form.png`, fullPage: true });
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted for review." })).toBeVisible();

  // Staff review beside the target, and return it with a comment on the indicators.
  await loginAs("STAFF");
  await page.goto(`/progress-reports/${f.report.id}`);
  await expect(page.getByRole("cell", { name: /^50/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/review.png`, fullPage: true });
  await page.getByLabel("Comment on Indicators").fill("Please check the number of women trained.");
  await page.getByRole("button", { name: "Return to the reporter" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report returned to the reporter." })).toBeVisible();

  // The partner sees the comment under the indicators, corrects and resubmits.
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto(`/portal/reports/${f.report.id}`);
  await expect(page.getByText("Please check the number of women trained.")).toBeVisible();
  await doctors().getByLabel("Women", { exact: true }).fill("24");
  await doctors().getByLabel("Men", { exact: true }).fill("16");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted for review." })).toBeVisible();

  // Staff approve; the indicator's period carries the approved actual.
  await loginAs("STAFF");
  await page.goto(`/progress-reports/${f.report.id}`);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Report approved" })).toBeVisible();
  const period = await prisma.indicatorPeriod.findFirstOrThrow({ where: { indicatorId: f.indicator.id, periodStart: day("2025-01-01") } });
  expect([period.actualValue?.toString(), period.actualFemale?.toString(), period.approvedReportId]).toEqual(["40", "24", f.report.id]);
  await page.goto(`/indicators/${f.indicator.id}`);
  await expect(page.getByRole("main")).toContainText("40");
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } })).participantsTotal).toBe(35);

  // The approved actual is locked: the indicator's edit refuses a change next to the field, naming the report.
  await page.goto(`/indicators/${f.indicator.id}/edit`);
  await page.getByLabel("Period 1: actual", { exact: true }).fill("41");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/These actual values were approved in progress report Quarterly progress report .* #1: reopen that report/)).toBeVisible();
  await expect(page.getByLabel("Period 1: actual", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect((await prisma.indicatorPeriod.findFirstOrThrow({ where: { indicatorId: f.indicator.id, periodStart: day("2025-01-01") } })).actualValue?.toString()).toBe("40");

  // The donor finds it on the programme's card and reads it.
  await loginAs("DONOR", { organisationIds: [f.funder.id] });
  await page.goto("/donor");
  const card = page.getByRole("region", { name: f.programme.title });
  await card.getByRole("link", { name: /Quarterly progress report .*1 Jan 2025/ }).click();
  await expect(page.getByRole("cell", { name: "40 (Women 24, Men 16)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("Submit while the draft is still saving waits for the save's answer: no conflict with one's own save", async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  const f = await reportFixture();
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto(`/portal/reports/${f.report.id}`);
  await reportForm(page, f).fillFigures("25");
  await expect(page.getByText("Draft saved")).toBeVisible({ timeout: 30_000 });
  // From here the autosave's answer is held back (the server has saved, the page does not know yet)
  // until the reader has clicked Submit: the page still holds the version before its own save.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(`**/portal/reports/${f.report.id}**`, async (route) => {
    if (route.request().method() === "POST" && (route.request().postData() ?? "").includes("autosave")) {
      held++;
      const response = await route.fetch();
      await released;
      return route.fulfill({ response });
    }
    return route.fallback();
  });
  await page.getByLabel("What happened in the period (English)").fill("Forty doctors were trained in DRG coding.");
  await expect(page.getByText("Saving…")).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).narrative, { timeout: 30_000 }).toBe(
    "Forty doctors were trained in DRG coding.",
  );
  await page.getByRole("button", { name: "Submit for review" }).click();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Report submitted for review." })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("someone else changed this record")).toHaveCount(0);
  const report = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
  expect(report.status).toBe("SUBMITTED");
  expect(report.narrative).toBe("Forty doctors were trained in DRG coding.");
  expect(held).toBe(1);
});

test("autosave meets someone else's save: both versions are shown and nothing is overwritten", async ({ page, loginAs }) => {
  const f = await reportFixture();
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto(`/portal/reports/${f.report.id}`);
  // Meanwhile a colleague saves the report (the page still holds version 1).
  const { saveDraft } = await import("../../app/models/progress-report.server");
  const { ctxFor } = await import("../../app/models/ctx.server");
  const { ProgressReportFormSchema } = await import("../../app/schemas/progress-report");
  const colleague = await prisma.user.create({ data: { email: `colleague-${uid()}@test.concord`, name: "Colleague", role: "STAFF", passwordHash: "x" } });
  await saveDraft(ctxFor(colleague), f.report.id, 1, ProgressReportFormSchema.parse({ version: "1", narrative: "The colleague's narrative." }));
  await page.getByLabel("What happened in the period (English)").fill("My narrative.");
  const alert = page.getByRole("alert").filter({ hasText: "Someone else saved this report" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("My narrative.");
  await expect(alert).toContainText("The colleague's narrative.");
  await page.screenshot({ path: `${SHOTS}/conflict.png`, fullPage: true });
  expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).narrative).toBe("The colleague's narrative.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("Save draft saves the form, and a wrong figure comes back next to its field in the reader's language", async ({ page, loginAs }) => {
    const f = await reportFixture();
    const partner = await loginAs("PARTNER", { countries: ["BY"] });
    await page.goto(`/portal/reports/${f.report.id}`);
    await page.getByLabel("What happened in the period (English)").fill("Saved without scripts.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).narrative).toBe("Saved without scripts.");
    // In Russian: the message next to the field is Russian; nothing of the form is saved.
    await prisma.user.update({ where: { id: partner.id }, data: { locale: "ru" } });
    await page.goto(`/portal/reports/${f.report.id}`);
    const group = page.getByRole("group", { name: `${f.indicator.title} (people)` });
    await group.getByLabel(/^Фактическое значение/).fill("10");
    await group.getByLabel("Женщины", { exact: true }).fill("8");
    await group.getByLabel("Мужчины", { exact: true }).fill("5");
    await page.getByLabel(/^Что было сделано за период/).fill("Не должно сохраниться.");
    await page.getByRole("button", { name: "Сохранить черновик" }).click();
    await expect(page.getByText("Женщин и мужчин вместе больше, чем фактическое значение.")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/invalid-ru.png`, fullPage: true });
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).narrative).toBe("Saved without scripts.");
  });
});
