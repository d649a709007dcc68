import { expect, test } from "@playwright/test";
import { renderHtml } from "../../app/utils/mail.server";
import { mailSamples } from "../support/mail-samples";

// Issue 21, point 6: every mail Concord sends (each notification kind, the
// digest, the invitation, the password reset), in English, Russian and
// Korean with long titles and addresses, read on a phone. The HTML part is
// loaded as it is (no server involved) at the narrowest common width, 320 px,
// and at 375 px: nothing may stick out sideways, the button and every link
// stay inside the window; at 600 px the column stops at 600 px. Screenshots
// at 320 px are attached to the report. tests/unit/mail-render.test.ts checks
// the markup and the plain-text part.

for (const sample of mailSamples()) {
  test(`${sample.name} in ${sample.locale} fits a phone's width`, async ({ page }, testInfo) => {
    const html = renderHtml(sample.message);
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 640 });
      await page.setContent(html);
      const fit = await page.evaluate(() => {
        const root = document.documentElement;
        const outside = [...document.querySelectorAll("body *")]
          .filter((el) => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0)
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 60)}`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside };
      });
      expect(fit.outside, `at ${width} px`).toEqual([]);
      expect(fit.scrollWidth, `at ${width} px`).toBeLessThanOrEqual(fit.clientWidth);
      if (width === 320) await testInfo.attach(`${sample.name}-${sample.locale}-320.png`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
    }
    await expect(page.locator("html")).toHaveAttribute("lang", sample.locale);
    const button = page.getByRole("link", { name: sample.message.action!.label });
    await expect(button).toBeVisible();

    await page.setViewportSize({ width: 800, height: 640 });
    const column = page.locator("table[width='100%'] table[width='100%']").first();
    await expect(column).toBeVisible();
    expect((await column.boundingBox())!.width).toBeLessThanOrEqual(600);
  });
}
