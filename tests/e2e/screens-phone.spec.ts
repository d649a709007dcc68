import type { Page, TestInfo } from "@playwright/test";
import { writeFile } from "node:fs/promises";
import { createOrganisation } from "../factories";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { createAgreement } from "../factories/deliverable";
import { violations } from "./support/axe";
import { expect, prisma, test } from "./support/fixtures";

// Issue 21, point 4: phones. Every main page of every role, in English,
// Russian and Korean, at a phone's width (390 px) and a laptop's (1366 px):
// photographed (attached to the report and kept in the test's output folder,
// to look at) and checked that the page is no wider than the window: a list
// turns into cards, forms and the header fit, nothing makes the reader
// scroll sideways. One page load per page and language, at the phone's
// width; the laptop's is the same page with the window widened. (This
// replaces issue 7's screens.spec.ts, which did Russian and Korean at 1280
// and 390 px for fewer pages; its English-left-over check is now
// console-clean.spec.ts's, on every page.)
// Then the header: on a phone the navigation sits behind a menu button; on
// a laptop it is shown, on one row, in every language.

const LOCALES = ["en", "ru", "ko"] as const;
type Locale = (typeof LOCALES)[number];
const WIDTHS = [390, 1366] as const;
const MENU = { en: "Menu", ru: "Меню", ko: "메뉴" } as const;
const NAV = { en: "Main", ru: "Основное меню", ko: "주 메뉴" } as const;

let portfolios: AuthzPortfolios;
test.beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
  // Words longer than a phone is wide, where lists and forms show names: a
  // pasted address or identifier must wrap, not widen the page (a hostile
  // organisation's name and agreement's title once did).
  const word = `0${"Longwordwithoutspaces".repeat(5)}${Date.now()}`;
  await createOrganisation(prisma, { shortName: word });
  await createAgreement(prisma, { programmeId: portfolios.sides.BY.records.programme.id, title: word });
});

function pagesOf(role: "STAFF" | "ADMIN" | "PARTNER" | "DONOR"): string[] {
  const r = portfolios.sides.BY.records;
  const code = r.programme.code!;
  switch (role) {
    case "STAFF":
      return [
        "/workspace",
        "/portfolio",
        "/programmes",
        `/programmes/${code}`,
        "/agreements",
        "/activities",
        `/activities/${r.activity.id}`,
        "/activities/new",
        "/deliverables",
        "/progress-reports",
        "/outcomes",
        "/indicators",
        "/funding",
        "/organisations",
        "/documents",
        "/inbox",
        `/search?q=${encodeURIComponent(code)}`,
        "/imports",
      ];
    case "ADMIN":
      return ["/admin/users", "/admin/users/invite", "/admin/audit", "/admin/jobs"];
    case "PARTNER":
      return ["/portal", `/portal/programmes/${code}`, `/portal/outcomes/${r.outcome.id}`, "/portal/reports", `/portal/reports/${r.progressReport.id}`];
    case "DONOR":
      return ["/donor", "/portfolio"];
  }
}

/**
 * Shows the page at the width (loading it when `load`, else resizing the
 * window of the page already open, as a phone turned sideways does), keeps
 * its picture, and says what reaches past the window.
 */
async function look(page: Page, testInfo: TestInfo, locale: Locale, path: string, width: number, load: boolean): Promise<string | null> {
  await page.setViewportSize({ width, height: 900 });
  if (load) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
  } else {
    // The layout at the new width (media queries, and what the page's own code does on "resize").
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  // Up to a height Chromium can capture (a list of everything the suite made grows long).
  const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), 3000);
  const [overflow, culprits] = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const beyond = (el: Element) => el.getBoundingClientRect().right > limit + 1;
    // The innermost elements that reach past the window: what to fix.
    const inner = [...document.querySelectorAll("body *")].filter((el) => beyond(el) && ![...el.children].some(beyond));
    const name = (el: Element) => `<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return [document.documentElement.scrollWidth - limit, inner.slice(0, 3).map(name)] as const;
  });
  // The picture, to look at: always when run by hand, and in CI (where
  // nobody opens them; a full-page PNG costs about half a second) only of a
  // page that is too wide.
  if (!process.env.CI || overflow > 0) {
    const name = `${locale}-${width}${path.replace(/[/?=&%]/g, "_")}.png`.slice(0, 120);
    const file = testInfo.outputPath(name);
    await writeFile(file, await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width, height } }));
    await testInfo.attach(name, { path: file, contentType: "image/png" });
  }
  return overflow > 0 ? `${locale} ${width}px ${path}: ${overflow}px wider than the window (${culprits.join(", ")})` : null;
}

for (const locale of LOCALES) {
  test.describe(`every main page at 390 and 1366 px, ${locale}`, () => {
    test.setTimeout(180_000);
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    });

    for (const role of ["STAFF", "ADMIN", "PARTNER", "DONOR"] as const) {
      test(`as ${role.toLowerCase()}`, async ({ page, loginAs }, testInfo) => {
        await loginAs(role, role === "PARTNER" ? { countries: ["BY"] } : role === "DONOR" ? { organisationIds: [portfolios.fundA.id] } : {});
        const problems: string[] = [];
        for (const path of pagesOf(role)) {
          for (const width of WIDTHS) {
            const problem = await look(page, testInfo, locale, path, width, width === WIDTHS[0]);
            if (problem) problems.push(problem);
          }
        }
        expect(problems).toEqual([]);
      });
    }
  });
}

const ACTIVITIES = { en: "Activities", ru: "Мероприятия", ko: "활동" } as const;

for (const locale of LOCALES) {
  test(`the header in ${locale}: a menu button on a phone, the whole navigation on one row on a laptop`, async ({ page, loginAs, context, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    await loginAs("STAFF");
    const nav = page.getByRole("navigation", { name: NAV[locale] });
    const activities = nav.getByRole("link", { name: ACTIVITIES[locale], exact: true });
    const button = page.getByRole("button", { name: MENU[locale] });

    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto("/workspace");
    await expect(activities).toBeHidden();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toHaveAttribute("aria-controls", "site-menu");
    // The header's first row holds the name, the inbox and the button: nothing pushed to a row of its own.
    const brand = await page.getByRole("banner").getByRole("link", { name: "Concord", exact: true }).boundingBox();
    const menu = await button.boundingBox();
    expect(Math.abs(menu!.y + menu!.height / 2 - (brand!.y + brand!.height / 2)), "the menu button on the header's first row").toBeLessThan(8);
    // Until the page has hydrated a click does nothing: click until it opens.
    await expect(async () => {
      await button.click();
      await expect(button).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(activities).toBeVisible();
    const open = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(open, "the open menu fits the phone's width").toBeLessThanOrEqual(0);
    const file = testInfo.outputPath(`${locale}-390-menu-open.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(`${locale}-390-menu-open.png`, { path: file, contentType: "image/png" });

    // Escape closes it and gives the focus back to the button; the keyboard opens it again.
    await activities.focus();
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
    await expect(activities).toBeHidden();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await activities.click();
    await expect(page).toHaveURL(/\/activities$/);
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(activities).toBeHidden();

    // A laptop: no button, every link shown, all on one row (the first and the last at the same height).
    await page.setViewportSize({ width: 1366, height: 900 });
    await expect(button).toBeHidden();
    const links = nav.getByRole("link");
    await expect(links.first()).toBeVisible();
    await expect(links.last()).toBeVisible();
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    expect(last!.y, "the last link is on the first link's row").toBe(first!.y);
    const shot = testInfo.outputPath(`${locale}-1366-header.png`);
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1366, height: 200 } });
    await testInfo.attach(`${locale}-1366-header.png`, { path: shot, contentType: "image/png" });
  });
}

