import type { BrowserContext, Page } from "@playwright/test";
import { endAllSessions } from "../../app/auth/session.server";
import { createOrganisation, createProgramme, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { createDeliverable } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";

// Issue 20 (helper SW): Concord is installable and keeps, per account, the
// pages a person opened or pinned; offline they come from that copy, and
// signing out (or an admin ending the sessions) clears it. The other specs
// block service workers (playwright.config.ts); these allow them.
test.use({ serviceWorkers: "allow" });

const SHOTS = "/tmp/shots-helper-sw";

/** A BY programme with three activities and a deliverable. */
async function fieldProgramme() {
  const funder = await createOrganisation(prisma, { shortName: `KWPF-${uid()}` });
  const programme = await createProgramme(prisma, { countries: ["BY"], funders: [funder.id], title: `Hospital payment reform ${uid()}` });
  const activities = [];
  for (const title of ["Workshop in Minsk", "Study visit to Seoul", "Training in Grodno"]) {
    activities.push(await createActivity(prisma, { programmeId: programme.id, title: `${title} ${uid()}`, countryCode: "BY" }));
  }
  const deliverable = await createDeliverable(prisma, { programmeId: programme.id, title: `Costing manual ${uid()}` });
  return { programme, activities, deliverable };
}

/** Waits until the service worker controls the page (it installs on the first page load). */
async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined);
}

/**
 * Names of this origin's caches and IndexedDB databases that are Concord's and
 * hold an account's data: every one but the static cache (the build's scripts
 * and styles and the signed-out /offline page), which the service worker
 * registered again by the sign-in page may fill at once.
 */
async function localCopy(page: Page): Promise<{ caches: string[]; databases: string[] }> {
  return page.evaluate(async () => ({
    caches: (await caches.keys()).filter((name) => name.startsWith("concord-") && !name.startsWith("concord-static-")),
    databases: (await indexedDB.databases()).map((db) => db.name ?? "").filter((name) => name.startsWith("concord-")),
  }));
}

/** Page caches (concord-pages-<key>) and whether `path` is kept in one of them. */
async function kept(page: Page, path: string): Promise<{ pageCaches: string[]; hit: boolean }> {
  return page.evaluate(async (path) => {
    const pageCaches = (await caches.keys()).filter((name) => name.startsWith("concord-pages-"));
    let hit = false;
    for (const name of pageCaches) if (await (await caches.open(name)).match(new URL(path, location.origin).href, { ignoreVary: true })) hit = true;
    return { pageCaches, hit };
  }, path);
}

/** An IndexedDB database as the outbox makes one. */
async function makeDatabase(page: Page, name: string) {
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.onupgradeneeded = () => open.result.createObjectStore("entries");
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
    name,
  );
}

async function offline(context: BrowserContext, page: Page, on: boolean) {
  await context.setOffline(on);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(!on);
}

test("the manifest, its icons and the service worker are served", async ({ request }) => {
  const manifestResponse = await request.get("/manifest.webmanifest");
  expect(manifestResponse.status()).toBe(200);
  expect(manifestResponse.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await manifestResponse.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; background_color: string; icons: { src: string; sizes: string; type: string; purpose: string }[] };
  expect(manifest).toMatchObject({ name: "Concord", short_name: "Concord", start_url: "/", display: "standalone" });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort();
  expect(sizes).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    // The PNG signature, then IHDR's width and height.
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
  }
  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  expect(sw.headers()["content-type"]).toMatch(/javascript/);
  expect(await sw.text()).toContain("concord-static-");
  const page = await request.get("/sign-in");
  expect(await page.text()).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
  expect(page.headers()["content-security-policy"]).toContain("worker-src 'self'");
});

