import { parse } from "csv-parse/sync";
import fs from "node:fs";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivity, createAgreement, createDeliverable, daysFromToday, isoDaysFromToday } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";

// Deliverables and workshop outcomes in the staff workspace: recording what a
// workshop agreed, turning it into a deliverable, an edit conflict, and the
// overdue list's CSV.

test("staff records an agreed next step, creates the deliverable that carries it out, and accepts it", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const org = await createOrganisation(prisma, { shortName: `RSPC-${uid()}` });
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Hospital payment reform ${uid()}` });
  const workshop = await createActivity(prisma, { programmeId: programme.id, kind: "WORKSHOP", title: `DRG coding workshop ${uid()}` });
  const text = `Draft a national DRG coding guideline and circulate it to pilot hospitals ${uid()}`;

  await page.goto(`/outcomes/new?activity=${workshop.id}`);
  await expect(page.getByRole("link", { name: workshop.title })).toBeVisible();
  await page.getByLabel("Type").selectOption({ label: "Agreed next step" });
  await page.getByRole("textbox", { name: /^What was agreed/ }).fill(text);
  await page.getByLabel("Responsible organisation").selectOption({ label: `${org.shortName} — ${org.fullName}` });
  await page.getByLabel("Due date").fill(isoDaysFromToday(45));
  await page.getByRole("button", { name: "Record outcome" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
  await expect(page.getByText("Saved. The record has been created.")).toBeVisible();
  await expect(page.getByText("Follow-up: Not started")).toBeVisible();
  const outcomeUrl = page.url().replace(/\?.*$/, "");
  const outcome = await prisma.outcome.findFirstOrThrow({ where: { text } });
  expect(outcome).toMatchObject({ type: "AGREED_NEXT_STEP", activityId: workshop.id, responsibleOrgId: org.id, followUpStatus: "NOT_STARTED" });

  // It has no follow-up yet, so the dashboard's list shows it.
  await page.goto("/outcomes?followUp=missing");
  await expect(page.getByRole("link", { name: text })).toBeVisible();

  await page.goto(outcomeUrl);
  await page.getByRole("link", { name: "Create a deliverable to carry this out" }).click();
  await expect(page).toHaveURL(new RegExp(`/deliverables/new\\?outcome=${outcome.id}$`));
  await expect(page.getByRole("textbox", { name: /^Title/ })).toHaveValue(text);
  await expect(page.getByLabel("Programme")).toHaveValue(programme.id);
  await expect(page.getByLabel("From the activity")).toHaveValue(workshop.id);
  await expect(page.getByLabel("Responsible organisation")).toHaveValue(org.id);
  await expect(page.getByLabel("Due date")).toHaveValue(isoDaysFromToday(45));
  await page.getByRole("button", { name: "Create deliverable" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
  const deliverable = await prisma.deliverable.findFirstOrThrow({ where: { title: text } });
  await expect(page).toHaveURL(new RegExp(`/deliverables/${deliverable.id}$`));
  await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
  const carries = page.locator("section", { hasText: "Outcomes it carries out" });
  await expect(carries.getByRole("link", { name: text })).toHaveAttribute("href", `/outcomes/${outcome.id}`);
  await expect(page.getByRole("link", { name: workshop.title })).toHaveAttribute("href", `/activities/${workshop.id}`);
  expect(await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id } })).toMatchObject({ deliverableId: deliverable.id, followUpStatus: "IN_PROGRESS" });

  // Each is linked from the other.
  await carries.getByRole("link", { name: text }).click();
  await expect(page).toHaveURL(new RegExp(`/outcomes/${outcome.id}$`));
  await expect(page.getByText("Follow-up: In progress")).toBeVisible();
  await expect(page.getByRole("link", { name: text })).toHaveAttribute("href", `/deliverables/${deliverable.id}`);
  await expect(page.getByRole("link", { name: "Create a deliverable to carry this out" })).toHaveCount(0);

  // Accept it.
  await page.goto(`/deliverables/${deliverable.id}/edit`);
  await page.getByLabel("Status").selectOption({ label: "Accepted" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/deliverables/${deliverable.id}$`));
  await expect(page.getByText("Your changes have been saved.")).toBeVisible();
  const facts = page.locator("dl");
  await expect(facts.getByText("Accepted", { exact: true })).toBeVisible();
  await expect(facts.getByText("Accepted on")).toBeVisible();
  await expect(facts.getByText("Not yet", { exact: true })).toHaveCount(0);
  await expect(page.getByText("Status: Not started → Accepted", { exact: true })).toBeVisible();
  const accepted = await prisma.deliverable.findUniqueOrThrow({ where: { id: deliverable.id } });
  expect(accepted.status).toBe("ACCEPTED");
  expect(accepted.acceptedAt).not.toBeNull();

  // The outcome has a follow-up now.
  await page.goto("/outcomes?followUp=missing");
  await expect(page.getByRole("heading", { level: 1, name: "Outcomes without follow-up" })).toBeVisible();
  await expect(page.getByRole("link", { name: text })).toHaveCount(0);
});