const ADMINISTRATION = { en: "Administration", ru: "Администрирование", ko: "관리" } as const;
const USERS = { en: "Users", ru: "Пользователи", ko: "사용자" } as const;

for (const locale of LOCALES) {
  test(`the administrator's header in ${locale}: one row on a laptop, the administration pages in a menu`, async ({ page, loginAs, context, baseURL }, testInfo) => {
    test.setTimeout(90_000);
    await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    await loginAs("ADMIN");
    const nav = page.getByRole("navigation", { name: NAV[locale] });
    const adminNav = page.getByRole("navigation", { name: ADMINISTRATION[locale] });
    const admin = adminNav.locator("summary");
    const users = adminNav.getByRole("link", { name: USERS[locale], exact: true });

    // A laptop: the main navigation on one row, the Administration menu on the header's first row, by the account.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto("/workspace");
    const first = await nav.getByRole("link").first().boundingBox();
    const last = await nav.getByRole("link").last().boundingBox();
    expect(last!.y, "the last link is on the first link's row").toBe(first!.y);
    const brand = await page.getByRole("banner").getByRole("link", { name: "Concord", exact: true }).boundingBox();
    const menu = await admin.boundingBox();
    expect(Math.abs(menu!.y + menu!.height / 2 - (brand!.y + brand!.height / 2)), "the Administration menu on the header's first row").toBeLessThan(8);
    await expect(users).toBeHidden();
    // The keyboard opens it; its links drop down inside the window; Escape closes it and leaves the focus on it.
    await expect(async () => {
      await admin.focus();
      await page.keyboard.press("Enter");
      await expect(users).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const drop = await adminNav.locator("ul").boundingBox();
    expect(drop!.x, "the menu's left edge inside the window").toBeGreaterThanOrEqual(0);
    expect(drop!.x + drop!.width, "the menu's right edge inside the window").toBeLessThanOrEqual(1366);
    // The open menu itself (the page under it is checked closed, by a11y.spec.ts).
    expect(await violations(page, `${locale} administrator's menu open`, `nav[aria-label="${ADMINISTRATION[locale]}"]`)).toEqual([]);
    const shot = testInfo.outputPath(`${locale}-1366-admin-menu.png`);
    await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1366, height: 400 } });
    await testInfo.attach(`${locale}-1366-admin-menu.png`, { path: shot, contentType: "image/png" });
    // (Escape is the page's script: pressed again until the page has hydrated.)
    await expect(async () => {
      await page.keyboard.press("Escape");
      await expect(users).toBeHidden({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(admin).toBeFocused();
    // A click elsewhere closes it too; following one of its links closes it and marks where the reader is.
    await admin.click();
    await expect(users).toBeVisible();
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    await expect(users).toBeHidden();
    await admin.click();
    await users.click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(users).toBeHidden();
    await admin.click();
    await expect(users).toHaveAttribute("aria-current", "page");

    // A phone: the menu inside the phone's menu opens in place and fits the width.
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto("/workspace");
    const button = page.getByRole("button", { name: MENU[locale] });
    await expect(async () => {
      await button.click();
      await expect(button).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await admin.click();
    await expect(users).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), "the open menus fit the phone").toBeLessThanOrEqual(0);
    const phone = testInfo.outputPath(`${locale}-390-admin-menu.png`);
    await page.screenshot({ path: phone, fullPage: true });
    await testInfo.attach(`${locale}-390-admin-menu.png`, { path: phone, contentType: "image/png" });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a phone shows the menu open, with no button that could do nothing", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto("/workspace");
    await expect(page.getByRole("navigation", { name: NAV.en }).getByRole("link", { name: ACTIVITIES.en, exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: MENU.en })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});
