import { createProgramme, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { createAgreement, createOutcome } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";
import { keyboardOnly } from "./support/keyboard";

// Issue 7, item 4, beyond the first journey (keyboard.spec.ts): the rest of
// the controls people meet, each walked with the keyboard alone and every
// focus visible on the way — a form's repeatable rows, the delete
// confirmation, and a partner's acknowledgement and comment in the portal.

test.describe.configure({ timeout: 120_000 });

test("adds a partner country row to a programme and saves it with the keyboard alone", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Keyboard rows ${uid()}` });
  await loginAs("STAFF");
  const { tabTo, hydrated, invisible, focused } = keyboardOnly(page);
  await page.goto(`/programmes/${programme.code}/edit`);
  await hydrated();

  await tabTo(/^Add a country row$/);
  await page.keyboard.press("Enter");
  // The new row takes the focus (three rows are shown to begin with; the fourth is added).
  expect((await focused())?.label).toBe("Country 4");
  // Back up past Country 3 and its share to the empty second row.
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+Tab");
  expect((await focused())?.label).toBe("Country 2");
  // A select takes typed letters (type-ahead), as browsers do for everyone.
  await page.keyboard.type("Uzbekistan");
  await expect(page.getByLabel("Country 2", { exact: true })).toHaveValue("UZ");
  // Two countries: each needs its share (IATI), typed in place.
  await page.keyboard.press("Tab");
  expect((await focused())?.label).toBe("Country 2 share (%)");
  await page.keyboard.type("40");
  for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+Tab");
  expect((await focused())?.label).toBe("Country 1 share (%)");
  await page.keyboard.type("60");

  await tabTo(/^Save changes$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
  const saved = await prisma.programme.findUniqueOrThrow({ where: { id: programme.id }, include: { countries: true } });
  expect(saved.countries.map((c) => `${c.countryCode} ${c.percentage?.toString()}`).sort()).toEqual(["KZ 60", "UZ 40"]);
  expect([...invisible]).toEqual([]);
});

test("deletes a record through its confirmation with the keyboard alone", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Keyboard delete ${uid()}` });
  const agreement = await createAgreement(prisma, { programmeId: programme.id, title: `Agreement to delete ${uid()}` });
  await loginAs("STAFF");
  const { tabTo, hydrated, invisible, focused } = keyboardOnly(page);
  await page.goto(`/agreements/${agreement.id}`);
  await hydrated();

  await tabTo(/^Delete…$/);
  // Closed, the confirmation's button is not reachable: Enter opens it, the next Tab reaches it.
  await expect(page.getByRole("button", { name: "Delete permanently" })).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Delete this record for good?")).toBeVisible();
  await page.keyboard.press("Tab");
  expect((await focused())?.label).toBe("Delete permanently");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/programmes/${programme.code}$`));
  await expect(page.getByRole("status")).toHaveText("Deleted.");
  expect(await prisma.agreement.count({ where: { id: agreement.id } })).toBe(0);
  expect([...invisible]).toEqual([]);
});

test("a partner acknowledges an outcome and comments on it with the keyboard alone", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Keyboard portal ${uid()}` });
  const workshop = await createActivity(prisma, {
    programmeId: programme.id,
    kind: "WORKSHOP",
    status: "COMPLETED",
    title: `Workshop ${uid()}`,
    countryCode: "BY",
    plannedStart: new Date("2025-05-12"),
    actualStart: new Date("2025-05-12"),
  });
  const outcome = await createOutcome(prisma, { activityId: workshop.id, text: `Agreed to pilot the tariff ${uid()}` });
  const partner = await loginAs("PARTNER", { countries: ["BY"] });
  const { tabTo, hydrated, invisible } = keyboardOnly(page);
  await page.goto(`/portal/outcomes/${outcome.id}`);
  await hydrated();

  await tabTo(/^Acknowledge this outcome$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Thank you. Your acknowledgement has been recorded.");

  const comment = `The ministry confirms the dates ${uid()}`;
  await tabTo(/^Your comment/);
  await page.keyboard.type(comment);
  await tabTo(/^Post comment$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Your comment has been posted.");

  const saved = await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id }, include: { comments: true } });
  expect(saved.acknowledgedById).toBe(partner.id);
  expect(saved.comments.map((c) => c.body)).toEqual([comment]);
  expect([...invisible]).toEqual([]);
});
