import { parse } from "csv-parse/sync";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { createActivity, createTestAgreement } from "../factories/activity";
import { createOrganisation, createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

async function makeProgramme() {
  const id = uid();
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Oncology exchange ${id}` });
  const agreement = await createTestAgreement(prisma, { programmeId: programme.id, title: `MoU on oncology training ${id}` });
  const organisation = await createOrganisation(prisma, { shortName: `NCC-${id}`, countryCode: "KZ" });
  return { programme, agreement, organisation };
}

/** Fills the new-activity form with a training course of 30 participants; `female` varies between the tests. */
async function fillTrainingCourse(
  page: Page,
  opts: { title: string; agreementTitle: string; organisation: string; female: string },
) {
  await page.getByLabel("Title").fill(opts.title);
  await page.getByLabel("Kind").selectOption({ label: "Training course" });
  await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Completed" });
  await page.getByLabel("Country").selectOption({ label: "Kazakhstan" });
  await page.getByLabel("City").fill("Almaty");
  await page.getByLabel("Actual start").fill("2025-03-10");
  await page.getByLabel("Actual end").fill("2025-03-14");
  await page.getByLabel("Total participants").fill("30");
  const participants = page.getByRole("group", { name: "Participants", exact: true });
  await participants.getByLabel("Female", { exact: true }).fill(opts.female);
  await participants.getByLabel("Male", { exact: true }).fill("11");
  await participants.getByLabel("Other or not recorded").fill("1");
  await page.getByRole("checkbox", { name: opts.agreementTitle }).check();
  await page.getByLabel("Organisation 1", { exact: true }).selectOption({ label: `${opts.organisation} — ${opts.organisation} full name` });
  await page.getByLabel("Role of organisation 1").selectOption({ label: "Host" });
}

async function expectBySexFigures(page: Page) {
  const table = page.getByRole("table", { name: "Participants by sex" });
  await expect(table.getByRole("row", { name: "Female 18 60%" })).toBeVisible();
  await expect(table.getByRole("row", { name: "Male 11 37%" })).toBeVisible();
  await expect(table.getByRole("row", { name: "Other or not recorded 1 3%" })).toBeVisible();
  await expect(table.getByRole("row", { name: "Total 30 100%" })).toBeVisible();
}

test.describe("activities", () => {
  test("staff log a training course for an agreement and see its participants by sex", async ({ page, loginAs }) => {
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const { programme, agreement, organisation } = await makeProgramme();
    await loginAs("STAFF");
    await page.goto(`/activities/new?programme=${programme.id}`);
    await expect(page.getByRole("combobox", { name: "Programme" })).toHaveValue(programme.id);
    const title = `Palliative care training ${uid()}`;
    await fillTrainingCourse(page, { title, agreementTitle: agreement.title, organisation: organisation.shortName, female: "18" });
    await page.getByRole("button", { name: "Create activity" }).click();

    await expect(page).toHaveURL(/\/activities\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
    await expectBySexFigures(page);
    await expect(page.getByRole("link", { name: agreement.title })).toHaveAttribute("href", `/agreements/${agreement.id}`);
    await expect(page.getByText(`${organisation.shortName} full name`)).toBeVisible();
    await expect(page.getByRole("link", { name: "Record an outcome" })).toHaveAttribute("href", /\/outcomes\/new\?activity=/);

    const saved = await prisma.activity.findFirstOrThrow({ where: { title }, include: { agreements: true } });
    expect(saved).toMatchObject({ kind: "TRAINING_COURSE", participantsTotal: 30, participantsFemale: 18, participantsMale: 11, participantsOther: 1 });
    expect(saved.agreements.map((a) => a.agreementId)).toEqual([agreement.id]);

    // An edit is saved and shows in the history.
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("Total participants")).toHaveValue("30");
    await page.getByLabel("City").fill("Astana");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
    await expect(page.getByText("City: Almaty → Astana", { exact: true })).toBeVisible();
    await expectBySexFigures(page);

    // The agreement's page lists the activity, so the link works both ways.
    await page.goto(`/agreements/${agreement.id}`);
    await expect(page.getByRole("link", { name: title })).toHaveAttribute("href", `/activities/${saved.id}`);
    expect(pageErrors).toEqual([]);
  });

  test("the list, filtered by kind and searched by organisation, shows it and downloads exactly its columns", async ({ page, loginAs }) => {
    const { programme, agreement, organisation } = await makeProgramme();
    const title = `Nursing training ${uid()}`;
    await createActivity(prisma, {
      programmeId: programme.id,
      title,
      kind: "TRAINING_COURSE",
      status: "COMPLETED",
      countryCode: "KZ",
      city: "Almaty",
      plannedStart: null,
      actualStart: new Date("2025-03-10"),
      participants: { total: 30, female: 18, male: 11, other: 1 },
      agreementIds: [agreement.id],
      organisations: [{ organisationId: organisation.id, role: "HOST" }],
    });
    await prisma.activity.updateMany({ where: { title }, data: { actualEnd: new Date("2025-03-14") } });
    // Same organisation, other kind: the kind filter must leave it out.
    await createActivity(prisma, {
      programmeId: programme.id,
      title: `Study visit ${uid()}`,
      kind: "STUDY_VISIT",
      organisations: [{ organisationId: organisation.id, role: "PARTICIPANT" }],
    });
    await loginAs("STAFF");
    await page.goto("/activities");
    await page.getByLabel("Kind").selectOption({ label: "Training course" });
    await page.getByLabel("Search titles, places, organisations and countries").fill(organisation.shortName.toLowerCase());
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/kind=TRAINING_COURSE/);

    const table = page.getByRole("table", { name: "Activities" });
    await expect(table.getByRole("row")).toHaveCount(2);
    const expectedRow = [title, "Training course", programme.code, "Almaty, Kazakhstan", "10 Mar 2025 – 14 Mar 2025", "Completed", "30", "18", "11", "1"];
    await expect(table.getByRole("row").nth(1).getByRole("cell")).toHaveText(expectedRow);
    const headers = (await table.getByRole("columnheader").allTextContents()).map((h) => h.replace(/[▲▼↕]/g, "").trim());

    const downloadEvent = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV (1 row)" }).click();
    const download = await downloadEvent;
    expect(download.suggestedFilename()).toMatch(/^concord-activities-\d{4}-\d{2}-\d{2}\.csv$/);
    const records: string[][] = parse(fs.readFileSync(await download.path()), { bom: true });
    expect(records).toEqual([headers, expectedRow]);
    expect(headers).toEqual(["Activity", "Kind", "Programme", "Place", "Dates", "Status", "Participants", "Female", "Male", "Other or not recorded"]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("participants by sex above the total are refused next to the field, keeping the input, then saved", async ({ page, loginAs }) => {
    const { programme, agreement, organisation } = await makeProgramme();
    await loginAs("STAFF");
    await page.goto(`/activities/new?agreement=${agreement.id}`);
    await expect(page.getByRole("combobox", { name: "Programme" })).toHaveValue(programme.id);
    await expect(page.getByRole("checkbox", { name: agreement.title })).toBeChecked();
    const title = `Training without scripts ${uid()}`;
    await fillTrainingCourse(page, { title, agreementTitle: agreement.title, organisation: organisation.shortName, female: "21" });
    await page.getByRole("button", { name: "Create activity" }).click();

    const total = page.getByLabel("Total participants");
    await expect(total).toHaveAccessibleDescription("Female, male and other add up to 33, more than the total of 30.");
    await expect(page.getByText("Female, male and other add up to 33, more than the total of 30.")).toBeVisible();
    await expect(total).toHaveValue("30");
    const participants = page.getByRole("group", { name: "Participants", exact: true });
    await expect(participants.getByLabel("Female", { exact: true })).toHaveValue("21");
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await expect(page.getByLabel("Country")).toHaveValue("KZ");
    await expect(page.getByRole("checkbox", { name: agreement.title })).toBeChecked();
    await expect(page.getByLabel("Organisation 1", { exact: true })).toHaveValue(organisation.id);
    expect(await prisma.activity.count({ where: { title } })).toBe(0);

    await participants.getByLabel("Female", { exact: true }).fill("18");
    await page.getByRole("button", { name: "Create activity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expectBySexFigures(page);
    await expect(page.getByRole("link", { name: agreement.title })).toBeVisible();
  });
});

test.describe("all of a form's errors at once", () => {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      test.use({ javaScriptEnabled });
      test("a group total in words and a planned end before the start are both shown on the first save", async ({ page, loginAs }) => {
        const { programme } = await makeProgramme();
        await loginAs("STAFF");
        await page.goto(`/activities/new?programme=${programme.id}`);
        const title = `Errors at once ${uid()}`;
        await page.getByLabel("Title").fill(title);
        await page.getByLabel("Kind").selectOption({ label: "Workshop" });
        await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Planned" });
        // The group first: with JavaScript the browser checks each field as it is left.
        const group = page.getByRole("group", { name: "Group 1" });
        await group.getByLabel("or a label").fill("Nurses");
        await group.getByLabel("Total").fill("twelve");
        await page.getByLabel("Planned start").fill("2025-05-10");
        await page.getByLabel("Planned end").fill("2025-05-01");
        await page.getByRole("button", { name: "Create activity" }).click();

        await expect(page.getByLabel("Planned end")).toHaveAccessibleDescription(/The planned end cannot be before the planned start\./);
        await expect(group.getByLabel("Total")).toHaveAccessibleDescription("Enter the group's total as a whole number.");
        await expect(group.getByLabel("Total")).toHaveValue("twelve");
        expect(await prisma.activity.count({ where: { title } })).toBe(0);
      });
    });
  }
});
