import { needsAttention } from "../../app/models/dashboard.server";
import { createProgramme, uid } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord } from "../factories/document";
import { expect, prisma, test } from "./support/fixtures";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

test.describe("staff dashboard", () => {
  test("shows what needs attention, with counts linking to the filtered lists, and the month's calendar", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Dashboard programme ${uid()}` });
    // Due long ago, so it is first among the overdue ones whatever else the database holds.
    const overdue = await createDeliverableRecord(prisma, programme.id, { title: `Overdue DRG report ${uid()}`, dueDate: "2000-01-03", status: "IN_PROGRESS" });
    const today = new Date().toISOString().slice(0, 10);
    const activity = await createActivityRecord(prisma, programme.id, { title: `Семинар по DRG ${uid()}`, plannedStart: today, kind: "WORKSHOP" });
    const expected = await needsAttention({ kind: "staff" });

    await loginAs("STAFF");
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto("/workspace");
    await expect(page.getByRole("heading", { level: 1, name: "Cooperation workspace" })).toBeVisible();

    const [year, month] = today.split("-").map(Number);
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    const monthName = `${MONTHS[month - 1]} ${year}`;
    const counts: [string, number, string][] = [
      ["overdue deliverables", expected.overdue.count, "/deliverables?due=overdue"],
      ["deliverables due in the next 30 days", expected.dueSoon.count, "/deliverables?due=next30"],
      ["agreements expiring within 90 days", expected.expiring.count, "/agreements?expiring=90"],
      ["outcomes without follow-up", expected.outcomesWithoutFollowUp.count, "/outcomes?followUp=missing"],
      [`activities starting in ${monthName}`, expected.activitiesThisMonth.count, `/activities?from=${today.slice(0, 8)}01&to=${last}`],
    ];
    expect(expected.overdue.count).toBeGreaterThanOrEqual(1);
    expect(expected.activitiesThisMonth.count).toBeGreaterThanOrEqual(1);
    for (const [label, count, href] of counts) {
      await expect(page.getByRole("link", { name: `${count} ${label}: show them all` })).toHaveAttribute("href", href);
    }

    const overduePanel = page.getByRole("region", { name: "Overdue deliverables" });
    await expect(overduePanel.getByRole("link", { name: overdue.title })).toHaveAttribute("href", `/deliverables/${overdue.id}`);
    await expect(overduePanel.getByText(/due 3 Jan 2000 · [\d,]+ days overdue/).first()).toBeVisible();
    const monthPanel = page.getByRole("region", { name: `Activities starting in ${monthName}` });
    if (expected.activitiesThisMonth.items.some((a) => a.id === activity.id)) {
      await expect(monthPanel.getByRole("link", { name: activity.title })).toHaveAttribute("href", `/activities/${activity.id}`);
    }

    // The calendar: a real table with weekday headers and the activity on its day.
    const calendar = page.getByRole("table", { name: `Activities in ${monthName}` });
    await expect(calendar.getByRole("columnheader")).toHaveText(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    const cell = calendar.getByRole("cell").filter({ has: page.locator(`time[datetime="${today}"]`) });
    await expect(cell.getByRole("link", { name: activity.title })).toHaveAttribute("href", `/activities/${activity.id}`);
    await expect(cell.getByText("Workshop")).toBeVisible();
    // Hydration went through without mismatches.
    expect(consoleErrors).toEqual([]);
  });
});

test.describe("agreements that expired", () => {
  test("an agreement in force past its expiry reads Expired, on the dashboard panel, the filtered list and its page", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["BY"], title: `Expiry programme ${uid()}` });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const lapsed = await createAgreementRecord(prisma, programme.id, { title: `Lapsed designation ${uid()}`, status: "ACTIVE", expiresOn: yesterday });
    const expected = await needsAttention({ kind: "staff" }, new Date(), 1000);
    expect(expected.expired.items.some((x) => x.id === lapsed.id)).toBe(true);

    await loginAs("STAFF");
    await page.goto("/workspace");
    const panel = page.getByRole("region", { name: "Agreements that expired in the last 90 days" });
    await expect(panel).toBeVisible();
    const all = page.getByRole("link", { name: `${expected.expired.count} agreements expired in the last 90 days: show them all` });
    await expect(all).toHaveAttribute("href", "/agreements?expired=90");
    if (expected.expired.items.slice(0, 5).some((x) => x.id === lapsed.id)) {
      await expect(panel.getByRole("link", { name: lapsed.title })).toHaveAttribute("href", `/agreements/${lapsed.id}`);
    }

    await page.goto(`/agreements?expired=90&programme=${programme.id}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: lapsed.title }) });
    await expect(row.getByRole("cell", { name: "Expired", exact: true })).toBeVisible();
    await page.goto(`/agreements?status=ACTIVE&programme=${programme.id}`);
    await expect(page.getByRole("link", { name: lapsed.title })).toHaveCount(0);

    await page.goto(`/agreements/${lapsed.id}`);
    await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
    await expect(page.getByText(/^Expired on /)).toBeVisible();
  });
});

