import type { Page } from "@playwright/test";
import { expect, prisma, test } from "./support/fixtures";
import { uid } from "../factories";

// Issue 5 item 10: a double-submitted form creates one record. Every form
// carries a random `_submission` key; the server claims it before writing and
// sends a repeat of the same post to where the first one went.

async function submissionKey(page: Page): Promise<string> {
  const key = await page.locator('input[type="hidden"][name="_submission"]').first().inputValue();
  expect(key).toMatch(/^[0-9a-f]{32}$/);
  return key;
}

const countByShortName = (shortName: string) => prisma.organisation.count({ where: { shortName } });

test.describe("double-submitted forms", () => {
  test("the same post sent twice, at once or one after the other, creates one record", async ({ page, loginAs, baseURL }) => {
    await loginAs("STAFF");
    await page.goto("/organisations/new");
    const key = await submissionKey(page);
    const shortName = `DUP-${uid()}`.toUpperCase();
    const form = { shortName, fullName: "Double submit ministry", iatiTypeCode: "10", countryCode: "", iatiRef: "", description: "", _submission: key };
    const post = () =>
      page.request.post("/organisations/new", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });

    // Concurrently: both answers send the user to the one record.
    const [first, second] = await Promise.all([post(), post()]);
    expect([first.status(), second.status()]).toEqual([302, 302]);
    const location = first.headers()["location"];
    expect(location).toMatch(/^\/organisations\/[^/?]+$/);
    expect(second.headers()["location"]).toBe(location);
    expect(await countByShortName(shortName)).toBe(1);

    // Later, the same key again (a retried request, the back button): no new record.
    const again = await post();
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toBe(location);
    expect(await countByShortName(shortName)).toBe(1);

    // The key is bound to its user: another user replaying it learns nothing and writes nothing.
    const other = await loginAs("STAFF");
    const replay = await page.request.post("/organisations/new", {
      form,
      headers: { Origin: baseURL!, Cookie: other.cookie },
      maxRedirects: 0,
    });
    expect(replay.status()).toBe(409);
    expect(replay.headers()["location"]).toBeUndefined();
    expect(await countByShortName(shortName)).toBe(1);
  });

  test("a post sent by the browser's JavaScript (a Remix data request) and repeated creates one record", async ({ page, loginAs, baseURL }) => {
    await loginAs("STAFF");
    await page.goto("/organisations/new");
    const key = await submissionKey(page);
    const shortName = `JS-${uid()}`.toUpperCase();
    const form = { shortName, fullName: "Data request ministry", iatiTypeCode: "10", countryCode: "", iatiRef: "", description: "", _submission: key };
    const first = await page.request.post("/organisations/new?_data=routes%2Forganisations.new", {
      form,
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(first.status()).toBe(204);
    const location = first.headers()["x-remix-redirect"];
    expect(location).toMatch(/^\/organisations\/[^/?]+$/);
    // The same form again, this time without JavaScript: sent to the same record.
    const again = await page.request.post("/organisations/new", { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toBe(location);
    expect(await countByShortName(shortName)).toBe(1);
  });

  test("a refused first attempt frees the key: the corrected form saves", async ({ page, loginAs, baseURL }) => {
    await loginAs("STAFF");
    await page.goto("/organisations/new");
    const key = await submissionKey(page);
    const shortName = `FIX-${uid()}`.toUpperCase();
    const existing = await prisma.organisation.create({ data: { shortName: `TAKEN-${uid()}`.toUpperCase(), fullName: "Taken", iatiTypeCode: "10" } });
    const base = { fullName: "Corrected ministry", iatiTypeCode: "10", countryCode: "", iatiRef: "", description: "", _submission: key };
    // Refused by the database check (a short name already in use): 400/409, nothing stored.
    const refused = await page.request.post("/organisations/new", {
      form: { ...base, shortName: existing.shortName },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect([400, 409]).toContain(refused.status());
    // The same key, corrected: saved once.
    const saved = await page.request.post("/organisations/new", { form: { ...base, shortName }, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(saved.status()).toBe(302);
    expect(await countByShortName(shortName)).toBe(1);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a double click on Save gives one record (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, loginAs, baseURL }) => {
      const user = await loginAs("STAFF");
      const context = await browser.newContext({ javaScriptEnabled, baseURL });
      const [name, value] = user.cookie.split("=");
      await context.addCookies([{ name, value, url: baseURL! }]);
      const page = await context.newPage();
      try {
        await page.goto("/organisations/new");
        const shortName = `DBL-${uid()}`.toUpperCase();
        await page.getByLabel("Short name").fill(shortName);
        await page.getByLabel("Full name").fill("Ministry clicked twice");
        await page.getByLabel("Organisation type (IATI)").selectOption("10");
        const posts: string[] = [];
        page.on("request", (r) => {
          if (r.method() === "POST") posts.push(r.url());
        });
        if (!javaScriptEnabled) {
          // A fast server can answer the first post before the second click,
          // and the browser then sends one post only (seen on a quiet CI
          // machine). The first post is held until the second is on its way,
          // then both go to the server (even if the browser has given up on
          // the first), as they do from a user on a slow connection.
          let secondPosted!: () => void;
          const second = new Promise<void>((resolve) => (secondPosted = resolve));
          let seen = 0;
          await page.route(/\/organisations\/new$/, async (route) => {
            if (route.request().method() !== "POST") return route.continue();
            seen += 1;
            if (seen === 1) await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 10_000))]);
            else secondPosted();
            const response = await route.fetch({ maxRedirects: 0 });
            await route.fulfill({ response }).catch(() => undefined);
          });
        }
        // Two clicks as fast as a user's double click.
        await page.getByRole("button", { name: /create|save/i }).dblclick({ delay: 30 });
        // (Without JavaScript the second click cancels the first navigation; wait for where the page ends up.)
        await expect(page).toHaveURL(/\/organisations\/[^/?]+$/, { timeout: 20_000 });
        await expect(page.getByRole("status")).toHaveText("Saved. The record has been created.");
        expect(await countByShortName(shortName)).toBe(1);
        // Without JavaScript nothing stops the browser: both clicks reach the server.
        if (!javaScriptEnabled) expect(posts.length).toBeGreaterThanOrEqual(2);
      } finally {
        await context.close();
      }
    });
  }

  test("after a save the form has a new key, so the next record is saved too", async ({ page, loginAs }) => {
    await loginAs("STAFF");
    await page.goto("/organisations/new");
    const firstKey = await submissionKey(page);
    await page.reload();
    const secondKey = await submissionKey(page);
    expect(secondKey).not.toBe(firstKey);
    // Hydration keeps the key the server rendered (no mismatch, no change after load).
    await page.waitForLoadState("networkidle");
    expect(await submissionKey(page)).toBe(secondKey);
  });
});
