import type { Page } from "@playwright/test";

// Driving a page with the keyboard alone (issue 7, item 4): Tab until the
// control wanted has the focus, noting every control on the way whose focus
// is not visible (no outline, no ring: WCAG 2.4.7).

export type Focused = { label: string; tag: string; visible: boolean };

export async function focused(page: Page): Promise<Focused | null> {
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

export function keyboardOnly(page: Page) {
  /** Controls that took the focus without showing it. */
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
  /** Wait until the client-side router has started (key presses before it are lost to a reload). */
  const hydrated = () => page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  return { tabTo, arrowTo, hydrated, invisible, focused: () => focused(page) };
}
