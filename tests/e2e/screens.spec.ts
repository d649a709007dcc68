import type { Page, TestInfo } from "@playwright/test";
import { en } from "../../app/i18n/messages/en";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { expect, prisma, test } from "./support/fixtures";

// Issue 7, item 5: the main pages in Russian and Korean, at a desktop and a
// phone width. Each page is photographed (attached to the report, to look
// at), and checked: nothing wider than the window (no clipped or overflowing
// text that forces sideways scrolling), and no interface sentence left in
// English (every English message of three words or more, searched in the
// page's text).

const ENGLISH_SENTENCES = Object.values(en)
  .flatMap((m) => (typeof m === "string" ? [m] : Object.values(m)))
  .filter((m): m is string => typeof m === "string" && !/[{}]/.test(m) && m.trim().split(/\s+/).length >= 3);

let portfolios: AuthzPortfolios;
test.beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
});

async function check(page: Page, testInfo: TestInfo, locale: string, path: string, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 900 });
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  // The whole page, up to a height Chromium can capture (a portal listing every
  // record the suite has made for Belarus grows past it).
  const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 8000);
  const shot = await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height } });
  await testInfo.attach(`${locale}-${width}${path.replace(/[/?=&]/g, "_")}.png`, { body: shot, contentType: "image/png" });
  const problems: string[] = [];
  const [overflow, culprits] = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const beyond = (el: Element) => el.getBoundingClientRect().right > limit + 1;
    // The innermost elements that reach past the window: what to fix.
    const inner = [...document.querySelectorAll("body *")].filter((el) => beyond(el) && ![...el.children].some(beyond));
    const name = (el: Element) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return [document.documentElement.scrollWidth - limit, inner.slice(0, 3).map(name)] as const;
  });
  if (overflow > 0) problems.push(`${locale} ${width}px ${path}: ${overflow}px wider than the window (${culprits.join(", ")})`);
  const text = await page.locator("body").innerText();
  for (const sentence of ENGLISH_SENTENCES) if (text.includes(sentence)) problems.push(`${locale} ${path}: still English: "${sentence}"`);
  return problems;
}

for (const locale of ["ru", "ko"] as const) {
  test.describe(`pages in ${locale === "ru" ? "Russian" : "Korean"}`, () => {
    test.setTimeout(180_000);
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    });

    test("as staff", async ({ page, loginAs }, testInfo) => {
      await loginAs("STAFF");
      const r = portfolios.sides.BY.records;
      const problems: string[] = [];
      for (const path of ["/workspace", "/activities", `/activities/${r.activity.id}`, "/activities/new", `/programmes/${r.programme.code}`, "/deliverables", "/outcomes", "/indicators", "/funding", "/agreements", "/documents", "/portfolio"]) {
        problems.push(...(await check(page, testInfo, locale, path, 1280)));
      }
      for (const path of ["/workspace", "/activities", `/programmes/${r.programme.code}`]) problems.push(...(await check(page, testInfo, locale, path, 390)));
      expect(problems).toEqual([]);
    });

    test("as a partner ministry and as a donor", async ({ page, loginAs, context, baseURL }, testInfo) => {
      const r = portfolios.sides.BY.records;
      await loginAs("PARTNER", { countries: ["BY"] });
      const problems: string[] = [];
      for (const path of ["/portal", `/portal/programmes/${r.programme.code}`, `/portal/outcomes/${r.outcome.id}`]) {
        problems.push(...(await check(page, testInfo, locale, path, 1280)), ...(await check(page, testInfo, locale, path, 390)));
      }
      await context.clearCookies();
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
      await loginAs("DONOR", { organisationIds: [portfolios.fundA.id] });
      problems.push(...(await check(page, testInfo, locale, "/donor", 1280)), ...(await check(page, testInfo, locale, "/donor", 390)));
      expect(problems).toEqual([]);
    });
  });
}