test("a staff member's opened and pinned pages open offline; an unvisited one shows the offline page", async ({ page, context, loginAs }) => {
  const { programme, activities, deliverable } = await fieldProgramme();
  await loginAs("STAFF");
  const [opened, pinnedOnly, unvisited] = activities;

  await page.goto("/workspace");
  await controlled(page);
  await page.goto(`/programmes/${programme.code}`);
  await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  await page.goto(`/activities/${opened.id}`);
  await expect(page.getByRole("heading", { level: 1, name: opened.title })).toBeVisible();
  await expect.poll(async () => (await kept(page, `/activities/${opened.id}`)).hit).toBe(true);
  await expect.poll(async () => (await kept(page, `/programmes/${programme.code}`)).hit).toBe(true);
  // One account, one page cache.
  expect((await kept(page, "/")).pageCaches).toHaveLength(1);

  await offline(context, page, true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: opened.title })).toBeVisible();
  await page.goto(`/programmes/${programme.code}`);
  await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  // Never opened, not pinned: the offline page.
  await page.goto(`/activities/${unvisited.id}`);
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the outbox" })).toHaveAttribute("href", "/outbox");
  // The offline page lists what is kept, by title.
  await expect(page.getByRole("link", { name: `${opened.title} · Concord` })).toBeVisible();

  // Back online, keep the programme for offline use: its unvisited pages come along.
  await offline(context, page, false);
  await page.goto(`/programmes/${programme.code}`);
  const keep = page.getByRole("button", { name: "Keep for offline use" });
  await expect(keep).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pin-button.png`, fullPage: false });
  await keep.click();
  // Programme, new-activity and new-document forms, 3 activities x (page + edit), 1 deliverable x (page + edit).
  // Eleven pages fetched through the service worker: on a busy machine that takes longer than expect's 5 s.
  await expect(page.getByText("Kept for offline use: 11 pages.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Refresh the offline copy" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pin-done.png`, fullPage: false });

  await offline(context, page, true);
  // A link in the kept programme page (a Remix data request, never made online): the page loads from the copy.
  await page.goto(`/programmes/${programme.code}`);
  await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  await page.getByRole("link", { name: pinnedOnly.title }).click();
  await expect(page).toHaveURL(new RegExp(`/activities/${pinnedOnly.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: pinnedOnly.title })).toBeVisible();
  await page.goto(`/activities/${unvisited.id}`);
  await expect(page.getByRole("heading", { level: 1, name: unvisited.title })).toBeVisible();
  await page.goto(`/deliverables/${deliverable.id}/edit`);
  await expect(page).toHaveURL(new RegExp(`/deliverables/${deliverable.id}/edit$`));
  await expect(page.getByRole("textbox", { name: /title/i }).first()).toHaveValue(deliverable.title);
  await page.goto("/offline");
  await expect(page.getByRole("heading", { level: 2, name: "Programmes kept for offline use" })).toBeVisible();
  const pinnedRow = page.getByRole("listitem").filter({ hasText: programme.code });
  await expect(pinnedRow.getByRole("link", { name: `${programme.code} · ${programme.title}` })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/offline-page.png`, fullPage: true });

  // Un-pinning removes its pages that were never opened.
  await pinnedRow.getByRole("button", { name: `Stop keeping ${programme.code}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${programme.code} is no longer kept for offline use.` })).toBeVisible();
  await expect(page.getByText("No programme is kept for offline use.", { exact: false })).toBeVisible();
  expect((await kept(page, `/activities/${pinnedOnly.id}`)).hit).toBe(false);
  await offline(context, page, false);
});

