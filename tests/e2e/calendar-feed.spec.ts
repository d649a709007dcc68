import ICAL from "ical.js";
import { createProgramme } from "../factories";
import { createActivity } from "../factories/activity";
import { daysFromToday } from "../factories/deliverable";
import { expect, prisma, test } from "./support/fixtures";

// Issue 18, point 7: private calendar feeds, as a person uses them: make the
// address on /account/calendar, copy it, let a calendar program fetch it
// (here the page's request context, without the session's say: the token is
// the credential), make a new one, revoke it. The feed is parsed with ical.js.

function summaries(text: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => String(v.getFirstPropertyValue("summary")));
}

test("a partner makes a calendar address, a calendar reads it, a new address replaces it, and revoking stops it", async ({ page, context, loginAs }) => {
  const stamp = Date.now();
  const by = await createProgramme(prisma, { countries: ["BY"] });
  const kz = await createProgramme(prisma, { countries: ["KZ"] });
  await createActivity(prisma, { programmeId: by.id, title: `Workshop in Minsk ${stamp}`, plannedStart: daysFromToday(14) });
  await createActivity(prisma, { programmeId: kz.id, title: `Workshop in Astana ${stamp}`, plannedStart: daysFromToday(14) });
  await loginAs("PARTNER", { countries: ["BY"] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/account");
  await page.getByRole("link", { name: "Calendar feeds" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar feeds" })).toBeVisible();
  await expect(page.getByText("You have no calendar feed yet.")).toBeVisible();
  await page.waitForLoadState("networkidle"); // hydrated: the copy button runs in the browser
  await page.getByRole("button", { name: "Create my calendar address" }).click();
  await expect(page.getByRole("heading", { name: "Your new calendar address" })).toBeVisible();
  await expect(page.getByText("Outlook: Calendar")).toBeVisible();
  const address = page.getByRole("textbox", { name: "Calendar address" });
  const url = await address.inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await page.getByRole("button", { name: "Copy address" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: test.info().outputPath("calendar-new-address.png"), fullPage: true });

  // A calendar program fetches it: no session needed, only the address.
  const feed = await page.request.get(url, { headers: { cookie: "" } });
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(feed.headers()["cache-control"]).toMatch(/^private/);
  const events = summaries(await feed.text());
  expect(events.some((s) => s.includes(`Workshop in Minsk ${stamp}`))).toBe(true);
  expect(events.some((s) => s.includes(`Workshop in Astana ${stamp}`))).toBe(false);

  // Shown once: a reload lists the feed, not its address; the fetch is recorded.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Calendar address" })).toHaveCount(0);
  const row = page.getByRole("row", { name: /Personal/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "Not yet" })).toHaveCount(0);

  // A new address: the old one stops at once.
  await page.getByRole("button", { name: "New address for Personal" }).click();
  await expect(page.getByRole("heading", { name: "Your new calendar address" })).toBeVisible();
  const renewed = await page.getByRole("textbox", { name: "Calendar address" }).inputValue();
  expect(renewed).not.toBe(url);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(renewed)).status()).toBe(200);

  // Revoked: nothing answers, and the page says so.
  await page.getByRole("button", { name: "Revoke Personal" }).click();
  await expect(page.getByRole("status")).toContainText("The calendar feed was revoked");
  await expect(page.getByText("You have no calendar feed yet.")).toBeVisible();
  const gone = await page.request.get(renewed);
  expect(gone.status()).toBe(404);
  expect(await gone.text()).toBe("Not found\n");
});

test("staff make a programme's feed from its page, and find it listed on their calendar page", async ({ page, loginAs }) => {
  const stamp = Date.now();
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `DRG reform ${stamp}` });
  const other = await createProgramme(prisma, { countries: ["BY"] });
  await createActivity(prisma, { programmeId: programme.id, title: `Grouper training ${stamp}`, plannedStart: daysFromToday(7) });
  await createActivity(prisma, { programmeId: other.id, title: `Unrelated seminar ${stamp}`, plannedStart: daysFromToday(7) });
  await loginAs("STAFF");

  await page.goto(`/programmes/${programme.code}`);
  await page.getByRole("link", { name: "Calendar feed of this programme" }).click();
  await expect(page.getByRole("heading", { name: `Calendar feed of programme ${programme.code}` })).toBeVisible();
  await page.getByRole("button", { name: "Create the programme's calendar address" }).click();
  await expect(page.getByRole("heading", { name: `New calendar address for ${programme.code}` })).toBeVisible();
  const url = await page.getByRole("textbox", { name: "Calendar address" }).inputValue();
  await expect(page.getByRole("row", { name: new RegExp(`${programme.code} DRG reform ${stamp}`) })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("calendar-programme-feed.png"), fullPage: true });

  const feed = await page.request.get(url, { headers: { cookie: "" } });
  expect(feed.status()).toBe(200);
  const text = await feed.text();
  expect(text).toContain(`X-WR-CALNAME:Concord calendar: ${programme.code}`);
  const events = summaries(text);
  expect(events.some((s) => s.includes(`Grouper training ${stamp}`))).toBe(true);
  expect(events.some((s) => s.includes(`Unrelated seminar ${stamp}`))).toBe(false);
});
