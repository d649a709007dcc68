import { expect, test } from "@playwright/test";
import { runScript, tempDataDir, waitForOutput, type Run } from "../process/server-process";
import { DEMO_USERS } from "../../prisma/seed/demo-users";
import { E2E_PORT } from "./support/e2e-env";

// What the README's first command does (`npm run demo`), on a fresh embedded
// database: migrate, load the demo portfolio, serve in demo mode. This is the
// one test that relies on the demo seed.
const PORT = E2E_PORT + 10;
const base = `http://127.0.0.1:${PORT}`;
let server: Run;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = runScript("scripts/server.ts", ["--migrate", "--seed-if-empty"], {
    CONCORD_DATA_DIR: tempDataDir(),
    CONCORD_DEMO: "1",
    PORT: String(PORT),
  });
  await waitForOutput(server, /Concord listening/, 170_000);
});

test.afterAll(async () => {
  server.child.kill("SIGTERM");
  await server.exited;
});

const demo = (email: string) => DEMO_USERS.find((u) => u.email === email)!;

async function signIn(page: import("@playwright/test").Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(demo(email).password);
  // Exact: in demo mode the page also has one "Sign in as …" button per demo account.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("demo staff sees all five demo programmes on the workspace", async ({ page }) => {
  await signIn(page, "staff@concord.demo");
  await expect(page).toHaveURL(`${base}/workspace`);
  const table = page.getByRole("table", { name: "Programmes you can see" });
  await expect(table.getByRole("row")).toHaveCount(6);
  for (const title of [/DRG/, /quality of care/i, /Collaborating Centre/i, /Central Asia/i, /Busan/i]) {
    await expect(table.getByRole("link", { name: title })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/screens/demo-workspace.png", fullPage: true });
});

test("demo partner for Belarus lands on the Belarus portal with the Belarus programmes only", async ({ page }) => {
  await signIn(page, "partner.by@concord.demo");
  await expect(page).toHaveURL(`${base}/portal`);
  await expect(page.getByRole("heading", { level: 1, name: "Cooperation programmes with Belarus" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /DRG/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /quality of care/i })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Central Asia/i })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/demo-portal-by.png", fullPage: true });
});

test("demo partner for Kazakhstan sees the Central Asia programme, not Belarus", async ({ page }) => {
  await signIn(page, "partner.kz@concord.demo");
  await expect(page.getByRole("heading", { level: 1, name: "Cooperation programmes with Kazakhstan" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Central Asia/i })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /DRG/ })).toHaveCount(0);
});

test("demo donor KWPF sees the programme it funds", async ({ page }) => {
  await signIn(page, "donor.kwpf@concord.demo");
  await expect(page).toHaveURL(`${base}/donor`);
  await expect(page.getByRole("heading", { level: 1, name: "Programmes funded by KWPF" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /DRG/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /quality of care/i })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/demo-donor.png", fullPage: true });
});

test("demo administrator lands on the workspace", async ({ page }) => {
  await signIn(page, "admin@concord.demo");
  await expect(page).toHaveURL(`${base}/workspace`);
});

test("a double-posted form on the embedded database saves once and sends every post to the record, never a 500", async ({ page }) => {
  // PGlite reports a taken key as DriverAdapterError 23505, not Prisma's P2002 (issue 14, point 3).
  await signIn(page, "staff@concord.demo");
  await expect(page).toHaveURL(`${base}/workspace`);
  await page.goto(`${base}/organisations/new`);
  const key = await page.locator('input[type="hidden"][name="_submission"]').first().inputValue();
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  const shortName = `DUP-EMB-${Date.now().toString(36)}`.toUpperCase();
  const form = { shortName, fullName: "Double submit on the embedded database", iatiTypeCode: "10", countryCode: "", iatiRef: "", description: "", _submission: key };
  const post = () => page.request.post(`${base}/organisations/new`, { form, headers: { Origin: base }, maxRedirects: 0 });

  const [first, second] = await Promise.all([post(), post()]);
  expect([first.status(), second.status()]).toEqual([302, 302]);
  const location = first.headers()["location"];
  expect(location).toMatch(/^\/organisations\/[^/?]+$/);
  expect(second.headers()["location"]).toBe(location);
  const again = await post();
  expect(again.status()).toBe(302);
  expect(again.headers()["location"]).toBe(location);

  // One organisation with that name in the list.
  await page.goto(`${base}/organisations?q=${shortName}`);
  await expect(page.getByRole("link", { name: shortName })).toHaveCount(1);
});

test("the demo sign-in page lists the demo accounts, and each signs in with one button", async ({ page }) => {
  await page.goto(`${base}/sign-in`);
  const box = page.getByRole("region", { name: "Demo accounts" });
  for (const u of DEMO_USERS) {
    await expect(box.getByText(u.email, { exact: true })).toBeVisible();
    await expect(box.getByText(u.password, { exact: true })).toBeVisible();
  }
  await box.getByRole("button", { name: "Sign in as Partner ministry (Belarus)" }).click();
  await expect(page).toHaveURL(`${base}/portal`);
  await expect(page.getByRole("heading", { level: 1, name: "Cooperation programmes with Belarus" })).toBeVisible();
});

test("the demo workspace shows every programme's dates and budget from its records, and the calendar leads to the nearest month with activities", async ({ page }) => {
  await signIn(page, "staff@concord.demo");
  await expect(page).toHaveURL(`${base}/workspace`);
  const table = page.getByRole("table", { name: "Programmes you can see" });
  // The address changes before the new page is drawn: read the headers once they are there.
  await expect(table.getByRole("columnheader").first()).toBeVisible();
  const headers = await table.getByRole("columnheader").allTextContents();
  const datesAt = headers.indexOf("Dates");
  const budgetAt = headers.indexOf("Budget");
  expect(datesAt).toBeGreaterThan(-1);
  expect(budgetAt).toBeGreaterThan(-1);
  const rows = table.getByRole("row").filter({ has: page.getByRole("link") });
  await expect(rows).toHaveCount(5);
  for (const row of await rows.all()) {
    await expect(row.getByRole("cell").nth(datesAt)).not.toHaveText("—");
  }
  const busan = rows.filter({ has: page.getByRole("link", { name: /Busan/i }) });
  await expect(busan.getByRole("cell").nth(budgetAt)).toHaveText("₩1,165,700,000,000 (from funding)");

  // The events are from 2019-2022: today's month is empty, and the calendar offers the nearest month with activities.
  const calendar = page.getByRole("region", { name: "Activity calendar" });
  const jump = calendar.getByRole("link", { name: /, the nearest month with activities$/ });
  await expect(jump).toBeVisible();
  const month = (await jump.textContent())!.replace(/^Go to /, "").replace(/, the nearest month with activities$/, "");
  await jump.click();
  await expect(page.getByRole("table", { name: `Activities in ${month}` }).getByRole("link").first()).toBeVisible();
  await expect(calendar.getByRole("link", { name: /the nearest month with activities$/ })).toHaveCount(0);
});
