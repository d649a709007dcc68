import { createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";
import { keyboardOnly } from "./support/keyboard";

// Issue 7, item 4: the keyboard alone is enough. A member of staff logs an
// activity and signs out using only Tab, arrows, typing and Enter — no mouse
// — and every control that takes the focus on the way shows it (an outline
// or a ring: WCAG 2.4.7).

test("logs an activity and signs out with the keyboard alone, the focus always visible", async ({ page, loginAs }) => {
  // Many key presses, each followed by a look at the focused element.
  test.setTimeout(120_000);
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Keyboard programme ${uid()}` });
  const title = `Keyboard-only workshop ${uid()}`;
  await loginAs("STAFF");
  const { tabTo, arrowTo, hydrated, invisible, focused } = keyboardOnly(page);
  await page.goto("/workspace");
  await hydrated();

  // The skip link comes first and takes the focus to the content.
  await page.keyboard.press("Tab");
  expect((await focused())?.label).toBe("Skip to content");

  await tabTo(/^Activities$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/activities$/);

  await tabTo(/^New activity$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/activities\/new$/);

  await tabTo(/^Title/);
  await page.keyboard.type(title);
  await tabTo(/^Programme/);
  // A select takes typed letters (type-ahead): the options read "CODE — Title", so
  // the programme's unique code picks it among however many the database holds.
  await page.keyboard.type(programme.code);
  await arrowTo(new RegExp(programme.code), 3);
  await tabTo(/^Kind/);
  await arrowTo(/^Workshop$/);
  await tabTo(/^City/);
  await page.keyboard.type("Astana");
  await tabTo(/^Planned start/);
  // The browser is en-US: a date input takes month, day, year.
  await page.keyboard.type("03102025");
  await tabTo(/^Total participants/);
  await page.keyboard.type("24");

  await tabTo(/^Create activity$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const saved = await prisma.activity.findFirstOrThrow({ where: { title } });
  expect(saved).toMatchObject({ programmeId: programme.id, kind: "WORKSHOP", city: "Astana", participantsTotal: 24 });
  expect(saved.plannedStart?.toISOString().slice(0, 10)).toBe("2025-03-10");

  await tabTo(/^Sign out$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in/);

  expect([...invisible]).toEqual([]);
});
