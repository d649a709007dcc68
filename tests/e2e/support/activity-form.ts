import type { Page } from "@playwright/test";

// The new-activity form as the specs that record a workshop fill it (issue 20:
// with outcomes, online and offline). Fields are found by their exact labels:
// the outcome rows add "Follow-up status" and "Action n: status".

/** The workshop's own fields and its 12 participants: 7 female, 4 male, 1 other. */
export async function fillWorkshop(page: Page, title: string) {
  await page.getByRole("textbox", { name: /^Title( \*)?$/ }).fill(title);
  await page.getByLabel(/^Kind( \*)?$/).selectOption({ label: "Workshop" });
  await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Completed" });
  await page.getByLabel(/^Actual start( \*)?$/).fill("2026-11-03");
  await page.getByLabel(/^Actual end( \*)?$/).fill("2026-11-04");
  await page.getByLabel(/^Total participants( \*)?$/).fill("12");
  const participants = page.getByRole("group", { name: "Participants", exact: true });
  await participants.getByLabel("Female", { exact: true }).fill("7");
  await participants.getByLabel("Male", { exact: true }).fill("4");
  await participants.getByLabel("Other or not recorded", { exact: true }).fill("1");
}

/** Outcome n's group of fields (1-based, as the form numbers them). */
export const outcomeGroup = (page: Page, n: number) => page.getByRole("group", { name: `Outcome ${n}`, exact: true });

export async function fillOutcome(page: Page, n: number, o: { type: string; text: string; responsible?: string; due?: string }) {
  const row = outcomeGroup(page, n);
  await row.getByLabel(/^Type/).selectOption({ label: o.type });
  await row.getByLabel(/^What was agreed/).fill(o.text);
  if (o.responsible) await row.getByLabel("Responsible organisation").selectOption({ label: o.responsible });
  if (o.due) await row.getByLabel("Due date", { exact: true }).fill(o.due);
}

export async function fillAction(page: Page, n: number, action: number, a: { description: string; status: string; owner?: string; due?: string }) {
  const row = outcomeGroup(page, n);
  await row.getByLabel(`Action ${action}: what is to be done`).fill(a.description);
  if (a.owner) await row.getByLabel(`Action ${action}: owner`).selectOption({ label: a.owner });
  if (a.due) await row.getByLabel(`Action ${action}: deadline`).fill(a.due);
  await row.getByLabel(`Action ${action}: status`).selectOption({ label: a.status });
}
