import type { Page } from "@playwright/test";
import { createOrganisation, createProgramme, uid } from "../factories";
import { fillAction, fillOutcome, fillWorkshop, outcomeGroup as outcome } from "./support/activity-form";
import { expect, prisma, test } from "./support/fixtures";

// Issue 20: a workshop is recorded with its participants (by sex and by
// organisation) and what it agreed (outcomes with follow-up actions) in one
// form, one submission, one transaction: offline there is no activity id
// from the server to record the outcomes against. With JavaScript and
// without it ("Add an action" posts the form and it comes back with one more
// row, as every repeatable group does).

async function setUp() {
  const id = uid();
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Primary care reform ${id}` });
  const ministry = await createOrganisation(prisma, { shortName: `MoH-${id}`, countryCode: "KZ" });
  const hospital = await createOrganisation(prisma, { shortName: `Hosp-${id}`, countryCode: "KZ" });
  return { id, programme, ministry, hospital };
}

type Orgs = { ministry: { shortName: string }; hospital: { shortName: string } };
const orgLabel = (o: { shortName: string }) => `${o.shortName} — ${o.shortName} full name`;

/** The workshop, its 12 participants, and its organisations: the ministry hosts, all 12 from the hospital. */
async function fillWorkshopWithGroups(page: Page, title: string, orgs: Orgs) {
  await fillWorkshop(page, title);
  await page.getByLabel("Organisation 1", { exact: true }).selectOption({ label: orgLabel(orgs.ministry) });
  await page.getByLabel("Role of organisation 1").selectOption({ label: "Host" });
  const group = page.getByRole("group", { name: "Group 1", exact: true });
  await group.getByLabel("Organisation", { exact: true }).selectOption({ label: orgLabel(orgs.hospital) });
  await group.getByLabel("Total", { exact: true }).fill("12");
  await group.getByLabel("Female", { exact: true }).fill("7");
  await group.getByLabel("Male", { exact: true }).fill("4");
  await group.getByLabel("Other", { exact: true }).fill("1");
}

/** What the database holds: the activity, its two outcomes in form order, and the one action. */
async function expectSaved(title: string, tag: string, ministryId: string, actionPosition = 0) {
  const saved = await prisma.activity.findFirstOrThrow({
    where: { title },
    include: { participantGroups: true, outcomes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { followUps: true } } },
  });
  expect(saved).toMatchObject({ kind: "WORKSHOP", participantsTotal: 12, participantsFemale: 7, participantsMale: 4, participantsOther: 1 });
  expect(saved.participantGroups).toMatchObject([{ total: 12, female: 7, male: 4, other: 1 }]);
  expect(saved.outcomes.map((o) => [o.type, o.text, o.responsibleOrgId])).toEqual([
    ["DECISION", `Adopt the referral protocol ${tag}`, ministryId],
    ["RECOMMENDATION", `Pilot it in two regions ${tag}`, null],
  ]);
  expect(saved.outcomes[0].followUps).toMatchObject([{ position: actionPosition, description: `Draft the ministerial order ${tag}`, ownerOrgId: ministryId, status: "IN_PROGRESS" }]);
  expect(saved.outcomes[1].followUps).toEqual([]);
  // Once: one submission, one transaction.
  expect(await prisma.activity.count({ where: { title } })).toBe(1);
  return saved;
}

/** The activity page lists both outcomes; the first one's page shows its follow-up action. */
async function expectOnPages(page: Page, title: string, tag: string) {
  await expect(page).toHaveURL(/\/activities\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
  await expect(page.getByRole("heading", { name: "Outcomes agreed (2)" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Adopt the referral protocol ${tag}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Pilot it in two regions ${tag}` })).toBeVisible();
  await page.getByRole("link", { name: `Adopt the referral protocol ${tag}` }).click();
  await expect(page.getByText(`Draft the ministerial order ${tag}`)).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`recording a workshop with what it agreed ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("12 participants and two outcomes, one with a follow-up action, in one submission", async ({ page, loginAs }) => {
      const { id, programme, ministry, hospital } = await setUp();
      await loginAs("STAFF");
      await page.goto(`/activities/new?programme=${programme.id}`);
      const title = `Referral workshop ${id}`;
      await fillWorkshopWithGroups(page, title, { ministry, hospital });
      await fillOutcome(page, 1, { type: "Decision", text: `Adopt the referral protocol ${id}`, responsible: orgLabel(ministry), due: "2027-03-31" });
      // The second outcome's text is forgotten: refused, with the message next to it, nothing saved.
      await outcome(page, 2).getByLabel(/^Type/).selectOption({ label: "Recommendation" });

      let actionRow = 1;
      if (!javaScriptEnabled) {
        // Without JavaScript "Add an action" posts the form and it comes back with one more row, all typed kept.
        await expect(outcome(page, 1).getByLabel("Action 3: what is to be done")).toHaveCount(0);
        await page.getByRole("button", { name: "Add an action to outcome 1", exact: true }).click();
        await expect(outcome(page, 1).getByLabel("Action 3: what is to be done")).toBeVisible();
        await expect(outcome(page, 2).getByLabel("Action 3: what is to be done")).toHaveCount(0);
        await expect(outcome(page, 1).getByLabel(/^What was agreed/)).toHaveValue(`Adopt the referral protocol ${id}`);
        await expect(page.getByLabel("Total participants")).toHaveValue("12");
        actionRow = 3;
      }
      await fillAction(page, 1, actionRow, { description: `Draft the ministerial order ${id}`, owner: orgLabel(ministry), due: "2027-01-15", status: "In progress" });

      await page.getByRole("button", { name: "Create activity" }).click();
      await expect(outcome(page, 2).getByText("Enter what was agreed.")).toBeVisible();
      await expect(outcome(page, 2).getByLabel(/^What was agreed/)).toHaveAttribute("aria-invalid", "true");
      expect(await prisma.activity.count({ where: { title } })).toBe(0);
      // What was typed is still there.
      await expect(outcome(page, 1).getByLabel(`Action ${actionRow}: what is to be done`)).toHaveValue(`Draft the ministerial order ${id}`);

      await outcome(page, 2).getByLabel(/^What was agreed/).fill(`Pilot it in two regions ${id}`);
      await page.getByRole("button", { name: "Create activity" }).click();
      await expectOnPages(page, title, id);
      // Blank action rows before it are not saved; it is the outcome's first action.
      await expectSaved(title, id, ministry.id, 0);
    });
  });
}

test("the edit form records no outcomes (they are edited on their own pages)", async ({ page, loginAs }) => {
  const { id, programme, ministry, hospital } = await setUp();
  await loginAs("STAFF");
  await page.goto(`/activities/new?programme=${programme.id}`);
  const title = `Workshop without outcomes ${id}`;
  await fillWorkshopWithGroups(page, title, { ministry, hospital });
  await page.getByRole("button", { name: "Create activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Outcomes agreed (0)" })).toBeVisible();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Total participants")).toHaveValue("12");
  await expect(page.getByRole("group", { name: "Outcomes agreed" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add an outcome" })).toHaveCount(0);
});
