import type { BrowserContext, Page } from "@playwright/test";
import { createActivity } from "../factories/activity";
import { createProgramme, createUser, uid } from "../factories";
import { expect, prisma, sessionCookie, test } from "./support/fixtures";

// Issue 20 (helper OUTBOX): a form saved offline goes into the device's
// outbox (IndexedDB), survives the page, and is sent in order when the
// browser is online again, through the same action with the same
// `_submission` key; a refused entry keeps its messages; a conflicting edit
// shows both versions side by side. No service worker here (pages are loaded
// online, then the network is cut with context.setOffline).

test.use({ serviceWorkers: "block" });

const SAVED = "Saved on this device. It will be sent when you are back online.";

/**
 * Cuts the network once the page is hydrated and has loaded, online, the
 * outbox code it fetches after hydration (the /outbox page's module, which
 * the header's link prefetches, and the form's outbox code): without a service worker nothing can be fetched later.
 */
async function goOffline(page: Page, context: BrowserContext) {
  await page.waitForFunction(() => {
    const loaded = performance.getEntriesByType("resource").map((e) => e.name);
    return loaded.some((n) => n.includes("/build/routes/outbox-")) && loaded.some((n) => n.includes("/form-outbox.client-"));
  });
  await page.waitForLoadState("networkidle");
  await context.setOffline(true);
}

async function fillActivity(page: Page, title: string) {
  await page.getByRole("textbox", { name: /^Title( \*)?$/ }).fill(title);
  await page.getByLabel(/^Kind( \*)?$/).selectOption({ label: "Training course" });
  await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Completed" });
  await page.getByRole("textbox", { name: "City", exact: true }).fill("Almaty");
  await page.getByLabel(/^Actual start( \*)?$/).fill("2025-03-10");
  await page.getByLabel(/^Actual end( \*)?$/).fill("2025-03-14");
  await page.getByLabel(/^Total participants( \*)?$/).fill("12");
  const participants = page.getByRole("group", { name: "Participants", exact: true });
  await participants.getByLabel("Female", { exact: true }).fill("7");
  await participants.getByLabel("Male", { exact: true }).fill("5");
}

const entryItem = (page: Page, title: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });

test.describe("the offline outbox", () => {
  test("an activity saved offline waits in the outbox, survives the page, and is sent once when online", async ({ page, context, loginAs, baseURL }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Outbox programme ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/activities/new?programme=${programme.id}`);
    await goOffline(page, context);
    const title = `Offline training ${uid()}`;
    await fillActivity(page, title);
    await page.getByRole("button", { name: "Create activity" }).click();

    await expect(page).toHaveURL(/\/outbox\?saved=/);
    await expect(page.getByText(SAVED)).toBeVisible();
    const item = entryItem(page, `New activity — ${title}`);
    await expect(item.getByText("Waiting", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Outbox, 1 entry waiting" })).toBeVisible();
    expect(await prisma.activity.count({ where: { title } })).toBe(0);

    // The page is closed; a new one opens online: the entry is sent by itself.
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    const replays: { url: string; body: Buffer; type: string }[] = [];
    next.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("_data=routes%2Factivities.new")) replays.push({ url: r.url(), body: r.postDataBuffer()!, type: r.headers()["content-type"] });
    });
    await next.goto("/outbox");
    await expect(next.getByText(`“New activity — ${title}” was sent.`)).toBeVisible();
    await expect(next.getByText("Nothing is waiting to be sent.")).toBeVisible();
    const created = await prisma.activity.findMany({ where: { title } });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ programmeId: programme.id, kind: "TRAINING_COURSE", participantsTotal: 12, participantsFemale: 7, participantsMale: 5 });
    await expect(next.getByRole("link", { name: "Open the record" })).toHaveAttribute("href", `/activities/${created[0].id}`);
    expect(replays).toHaveLength(1);

    // The same entry replayed twice more at the network level (an answer lost on the way): saved once, same record.
    for (let i = 0; i < 2; i++) {
      const again = await next.request.post(replays[0].url, { headers: { "Content-Type": replays[0].type, Origin: baseURL! }, data: replays[0].body, maxRedirects: 0 });
      expect(again.status()).toBe(204);
      expect(again.headers()["x-remix-redirect"]).toBe(`/activities/${created[0].id}`);
    }
    expect(await prisma.activity.count({ where: { title } })).toBe(1);

    await next.getByRole("link", { name: "Open the record" }).click();
    await expect(next.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  test("an entry the server refuses stays in the outbox with its message, shown next to the field when opened", async ({ page, context, loginAs }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Soon archived ${uid()}` });
    await loginAs("STAFF");
    await page.goto(`/activities/new?programme=${programme.id}`);
    await goOffline(page, context);
    const title = `Refused training ${uid()}`;
    await fillActivity(page, title);
    await page.getByRole("button", { name: "Create activity" }).click();
    await expect(page.getByText(SAVED)).toBeVisible();

    // Meanwhile the programme is archived: the server refuses the activity.
    await prisma.programme.update({ where: { id: programme.id }, data: { archivedAt: new Date() } });
    await context.setOffline(false);
    await page.getByRole("button", { name: "Send now" }).click();
    const item = entryItem(page, `New activity — ${title}`);
    await expect(item.getByText("Refused", { exact: true })).toBeVisible();
    await expect(item.getByText("One thing needs fixing before this can be saved.")).toBeVisible();
    expect(await prisma.activity.count({ where: { title } })).toBe(0);
    await page.screenshot({ path: `test-results/outbox-refused.png`, fullPage: true });

    // Reloaded, it is still there; opened, the form shows the message at the programme.
    await page.reload();
    await expect(entryItem(page, `New activity — ${title}`).getByText("Refused", { exact: true })).toBeVisible();
    await entryItem(page, `New activity — ${title}`).getByRole("link", { name: /Open and edit/ }).click();
    await expect(page).toHaveURL(/\/activities\/new\?.*outbox=/);
    await expect(page.getByRole("textbox", { name: /^Title( \*)?$/ })).toHaveValue(title);
    await expect(page.getByLabel(/^Total participants( \*)?$/)).toHaveValue("12");
    await expect(page.getByText("Choose an active programme.")).toBeVisible();
  });

  test("an edit made offline that someone else changed meanwhile shows both versions; keep mine saves it over the new version", async ({ page, context, loginAs, browser, baseURL }) => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: `Conflict programme ${uid()}` });
    const activity = await createActivity(prisma, { programmeId: programme.id, title: `Shared workshop ${uid()}`, city: "Almaty" });
    await loginAs("STAFF");
    await page.goto(`/activities/${activity.id}/edit`);
    await goOffline(page, context);
    await page.getByLabel(/^City( \*)?$/).fill("Karaganda");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(SAVED)).toBeVisible();
    await page.screenshot({ path: `test-results/outbox-waiting.png`, fullPage: true });

    // Another member of staff changes the city meanwhile (online, in a browser of their own).
    const { user: other } = await createUser(prisma, { role: "STAFF" });
    const theirs = await browser.newContext({ baseURL });
    const [name, value] = (await sessionCookie(other.id)).split("=");
    await theirs.addCookies([{ name, value, url: baseURL! }]);
    const theirPage = await theirs.newPage();
    await theirPage.goto(`/activities/${activity.id}/edit`);
    await theirPage.getByRole("textbox", { name: "City", exact: true }).fill("Astana");
    await theirPage.getByRole("button", { name: "Save changes" }).click();
    await expect(theirPage.getByRole("status")).toHaveText("Your changes have been saved.");
    await theirs.close();

    await context.setOffline(false);
    await page.getByRole("button", { name: "Send now" }).click();
    const item = entryItem(page, `Edit: ${activity.title}`);
    await expect(item.getByText("Conflict", { exact: true })).toBeVisible();
    const table = item.getByRole("table");
    await expect(table.getByRole("columnheader", { name: "Yours (waiting on this device)" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: new RegExp(`^Saved now by ${other.email} at `) })).toBeVisible();
    await expect(table.getByRole("row", { name: "City Karaganda Astana" })).toBeVisible();
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).city).toBe("Astana");
    await page.screenshot({ path: `test-results/outbox-conflict.png`, fullPage: true });

    await item.getByRole("button", { name: "Keep mine" }).click();
    await expect(page.getByText(/was sent\.$/)).toBeVisible();
    await expect(page.getByText("Nothing is waiting to be sent.")).toBeVisible();
    const saved = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
    expect(saved.city).toBe("Karaganda");
    expect(saved.version).toBe(activity.version + 2);
  });
});