test("a stale edit is refused, naming the field the other person changed", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const programme = await createProgramme(prisma, { countries: ["KZ"] });
  const d = await createDeliverable(prisma, { programmeId: programme.id, title: "Oncology referral pathway" });
  const second = await page.context().newPage();
  await page.goto(`/deliverables/${d.id}/edit`);
  await second.goto(`/deliverables/${d.id}/edit`);

  await page.getByRole("textbox", { name: /^Title/ }).fill("Oncology referral pathway, final");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/deliverables/${d.id}$`));
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");

  await second.getByLabel("Description").fill("Agreed with the Kazakh Institute of Oncology");
  await second.getByRole("button", { name: "Save changes" }).click();
  const notice = second.getByRole("alert").filter({ hasText: "Not saved" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Title: “Oncology referral pathway” → “Oncology referral pathway, final”");
  // The second person's input is kept.
  await expect(second.getByLabel("Description")).toHaveValue("Agreed with the Kazakh Institute of Oncology");
  expect(await prisma.deliverable.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
    title: "Oncology referral pathway, final",
    description: null,
    version: 2,
  });
});

test("the overdue list's CSV holds exactly the rows shown", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const org = await createOrganisation(prisma, { shortName: `NCRRC-${uid()}` });
  const programme = await createProgramme(prisma, { countries: ["UZ"], title: `Primary care ${uid()}` });
  const agreement = await createAgreement(prisma, { programmeId: programme.id, title: `Implementation plan ${uid()}` });
  const activity = await createActivity(prisma, { programmeId: programme.id, title: `Tashkent seminar ${uid()}` });
  const late = await createDeliverable(prisma, {
    programmeId: programme.id,
    title: `Baseline survey report ${uid()}`,
    dueDate: daysFromToday(-12),
    agreementId: agreement.id,
    activityId: activity.id,
    responsibleOrgId: org.id,
  });
  const lateInProgress = await createDeliverable(prisma, { programmeId: programme.id, title: `Training curriculum ${uid()}`, dueDate: daysFromToday(-1), status: "IN_PROGRESS" });
  const submitted = await createDeliverable(prisma, { programmeId: programme.id, title: `Submitted late ${uid()}`, dueDate: daysFromToday(-5), status: "SUBMITTED" });
  const future = await createDeliverable(prisma, { programmeId: programme.id, title: `Next year ${uid()}`, dueDate: daysFromToday(200) });

  // Narrowed to this test's programme: the suite's other tests leave overdue
  // deliverables in the shared database, enough to push these past the first page.
  await page.goto(`/deliverables?due=overdue&programme=${programme.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Overdue deliverables" })).toBeVisible();
  const table = page.getByRole("table", { name: "Deliverables" });
  await expect(table.getByRole("link", { name: late.title })).toBeVisible();
  await expect(table.getByRole("link", { name: lateInProgress.title })).toBeVisible();
  await expect(table.getByRole("link", { name: submitted.title })).toHaveCount(0);
  await expect(table.getByRole("link", { name: future.title })).toHaveCount(0);

  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.replace(/[▲▼↕]/g, "").trim());
  const bodyRows = table.getByRole("row").filter({ has: page.getByRole("cell") });
  const shown: string[][] = [];
  for (let i = 0; i < (await bodyRows.count()); i++) shown.push((await bodyRows.nth(i).getByRole("cell").allInnerTexts()).map((c) => c.trim()));

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download CSV/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^concord-deliverables-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parse(fs.readFileSync((await download.path())!, "utf8"), { bom: true }) as string[][];

  expect(csv[0]).toEqual(headers);
  // The table shows "—" for an empty cell and an "Overdue" badge for yes.
  const asShown = (row: string[]) => row.map((cell, i) => (headers[i] === "Overdue" ? (cell === "Yes" ? "Overdue" : cell) : cell || "—"));
  expect(csv.slice(1).map(asShown)).toEqual(shown);
  const lateRow = csv.find((r) => r[0] === late.title);
  expect(lateRow).toEqual([late.title, programme.title, agreement.title, activity.title, org.shortName, lateRow![5], "Not started", "Yes"]);
  expect(csv.slice(1).every((r) => r[7] === "Yes")).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the outcome and deliverable forms validate on the server and link the two", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    const programme = await createProgramme(prisma, { countries: ["KZ"] });
    const other = await createProgramme(prisma, { countries: ["UZ"] });
    const foreignAgreement = await createAgreement(prisma, { programmeId: other.id, title: `Foreign MoU ${uid()}` });
    const meeting = await createActivity(prisma, { programmeId: programme.id, kind: "HIGH_LEVEL_MEETING", title: `Astana meeting ${uid()}` });

    await page.goto(`/outcomes/new?activity=${meeting.id}`);
    await page.getByLabel("Type").selectOption({ label: "Decision" });
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByText("Enter what was agreed.")).toBeVisible();
    await expect(page.getByLabel("Type")).toHaveValue("DECISION");
    const text = `Open a joint oncology fellowship ${uid()}`;
    await page.getByRole("textbox", { name: /^What was agreed/ }).fill(text);
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);

    await page.getByRole("link", { name: "Create a deliverable to carry this out" }).click();
    // The programme comes from the outcome, so only its agreements are offered, even without a script.
    await expect(page.getByLabel("Programme")).toHaveValue(programme.id);
    await expect(page.getByLabel("Under the agreement").locator("option", { hasText: foreignAgreement.title })).toHaveCount(0);
    await page.getByRole("button", { name: "Create deliverable" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
    const outcome = await prisma.outcome.findFirstOrThrow({ where: { text }, include: { deliverable: true } });
    expect(outcome).toMatchObject({ followUpStatus: "IN_PROGRESS", deliverable: { title: text, programmeId: programme.id } });
  });
});

