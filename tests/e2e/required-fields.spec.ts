import { expect, test } from "./support/fixtures";

// Every field a form needs filled is marked required ("*" in its label), and
// the marker follows the schema, conditions included (issue 14, point 17c).
// The test posts each record form blank: every field the server then asks
// for must have been marked.

const FORMS = [
  "/programmes/new",
  "/agreements/new",
  "/activities/new",
  "/deliverables/new",
  "/outcomes/new",
  "/indicators/new",
  "/funding/new?kind=DISBURSEMENT",
  "/organisations/new",
  "/documents/new",
];

test.describe("required fields without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  for (const path of FORMS) {
    test(`${path}: every field refused when blank is marked required`, async ({ page, loginAs }) => {
      await loginAs("STAFF");
      await page.goto(path);
      const marked = await page.locator("label:has(span.text-red-700)").allInnerTexts();
      await page.locator("form").filter({ has: page.locator('input[name="_submission"]') }).locator('button[type="submit"]').last().click();
      const refused = page.locator('[aria-invalid="true"]');
      await expect(refused.first()).toBeVisible();
      const names = await refused.evaluateAll((elements) =>
        elements.map((e) => (e.id ? (document.querySelector(`label[for="${e.id}"]`)?.textContent ?? e.getAttribute("name")) : e.getAttribute("name"))),
      );
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name ?? "", `${path}: "${name}" is refused when blank, so it is marked`).toMatch(/ \*$/);
      // And it was marked before the save, not only after.
      for (const name of names) expect(marked.map((m) => m.trim())).toContain((name ?? "").trim());
    });
  }
});

test("a transaction's date is marked required, a budget's is not, and the marker follows the kind as it is chosen", async ({ page, loginAs }) => {
  await loginAs("STAFF");
  await page.goto("/funding/new");
  const date = page.getByLabel(/^Transaction date/);
  await page.getByLabel(/^Kind/).selectOption({ label: "Disbursement" });
  await expect(date).toHaveAccessibleName(/Transaction date \*$/);
  await page.getByLabel(/^Kind/).selectOption({ label: "Budget" });
  await expect(date).not.toHaveAccessibleName(/\*$/);
});
