import { uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Every repeatable group of rows offers "Add a row" in place: with JavaScript
// the row appears and takes the focus; without it the same button posts the
// form, which comes back with everything typed and one more row (nothing is
// checked or saved). Issue 14, point 17e.

/** `within`: the group (a row of another group) the rows are in, when several show the same labels. */
type Group = { form: string; path: string; button: string; first: (n: number) => string; shown: number; kept?: RegExp; within?: string };

const GROUPS: Group[] = [
  { form: "activity", path: "/activities/new", button: "Add an organisation row", first: (n) => `Organisation ${n}`, shown: 2 },
  { form: "activity", path: "/activities/new", button: "Add a participant group", first: (n) => `Group ${n}`, shown: 2 },
  { form: "activity", path: "/activities/new", button: "Add an outcome", first: (n) => `Outcome ${n}`, shown: 2 },
  { form: "activity", path: "/activities/new", button: "Add an action to outcome 2", first: (n) => `Action ${n}: what is to be done`, shown: 2, within: "Outcome 2" },
  { form: "agreement", path: "/agreements/new", button: "Add a party row", first: (n) => `Party ${n}: organisation`, shown: 3 },
  { form: "indicator", path: "/indicators/new", button: "Add a period", first: (n) => `Period ${n}: start`, shown: 2 },
  { form: "programme", path: "/programmes/new", button: "Add a sector row", first: (n) => `Sector ${n}`, shown: 3 },
  { form: "programme", path: "/programmes/new", button: "Add a country row", first: (n) => `Country ${n}`, shown: 3 },
  { form: "programme", path: "/programmes/new", button: "Add an organisation row", first: (n) => `Organisation ${n}`, shown: 3 },
  { form: "outcome", path: "/outcomes/new", button: "Add an action", first: (n) => `Action ${n}: what is to be done`, shown: 2, kept: /^What was agreed/ },
];

/** The first control of row n: a labelled field, or the first field of a group named "Group n". */
function firstOfRow(page: import("@playwright/test").Page, g: Group, n: number) {
  const name = g.first(n);
  const scope = g.within ? page.getByRole("group", { name: g.within, exact: true }) : page;
  return /^(Group|Outcome) \d+$/.test(name)
    ? scope.getByRole("group", { name, exact: true }).getByRole("combobox").first()
    : scope.getByLabel(name, { exact: true });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`adding a row ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    for (const g of GROUPS) {
      test(`${g.form} form: ${g.button}`, async ({ page, loginAs }) => {
        await loginAs("STAFF");
        await page.goto(g.path);
        const title = `Rows kept ${uid()}`;
        // The field that shows what was typed is kept: the record's title (an outcome's text).
        const kept = page.getByLabel(g.kept ?? /^Title/).first();
        await kept.fill(title);
        await expect(firstOfRow(page, g, g.shown)).toBeVisible();
        await expect(firstOfRow(page, g, g.shown + 1)).toHaveCount(0);

        await page.getByRole("button", { name: g.button, exact: true }).click();
        await expect(firstOfRow(page, g, g.shown + 1)).toBeVisible();
        if (javaScriptEnabled) await expect(firstOfRow(page, g, g.shown + 1)).toBeFocused();
        // What was typed is kept, and the form stays where it was.
        await expect(kept).toHaveValue(title);
        await expect(page).toHaveURL(new RegExp(`${g.path}$`));

        // Once more: the count carries on from the rows shown.
        await page.getByRole("button", { name: g.button, exact: true }).click();
        await expect(firstOfRow(page, g, g.shown + 2)).toBeVisible();
        await expect(kept).toHaveValue(title);
        const saved =
          g.form === "activity"
            ? await prisma.activity.count({ where: { title } })
            : g.form === "agreement"
              ? await prisma.agreement.count({ where: { title } })
              : g.form === "indicator"
                ? await prisma.indicator.count({ where: { title } })
                : g.form === "outcome"
                  ? await prisma.outcome.count({ where: { text: title } })
                  : await prisma.programme.count({ where: { title } });
        expect(saved).toBe(0);
      });
    }
  });
}
