import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { TAGS, violations } from "./support/axe";
import { expect, prisma, test } from "./support/fixtures";
import { adminPaths, donorPaths, partnerPaths, SIGNED_OUT_PATHS, staffPaths } from "./support/pages";

// Issue 7, item 4: WCAG 2.2 AA. axe-core scans every page each role can open
// (with its records in scope), plus a form showing its errors, and finds no
// violation of the WCAG 2.0/2.1/2.2 A and AA rules — among them contrast,
// names of controls, labels, landmarks, the page's language and 24x24 px
// targets (axe's "target-size", WCAG 2.5.8).

async function scan(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    found.push(...(await violations(page, path)));
  }
  return found;
}

let portfolios: AuthzPortfolios;
test.beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
});

const by = () => portfolios.sides.BY.records;

const staffPages = () => staffPaths(portfolios);

test.describe("axe finds no WCAG 2.2 AA violation", () => {
  test.setTimeout(240_000);

  test("the scan itself finds violations where there are some (an unlabelled field, a 12 px button, grey on grey)", async ({ page }) => {
    await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body><main>
      <input type="text">
      <p style="color:#aaa;background:#bbb">Low contrast</p>
      <button style="width:12px;height:12px;padding:0;border:0" aria-label="Tiny"></button><button style="width:12px;height:12px;padding:0;border:0" aria-label="Tiny too"></button>
    </main></body></html>`);
    const ids = (await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations.map((v) => v.id).sort();
    expect(ids).toEqual(expect.arrayContaining(["color-contrast", "label", "target-size"]));
  });

  test("signed out: sign-in, forgotten password, a page that does not exist, and the sign-in form with its errors", async ({ page }) => {
    const found = await scan(page, SIGNED_OUT_PATHS);
    await page.goto("/no-such-page");
    found.push(...(await violations(page, "/no-such-page")));
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    found.push(...(await violations(page, "/sign-in (errors)")));
    expect(found).toEqual([]);
  });

  // Staff open the most pages: a test per part keeps each within its time.
  const STAFF_PARTS: [string, RegExp][] = [
    ["overview and programmes", /^\/(workspace|portfolio|programmes)/],
    ["agreements and activities", /^\/(agreements|activities)/],
    ["deliverables, outcomes and indicators", /^\/(deliverables|outcomes|indicators)/],
    ["funding, documents, organisations, the account and the inbox", /^\/(funding|documents|organisations|account|inbox)/],
    ["progress reports and reporting requirements", /^\/(progress-reports|reporting-requirements)/],
    ["search (issue 19)", /^\/search/],
    ["spreadsheet import (issue 19)", /^\/imports/],
    ["the offline page (issue 20)", /^\/offline/],
    ["the offline outbox (issue 20)", /^\/outbox/],
    ["the API reference", /^\/api\/v1\/docs/],
  ];
  for (const [part, pattern] of STAFF_PARTS) {
    test(`as staff: ${part}`, async ({ page, loginAs }) => {
      await loginAs("STAFF");
      expect(await scan(page, staffPages().filter((p) => pattern.test(p)))).toEqual([]);
    });
  }

  test("as staff: a form showing its errors", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    await page.goto("/activities/new");
    await page.getByRole("button", { name: "Create activity" }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    expect(await violations(page, "/activities/new (errors)")).toEqual([]);
  });

  test("every staff page is in one of the parts above", () => {
    expect(staffPages().filter((p) => !STAFF_PARTS.some(([, pattern]) => pattern.test(p)))).toEqual([]);
  });

  test("as an administrator: the user and audit pages", async ({ page, loginAs }) => {
    await loginAs("ADMIN");
    expect(await scan(page, adminPaths(portfolios))).toEqual([]);
  });

  test("as a partner ministry: the portal and its records", async ({ page, loginAs }) => {
    await loginAs("PARTNER", { countries: ["BY"] });
    expect(await scan(page, partnerPaths(portfolios))).toEqual([]);
  });

  test("as a donor: funded programmes, the portfolio and a programme", async ({ page, loginAs }) => {
    await loginAs("DONOR", { organisationIds: [portfolios.fundA.id] });
    expect(await scan(page, donorPaths(portfolios))).toEqual([]);
  });

  test("in Russian and Korean too (the page's language, longer words)", async ({ page, loginAs, context, baseURL }) => {
    await loginAs("STAFF");
    const found: string[] = [];
    for (const locale of ["ru", "ko"]) {
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
      found.push(...(await scan(page, ["/workspace", "/activities", `/programmes/${by().programme.code}`])).map((v) => `[${locale}] ${v}`));
    }
    expect(found).toEqual([]);
  });
});
