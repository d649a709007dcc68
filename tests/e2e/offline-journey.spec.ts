import type { BrowserContext, Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { createProgramme, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { pngBytes } from "../factories/document";
import { fillAction, fillOutcome, fillWorkshop } from "./support/activity-form";
import { expect, prisma, test } from "./support/fixtures";

// Issue 20, point 5, the whole journey with the service worker: a staff
// member who opened the new-activity form and the outbox online records a
// workshop with 12 participants and two outcomes with the network cut, closes
// the page, opens Concord again still offline (the pages come from this
// account's copy, the entry from the outbox), goes online and sees it sent
// once: one activity, two outcomes, one follow-up action, whatever the
// number of sends (the double-submit key travels with the entry).
test.use({ serviceWorkers: "allow" });

const SAVED = "Saved on this device. It will be sent when you are back online.";

async function offline(context: BrowserContext, page: Page, on: boolean) {
  await context.setOffline(on);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(!on);
}

/** The service worker controls the page and has kept `path` in this account's copy. */
async function keptOnDevice(page: Page, path: string) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller));
  await expect
    .poll(() =>
      page.evaluate(async (path) => {
        for (const name of await caches.keys()) {
          if (name.startsWith("concord-pages-") && (await (await caches.open(name)).match(new URL(path, location.origin).href, { ignoreVary: true }))) return true;
        }
        return false;
      }, path),
    )
    .toBe(true);
}

test("an activity with 12 participants and two outcomes recorded offline survives closing the page and is sent once online", async ({ page, context, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Field programme ${uid()}` });
  await loginAs("STAFF");
  // Online first: the service worker installs with the first page, then the pages needed in
  // the field are opened once (it keeps them).
  await page.goto("/workspace");
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller));
  await page.goto("/outbox");
  await keptOnDevice(page, "/outbox");
  const form = `/activities/new?programme=${programme.id}`;
  await page.goto(form);
  await keptOnDevice(page, form);

  // The network goes; the page is opened again from the copy, and the workshop recorded.
  await offline(context, page, true);
  await page.reload();
  const title = `Brest workshop ${uid()}`;
  await fillWorkshop(page, title);
  await fillOutcome(page, 1, { type: "Decision", text: "Regional hospitals adopt the DRG pilot from January." });
  await fillAction(page, 1, 1, { description: "Send the pilot's costing template", status: "Not started" });
  await fillOutcome(page, 2, { type: "Recommendation", text: "Hold a follow-up workshop in Gomel." });
  await page.getByRole("button", { name: "Create activity" }).click();
  await expect(page).toHaveURL(/\/outbox\?saved=/);
  await expect(page.getByText(SAVED)).toBeVisible();
  expect(await prisma.activity.count({ where: { title } })).toBe(0);
  // A second visit recorded from the same kept form page (whose rendered double-submit key is the
  // same on every offline opening) is an entry of its own, not a repeat of the first.
  await page.goto(form);
  const second = `Gomel hospital visit ${uid()}`;
  await page.getByRole("textbox", { name: /^Title( \*)?$/ }).fill(second);
  await page.getByLabel(/^Kind( \*)?$/).selectOption({ label: "Study visit" });
  await page.getByLabel(/^Status( \*)?$/).selectOption({ label: "Completed" });
  await page.getByRole("button", { name: "Create activity" }).click();
  await expect(page.getByText(SAVED)).toBeVisible();

  // The browser is closed and Concord opened again, still offline: the entry is there.
  await page.close();
  const again = await context.newPage();
  await again.goto("/outbox");
  const item = again.getByRole("listitem").filter({ has: again.getByRole("heading", { name: `New activity — ${title}` }) });
  await expect(item.getByText("Waiting", { exact: true })).toBeVisible();
  await expect(again.getByRole("listitem").filter({ has: again.getByRole("heading", { name: `New activity — ${second}` }) }).getByText("Waiting", { exact: true })).toBeVisible();

  // Back online: sent by itself, once.
  const sends: string[] = [];
  again.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("_data=routes%2Factivities.new")) sends.push(r.url());
  });
  await offline(context, again, false);
  await expect(again.getByText(`“New activity — ${title}” was sent.`)).toBeVisible();
  await expect(again.getByText(`“New activity — ${second}” was sent.`)).toBeVisible();
  await expect(again.getByText("Nothing is waiting to be sent.")).toBeVisible();
  const saved = await prisma.activity.findMany({ where: { title }, include: { outcomes: { include: { followUps: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({ programmeId: programme.id, kind: "WORKSHOP", participantsTotal: 12, participantsFemale: 7, participantsMale: 4, participantsOther: 1 });
  expect(saved[0].outcomes.map((o) => [o.type, o.text, o.followUps.length])).toEqual([
    ["DECISION", "Regional hospitals adopt the DRG pilot from January.", 1],
    ["RECOMMENDATION", "Hold a follow-up workshop in Gomel.", 0],
  ]);
  expect(sends).toHaveLength(2);
  expect(await prisma.activity.count({ where: { title: second, programmeId: programme.id, kind: "STUDY_VISIT" } })).toBe(1);

  // Another page load online sends nothing more.
  await again.reload();
  await expect(again.getByText("Nothing is waiting to be sent.")).toBeVisible();
  expect(await prisma.activity.count({ where: { title } })).toBe(1);
  expect(await prisma.activity.count({ where: { title: second } })).toBe(1);
});

test("a photo attached offline to a kept programme waits in the outbox with its file and is stored once online", async ({ page, context, loginAs }) => {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Photo programme ${uid()}` });
  const activity = await createActivity(prisma, { programmeId: programme.id, title: `Hospital tour ${uid()}`, countryCode: "BY" });
  await loginAs("STAFF");
  await page.goto("/workspace");
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller));
  // "Keep for offline use" keeps the programme's forms, the document form among them.
  await page.goto(`/programmes/${programme.code}`);
  await page.getByRole("button", { name: "Keep for offline use" }).click();
  await expect(page.getByText(/^Kept for offline use: \d+ pages\./)).toBeVisible();
  const form = `/documents/new?programme=${programme.id}`;
  await keptOnDevice(page, form);

  await offline(context, page, true);
  await page.goto(form);
  const photo = pngBytes();
  const title = `Ward visit photo ${uid()}`;
  await page.getByLabel(/^File/).setInputFiles({ name: "ward-3.png", mimeType: "image/png", buffer: photo });
  await page.getByRole("textbox", { name: /^Title( \*)?$/ }).fill(title);
  await page.getByRole("combobox", { name: "Activity" }).selectOption({ value: activity.id });
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.getByText(SAVED)).toBeVisible();
  expect(await prisma.document.count({ where: { title } })).toBe(0);

  await offline(context, page, false);
  await expect(page.getByText(/was sent\.$/)).toBeVisible();
  const stored = await prisma.document.findMany({ where: { title } });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ programmeId: programme.id, activityId: activity.id, originalName: "ward-3.png", sha256: createHash("sha256").update(photo).digest("hex") });
});
