import type { Page } from "@playwright/test";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { expect, prisma, test } from "./support/fixtures";
import { adminPaths, donorPaths, partnerPaths, SIGNED_OUT_PATHS, staffPaths } from "./support/pages";

// Issue 14, item 16: every page, as every role, in every interface language,
// loads and hydrates with a clean console: no console error or warning (React
// reports a hydration mismatch as one: #418, #423, #425), no uncaught
// exception and no failed request. The Russian workspace used to log 34
// hydration errors on every load.

const LOCALES = ["en", "ru", "ko"] as const;

/** Opens the page, waits until React has taken it over, and returns what went wrong. */
async function visit(page: Page, path: string): Promise<string[]> {
  const problems: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    // The harness's own note when a page registers the service worker (playwright.config.ts blocks them).
    if (message.text() === "Service Worker registration blocked by Playwright") return;
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text().slice(0, 300)}`);
  };
  const onPageError = (error: Error) => problems.push(`uncaught: ${error.message.slice(0, 300)}`);
  // Requests this page's document made. A request the previous page started
  // (a link's route discovered late, a module still loading) is cancelled by
  // this visit's own navigation: that abort is the test's doing, not a fault.
  const started = new Set<unknown>();
  const onRequest = (request: unknown) => started.add(request);
  const onFailed = (request: { url(): string; failure(): { errorText: string } | null }) => {
    const error = request.failure()?.errorText;
    if (error === "net::ERR_ABORTED" && !started.has(request)) return;
    problems.push(`request failed: ${request.url()} (${error})`);
  };
  const onResponse = (response: { url(): string; status(): number; request(): { isNavigationRequest(): boolean } }) => {
    if (response.status() >= 400 && !response.request().isNavigationRequest()) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  };
  page.on("console", onConsole);
  page.on("pageerror", onPageError);
  page.on("request", onRequest);
  page.on("requestfailed", onFailed);
  page.on("response", onResponse);
  try {
    const response = await page.goto(path);
    if (response?.status() !== 200) problems.push(`answered ${response?.status()}`);
    // Hydration is done when React has claimed the page's elements; its
    // mismatch reports come with that commit. Then let requests settle.
    await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")), null, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("request", onRequest);
    page.off("requestfailed", onFailed);
    page.off("response", onResponse);
  }
  return problems.map((p) => `${path}: ${p}`);
}

async function visitAll(page: Page, paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) found.push(...(await visit(page, path)));
  return found;
}

let portfolios: AuthzPortfolios;
test.beforeAll(async () => {
  portfolios = await createAuthzPortfolios(prisma);
});

test("the check itself sees a hydration mismatch and a console error", async ({ page }) => {
  // A page whose text differs between the server's HTML and the browser's
  // render is what a hydration error looks like; the check must notice it.
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<h1([^>]*)>([^<]*)</, "<h1$1>$2 (server only)<");
    await route.fulfill({ response, body: html });
  });
  const problems = await visit(page, "/sign-in");
  expect(problems.join("\n")).toMatch(/console error/);
});

for (const locale of LOCALES) {
  test.describe(`a clean console in ${locale}`, () => {
    test.setTimeout(300_000);
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    });

    test("signed out", async ({ page }) => {
      expect(await visitAll(page, SIGNED_OUT_PATHS)).toEqual([]);
    });

    test("as staff", async ({ page, loginAs }) => {
      await loginAs("STAFF");
      expect(await visitAll(page, staffPaths(portfolios))).toEqual([]);
    });

    test("as an administrator", async ({ page, loginAs }) => {
      await loginAs("ADMIN");
      expect(await visitAll(page, adminPaths(portfolios))).toEqual([]);
    });

    test("as a partner ministry", async ({ page, loginAs }) => {
      await loginAs("PARTNER", { countries: ["BY"] });
      expect(await visitAll(page, partnerPaths(portfolios))).toEqual([]);
    });

    test("as a donor", async ({ page, loginAs }) => {
      await loginAs("DONOR", { organisationIds: [portfolios.fundA.id] });
      expect(await visitAll(page, donorPaths(portfolios))).toEqual([]);
    });
  });
}