test.describe("staff dashboard without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("moves between months and spans multi-day activities", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Calendar ${uid()}` });
    const visit = await createActivityRecord(prisma, programme.id, {
      title: `Study visit to Seoul ${uid()}`,
      kind: "STUDY_VISIT",
      plannedStart: "2019-11-28",
      plannedEnd: "2019-12-02",
    });
    await loginAs("STAFF");
    await page.goto("/workspace?month=2019-11");
    const november = page.getByRole("table", { name: "Activities in November 2019" });
    await expect(november).toBeVisible();
    for (const day of ["2019-11-28", "2019-11-29", "2019-11-30"]) {
      const cell = november.getByRole("cell").filter({ has: page.locator(`time[datetime="${day}"]`) });
      await expect(cell.getByRole("link", { name: visit.title })).toHaveAttribute("href", `/activities/${visit.id}`);
    }
    await expect(november.getByRole("cell").filter({ has: page.locator('time[datetime="2019-11-27"]') }).getByRole("link", { name: visit.title })).toHaveCount(0);
    await expect(november.getByText("Study visit · day 1 of 5")).toBeVisible();

    await page.getByRole("link", { name: "Next month: December 2019" }).click();
    await expect(page).toHaveURL(/\?month=2019-12/);
    const december = page.getByRole("table", { name: "Activities in December 2019" });
    await expect(december.getByRole("cell").filter({ has: page.locator('time[datetime="2019-12-02"]') }).getByText("Study visit · day 5 of 5")).toBeVisible();
    await page.getByRole("link", { name: "Previous month: November 2019" }).click();
    await expect(page.getByRole("table", { name: "Activities in November 2019" })).toBeVisible();
  });

  test("keeps a busy day short and lists all of it on request", async ({ page, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Busy day ${uid()}` });
    const tag = uid();
    for (let i = 1; i <= 5; i++) {
      await createActivityRecord(prisma, programme.id, { title: `Busy ${tag} ${i}`, kind: "WORKSHOP", plannedStart: "2017-02-14" });
    }
    await loginAs("STAFF");
    await page.goto("/workspace?month=2017-02");
    const february = page.getByRole("table", { name: "Activities in February 2017" });
    const cell = february.getByRole("cell").filter({ has: page.locator('time[datetime="2017-02-14"]') });
    await expect(cell.getByRole("link", { name: new RegExp(`^Busy ${tag}`) })).toHaveCount(3);
    await cell.getByRole("link", { name: "2 more activities on 14 Feb 2017" }).click();
    await expect(page).toHaveURL(/day=2017-02-14/);
    const panel = page.locator("#calendar-day");
    await expect(panel.getByRole("heading", { name: /Activities on 14 Feb 2017 \(5\)/ })).toBeVisible();
    await expect(panel.getByRole("link", { name: new RegExp(`^Busy ${tag}`) })).toHaveCount(5);
  });
});