test("an outcome carries several follow-up actions; an overdue one shows on the dashboard, in the filtered list and in the partner's portal", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  const owner = await createOrganisation(prisma, { shortName: `NHIS-${uid()}` });
  const programme = await createProgramme(prisma, { countries: ["UZ"], title: `Costing cooperation ${uid()}` });
  const workshop = await createActivity(prisma, { programmeId: programme.id, kind: "WORKSHOP", title: `Costing workshop ${uid()}` });
  const report = await createDeliverable(prisma, { programmeId: programme.id, title: `Costing report ${uid()}` });
  const text = `Follow up the costing method ${uid()}`;

  await page.goto(`/outcomes/new?activity=${workshop.id}`);
  await page.getByLabel("Type").selectOption({ label: "Agreed next step" });
  await page.getByRole("textbox", { name: /^What was agreed/ }).fill(text);
  await page.getByLabel("Action 1: what is to be done").fill("Draft the costing method");
  await page.getByLabel("Action 1: owner").selectOption({ label: `${owner.shortName} — ${owner.fullName}` });
  await page.getByLabel("Action 1: deadline").fill("2019-06-30");
  await page.getByLabel("Action 1: status").selectOption({ label: "In progress" });
  await page.getByLabel("Action 2: what is to be done").fill("Present the report to the board");
  await page.getByLabel("Action 2: deadline").fill(isoDaysFromToday(30));
  await page.getByLabel("Action 2: status").selectOption({ label: "Not started" });
  await page.getByLabel("Action 2: deliverable produced").selectOption({ label: report.title });
  await page.getByRole("button", { name: "Record outcome" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text);
  await expect(page.getByRole("heading", { level: 2, name: "Follow-up actions (2)" })).toBeVisible();
  const first = page.getByRole("listitem").filter({ hasText: "Draft the costing method" });
  await expect(first.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(first.getByText(`${owner.shortName} · In progress · due 30 Jun 2019`)).toBeVisible();
  const second = page.getByRole("listitem").filter({ hasText: "Present the report to the board" });
  await expect(second.getByText("Overdue", { exact: true })).toHaveCount(0);
  await expect(second.getByRole("link", { name: report.title })).toHaveAttribute("href", `/deliverables/${report.id}`);
  const outcome = await prisma.outcome.findFirstOrThrow({ where: { text }, include: { followUps: { orderBy: { position: "asc" } } } });
  expect(outcome.followUps.map((a) => [a.description, a.status, a.deliverableId])).toEqual([
    ["Draft the costing method", "IN_PROGRESS", null],
    ["Present the report to the board", "NOT_STARTED", report.id],
  ]);

  // The edit form holds both, plus blank rows for more.
  await page.goto(`/outcomes/${outcome.id}/edit`);
  await expect(page.getByLabel("Action 2: what is to be done")).toHaveValue("Present the report to the board");
  await expect(page.getByLabel("Action 4: what is to be done")).toHaveValue("");

  await page.goto("/outcomes?followUp=overdue");
  await expect(page.getByRole("link", { name: text })).toBeVisible();
  await page.goto("/workspace");
  const panel = page.getByRole("region", { name: "Overdue follow-up actions" });
  await expect(panel.getByRole("link", { name: /outcomes with an overdue follow-up action: show them all$/ })).toHaveAttribute("href", "/outcomes?followUp=overdue");

  // The partner for Uzbekistan (the session cookie replaces the staff one).
  await loginAs("PARTNER", { countries: ["UZ"] });
  await page.goto(`/portal/programmes/${programme.code}`);
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: text }) });
  await expect(item.getByText("Follow-up overdue", { exact: true })).toBeVisible();
  // The outcome's portal page lists the actions, the overdue one flagged.
  await item.getByRole("link", { name: text }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Follow-up actions (2)" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Draft the costing method" }).getByText("Overdue", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: report.title })).toHaveAttribute("href", `/portal/deliverables/${report.id}`);
});
