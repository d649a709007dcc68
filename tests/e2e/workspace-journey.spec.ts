import type { Page } from "@playwright/test";
import { createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// The heart of the workspace in one journey: log a training course with
// participants by sex, record what it agreed, turn that outcome into a
// deliverable, accept it — and watch the dashboard's counts follow.

async function dashboardCount(page: Page, label: string): Promise<number> {
  await page.goto("/workspace");
  const link = page.getByRole("link", { name: new RegExp(`^\\d+ ${label}: show them all$`) });
  const name = (await link.getAttribute("aria-label")) ?? "";
  return Number(name.split(" ")[0]);
}

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("log a training course, link its outcome to a new deliverable, accept it, and see the dashboard counts change", async ({ page, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Strategic purchasing ${uid()}` });
  await loginAs("STAFF");
  const outcomes0 = await dashboardCount(page, "outcomes without follow-up");
  const overdue0 = await dashboardCount(page, "overdue deliverables");

  // 1. A training course with participants by sex.
  const title = `Training course on DRG costing — Минск ${uid()}`;
  await page.goto(`/activities/new?programme=${programme.id}`);
  await page.getByRole("textbox", { name: /^Title( \*)?$/ }).fill(title);
  await page.getByLabel("Kind").selectOption({ label: "Training course" });
  await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Completed" });
  await page.getByLabel("Actual start").fill(isoDay(-20));
  await page.getByLabel("Actual end").fill(isoDay(-16));
  await page.getByLabel("Total participants").fill("25");
  await page.getByLabel("Female", { exact: true }).first().fill("15");
  await page.getByLabel("Male", { exact: true }).first().fill("9");
  await page.getByLabel("Other or not recorded").first().fill("1");
  await page.getByRole("button", { name: "Create activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const activity = await prisma.activity.findFirstOrThrow({ where: { title } });
  expect(activity).toMatchObject({ kind: "TRAINING_COURSE", participantsTotal: 25, participantsFemale: 15, participantsMale: 9, participantsOther: 1 });

  // 2. What the course agreed.
  await page.getByRole("link", { name: "Record an outcome" }).click();
  await page.getByLabel("Type").selectOption({ label: "Agreed next step" });
  const agreed = `Pilot hospitals submit DRG cost data for review ${uid()}`;
  await page.getByLabel("What was agreed").fill(agreed);
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
  expect(await dashboardCount(page, "outcomes without follow-up")).toBe(outcomes0 + 1);

  // 3. A deliverable that carries it out, already past its due date.
  const outcome = await prisma.outcome.findFirstOrThrow({ where: { text: agreed } });
  await page.goto(`/outcomes/${outcome.id}`);
  await page.getByRole("link", { name: "Create a deliverable to carry this out" }).click();
  await expect(page.getByRole("textbox", { name: /^Title( \*)?$/ })).toHaveValue(agreed);
  await page.getByLabel("Due date").fill(isoDay(-1));
  await page.getByRole("button", { name: "Create deliverable" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
  await expect(page.getByRole("link", { name: agreed }).first()).toBeVisible(); // the outcome it carries out
  const deliverable = await prisma.deliverable.findFirstOrThrow({ where: { title: agreed } });
  expect((await prisma.outcome.findUniqueOrThrow({ where: { id: outcome.id } })).deliverableId).toBe(deliverable.id);

  expect(await dashboardCount(page, "outcomes without follow-up")).toBe(outcomes0);
  expect(await dashboardCount(page, "overdue deliverables")).toBe(overdue0 + 1);

  // 4. Accepted: no longer overdue.
  await page.goto(`/deliverables/${deliverable.id}/edit`);
  await page.getByLabel("Status").selectOption({ label: "Accepted" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Your changes have been saved.");
  expect((await prisma.deliverable.findUniqueOrThrow({ where: { id: deliverable.id } })).acceptedAt).not.toBeNull();
  expect(await dashboardCount(page, "overdue deliverables")).toBe(overdue0);

  // The programme page ties it together.
  await page.goto(`/programmes/${programme.code}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByText(`carried out by “${agreed}” (Accepted)`)).toBeVisible();
});