test("signing out clears the caches and Concord's IndexedDB databases; the next account never sees the first one's pages", async ({ page, context, loginAs }) => {
  const { programme, activities, deliverable } = await fieldProgramme();
  await loginAs("STAFF");
  await page.goto("/workspace");
  await controlled(page);
  await page.goto(`/activities/${activities[0].id}`);
  await expect.poll(async () => (await kept(page, `/activities/${activities[0].id}`)).hit).toBe(true);
  // What the outbox would hold (its database is concord-outbox-<key>).
  const key = await page.locator('meta[name="concord-user"]').getAttribute("content");
  expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  await makeDatabase(page, `concord-outbox-${key}`);
  expect((await localCopy(page)).databases).toEqual([`concord-outbox-${key}`]);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(() => localCopy(page)).toEqual({ caches: [], databases: [] });

  // Partner BY signs in on the same browser while staff A's copy is back on the device
  // (A opens a page again, then the session cookie changes hands without signing out).
  await loginAs("STAFF");
  await page.goto("/workspace");
  await controlled(page);
  await page.goto(`/activities/${activities[0].id}`);
  await expect.poll(async () => (await kept(page, `/activities/${activities[0].id}`)).hit).toBe(true);
  await context.clearCookies();
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto(`/portal/programmes/${programme.code}`);
  await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  await expect.poll(async () => (await kept(page, `/activities/${activities[0].id}`)).hit).toBe(false);
  await expect.poll(async () => (await kept(page, `/portal/programmes/${programme.code}`)).hit).toBe(true);
  expect((await kept(page, "/")).pageCaches).toHaveLength(1);
  // The partner keeps the programme too: the progress page and the deliverable's update page.
  await page.getByRole("button", { name: "Keep for offline use" }).click();
  await expect(page.getByText("Kept for offline use: 2 pages.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/pin-partner.png`, fullPage: false });

  await offline(context, page, true);
  await page.goto(`/activities/${activities[0].id}`);
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  await expect(page.getByText(activities[0].title)).toHaveCount(0);
  await page.goto(`/portal/programmes/${programme.code}`);
  await expect(page.getByRole("heading", { level: 1, name: programme.title })).toBeVisible();
  await page.goto(`/portal/deliverables/${deliverable.id}`);
  await expect(page.getByRole("heading", { level: 1, name: deliverable.title })).toBeVisible();
  await offline(context, page, false);
});

test("without the page's help, the sign-out answer's Clear-Site-Data clears the local copy", async ({ page, loginAs }) => {
  const { activities } = await fieldProgramme();
  await loginAs("STAFF");
  await page.goto("/workspace");
  await controlled(page);
  await page.goto(`/activities/${activities[1].id}`);
  await expect.poll(async () => (await kept(page, `/activities/${activities[1].id}`)).hit).toBe(true);
  await makeDatabase(page, "concord-outbox-test");
  // The header's outbox link opens the account's outbox once the page has
  // loaded (its count; app/components/offline/outbox-indicator.tsx). Opened
  // at the same moment as the sign-out answer clears the site, it could come
  // back afterwards, empty: a CI run found it so. Sign out once it is open.
  await expect
    .poll(async () => (await localCopy(page)).databases.filter((name) => name.startsWith("concord-outbox-") && name !== "concord-outbox-test").length)
    .toBe(1);
  // A plain form post (as without JavaScript): the 302 alone must clear it.
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/sign-out";
    document.body.append(form);
    HTMLFormElement.prototype.submit.call(form);
  });
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(() => localCopy(page)).toEqual({ caches: [], databases: [] });
});

test("an admin ending a person's sessions clears their copy on the next page they open online", async ({ page, loginAs }) => {
  const { programme, activities } = await fieldProgramme();
  const staff = await loginAs("STAFF");
  await page.goto("/workspace");
  await controlled(page);
  await page.goto(`/programmes/${programme.code}`);
  await page.goto(`/activities/${activities[2].id}`);
  await expect.poll(async () => (await kept(page, `/activities/${activities[2].id}`)).hit).toBe(true);

  // What the admin's "deactivate" does to the sessions (app/models/user-admin.server.ts).
  await endAllSessions(staff.id);
  await page.getByRole("link", { name: new RegExp(programme.code) }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(async () => (await kept(page, `/activities/${activities[2].id}`)).pageCaches).toEqual([]);
  expect((await localCopy(page)).caches.filter((name) => name.startsWith("concord-pages-"))).toEqual([]);
});
