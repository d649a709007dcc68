import type { Page } from "@playwright/test";
import { createAuthzPortfolios, type AuthzPortfolios } from "../factories/authz";
import { expect, prisma, test } from "./support/fixtures";
import { trackRequests } from "./support/settle";
import { adminPaths, donorPaths, partnerPaths, SIGNED_OUT_PATHS, staffPaths } from "./support/pages";
import { untranslated, untranslatedOnPage, type CheckedLocale } from "./support/untranslated";

// Issue 14, item 16: every page, as every role, in every interface language,
// loads and hydrates with a clean console: no console error or warning (React
// reports a hydration mismatch as one: #418, #423, #425), no uncaught
// exception and no failed request. The Russian workspace used to log 34
// hydration errors on every load.
// Issue 21, point 1: and with no untranslated interface text: in Russian and
// Korean no English message left on the page, in every language no message
// key or raw stored value where its text should be (support/untranslated.ts).

const LOCALES = ["en", "ru", "ko"] as const;

/** Opens the page, waits until React has taken it over, and returns what went wrong (in a page of this language). */
async function visit(page: Page, path: string, locale: CheckedLocale = "en"): Promise<string[]> {
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
  // Only the navigation request and what the new document asked for after it
  // replaced the old one (the main frame's commit) count as this page's: the
  // previous page can still start a request (a late route-discovery fetch)
  // while the navigation is under way, and the commit then cancels it.
  const started = new Set<unknown>();
  let committed = false;
  const onRequest = (request: { isNavigationRequest(): boolean }) => {
    if (committed || request.isNavigationRequest()) started.add(request);
  };
  const onNavigated = (frame: unknown) => {
    if (frame === page.mainFrame()) committed = true;
  };
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
  page.on("framenavigated", onNavigated);
  page.on("requestfailed", onFailed);
  page.on("response", onResponse);
  const requests = trackRequests(page, (request) => started.has(request));
  try {
    const response = await page.goto(path);
    if (response?.status() !== 200) problems.push(`answered ${response?.status()}`);
    // Hydration is done when React has claimed the page's elements; its
    // mismatch reports come with that commit. Then let requests settle.
    await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")), null, { timeout: 30_000 });
    await requests.settled();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== locale) problems.push(`page language is "${lang}", not "${locale}"`);
    problems.push(...(await untranslatedOnPage(page, locale)));
  } finally {
    requests.stop();
    page.off("console", onConsole);
    page.off("pageerror", onPageError);
    page.off("request", onRequest);
    page.off("framenavigated", onNavigated);
    page.off("requestfailed", onFailed);
    page.off("response", onResponse);
  }
  return problems.map((p) => `${path}: ${p}`);
}

async function visitAll(page: Page, paths: readonly string[], locale: CheckedLocale): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) found.push(...(await visit(page, path, locale)));
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

test("the check itself sees English text and a message key on a Russian page", async ({ page, context, baseURL }) => {
  // A Russian catalogue that left the sign-in button in English and lost the
  // "forgot your password" text to its key: the page hydrates cleanly (the
  // server and the browser agree), so only the text check can notice.
  await context.addCookies([{ name: "concord_lang", value: "ru", url: baseURL! }]);
  await page.route("**/i18n/ru.json*", async (route) => {
    const response = await route.fetch();
    const bundle = (await response.json()) as { messages: Record<string, unknown> };
    bundle.messages["auth.signIn.submit"] = "Sign in";
    bundle.messages["auth.signIn.forgot"] = "auth.signIn.forgot";
    await route.fulfill({ response, json: bundle });
  });
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replaceAll(">Войти<", ">Sign in<").replaceAll(">Забыли пароль?<", ">auth.signIn.forgot<");
    await route.fulfill({ response, body: html });
  });
  const problems = await visit(page, "/sign-in", "ru");
  expect(problems).toEqual([
    expect.stringMatching(/untranslated: "Sign in" \(message auth\.signIn\.submit, button\)/),
    expect.stringMatching(/message key on the page: "auth\.signIn\.forgot"/),
  ]);
});

test("the untranslated-text rules: placeholders and plurals, stored values' names, record data left alone", () => {
  const texts = (...list: string[]) => list.map((text) => ({ text, where: "p" }));
  // A message with a placeholder, and each form of a plural.
  expect(untranslated(texts("Sign in as  Programme officer", "You have 1 recovery code left.", "You have 7 recovery codes left."), "ko")).toEqual([
    expect.stringContaining("auth.signIn.demoUse"),
    expect.stringContaining("auth.mfaPage.codesLeftYou"),
    expect.stringContaining("auth.mfaPage.codesLeftYou"),
  ]);
  // A status's English name; a raw stored value in any language.
  expect(untranslated(texts("Implementation"), "ru")).toEqual([expect.stringContaining("name of programmeStatus.IMPLEMENTATION")]);
  expect(untranslated(texts("IMPLEMENTATION_PLAN"), "en")).toEqual([expect.stringContaining("agreementType.IMPLEMENTATION_PLAN")]);
  // A message as message() encodes it, printed without t.text().
  expect(untranslated(texts('\u0001i18n:["iatiCheck.noBudget"] (rule budget)'), "en")).toEqual([expect.stringContaining("encoded message on the page")]);
  // Record data, codes, the app's name and the language's own text are not flagged; nor is English in English.
  expect(untranslated(texts("Water supply upgrade, phase 2", "BY-2024-001", "Concord", "—", "IATI", "Войти", "Sign in"), "ru")).toEqual([expect.stringContaining('"Sign in"')]);
  expect(untranslated(texts("Sign in", "Implementation", "You have 7 recovery codes left."), "en")).toEqual([]);
});

for (const locale of LOCALES) {
  test.describe(`a clean console in ${locale}`, () => {
    test.setTimeout(300_000);
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "concord_lang", value: locale, url: baseURL! }]);
    });

    test("signed out", async ({ page }) => {
      expect(await visitAll(page, SIGNED_OUT_PATHS, locale)).toEqual([]);
    });

    test("as staff", async ({ page, loginAs }) => {
      await loginAs("STAFF");
      expect(await visitAll(page, staffPaths(portfolios), locale)).toEqual([]);
    });

    test("as an administrator", async ({ page, loginAs }) => {
      await loginAs("ADMIN");
      expect(await visitAll(page, adminPaths(portfolios), locale)).toEqual([]);
    });

    test("as a partner ministry", async ({ page, loginAs }) => {
      await loginAs("PARTNER", { countries: ["BY"] });
      expect(await visitAll(page, partnerPaths(portfolios), locale)).toEqual([]);
    });

    test("as a donor", async ({ page, loginAs }) => {
      await loginAs("DONOR", { organisationIds: [portfolios.fundA.id] });
      expect(await visitAll(page, donorPaths(portfolios), locale)).toEqual([]);
    });
  });
}
