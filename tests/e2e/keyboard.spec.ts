import type { Page } from "@playwright/test";
import { createProgramme, uid } from "../factories";
import { expect, prisma, test } from "./support/fixtures";

// Issue 7, item 4: the keyboard alone is enough. A member of staff logs an
// activity and signs out using only Tab, arrows, typing and Enter — no mouse
// — and every control that takes the focus on the way shows it (an outline
// or a ring: WCAG 2.4.7).

type Focused = { label: string; tag: string; visible: boolean };

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? "";
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    return { label: label.trim().replace(/\s+/g, " "), tag: el.tagName.toLowerCase(), visible: outline || ring };
  });
}

test("logs an activity and signs out with the keyboard alone, the focus always visible", async ({ page, loginAs }) => {
  // Hundreds of key presses, each followed by a look at the focused element.
  test.setTimeout(240_000);
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Keyboard programme ${uid()}` });
  const title = `Keyboard-only workshop ${uid()}`;
  await loginAs("STAFF");
  await page.goto("/workspace");
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));

  const invisible = new Set<string>();
  const tabTo = async (name: RegExp, max = 150) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      if (f && !f.visible) invisible.add(`${f.tag} "${f.label}"`);
      if (f && name.test(f.label)) return;
    }
    throw new Error(`Tab never reached ${name}`);
  };
  /** Arrow keys on a focused select until the option wanted is chosen. */
  const arrowTo = async (option: RegExp, max = 2000) => {
    for (let i = 0; i < max; i++) {
      const text = await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.text ?? "");
      if (option.test(text)) return;
      await page.keyboard.press("ArrowDown");
    }
    throw new Error(`No option ${option}`);
  };

  // The skip link comes first and takes the focus to the content.
  await page.keyboard.press("Tab");
  expect((await focused(page))?.label).toBe("Skip to content");

  await tabTo(/^Activities$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/activities$/);

  await tabTo(/^New activity$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/activities\/new$/);

  await tabTo(/^Title/);
  await page.keyboard.type(title);
  await tabTo(/^Programme/);
  await arrowTo(new RegExp(programme.code));
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
