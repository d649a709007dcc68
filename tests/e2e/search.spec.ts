import { createProgramme } from "../factories";
import { createActivity } from "../factories/activity";
import { createDeliverable } from "../factories/deliverable";
import { pdfBytes } from "../factories/document";
import { expect, prisma, test } from "./support/fixtures";

// Issue 19, point 8: the search box in the header, as a person uses it:
// type, see the hits grouped by kind with counts, narrow to a kind, open a
// hit. A partner's search stays inside the partner's countries.

test("staff search from the header, narrow to a kind and open a hit", async ({ page, loginAs }) => {
  const stamp = Date.now();
  const by = await createProgramme(prisma, { countries: ["BY"], title: `Tariff reform ${stamp}` });
  const activity = await createActivity(prisma, { programmeId: by.id, title: `Tariff workshop ${stamp}` });
  await createDeliverable(prisma, { programmeId: by.id, title: `Tariff manual ${stamp}` });
  await prisma.activity.update({ where: { id: activity.id }, data: { translations: { ru: { title: `Семинар по тарифам ${stamp}` } } } });
  await loginAs("STAFF");
  await page.goto("/workspace");

  const box = page.getByRole("search", { name: "Search Concord" }).getByRole("searchbox", { name: "Search Concord" });
  await box.fill(`Tariff ${stamp}`);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Tariff/);
  await expect(page.getByRole("heading", { level: 1, name: `Results for “Tariff ${stamp}”` })).toBeVisible();
  const kinds = page.getByRole("navigation", { name: "Kinds of record" });
  await expect(kinds.getByRole("link", { name: "All kinds (3)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Programmes (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Activities (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Deliverables (1)" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("search-staff.png"), fullPage: true });

  await kinds.getByRole("link", { name: "Activities (1)" }).click();
  await expect(page).toHaveURL(/kind=activity/);
  await expect(page.getByRole("heading", { level: 2, name: "Programmes (1)" })).toHaveCount(0);
  await page.getByRole("link", { name: `Tariff workshop ${stamp}` }).click();
  await expect(page).toHaveURL(`/activities/${activity.id}`);

  // Cyrillic finds the Russian title (another word form: the russian stemmer).
  await page.goto(`/search?q=${encodeURIComponent(`семинар тарифы ${stamp}`)}`);
  await expect(page.getByRole("link", { name: `Tariff workshop ${stamp}` })).toBeVisible();
});

test("a partner's search finds its countries' records only, and opens them in the portal", async ({ page, loginAs }) => {
  const stamp = Date.now();
  const by = await createProgramme(prisma, { countries: ["BY"] });
  const kz = await createProgramme(prisma, { countries: ["KZ"] });
  const own = await createDeliverable(prisma, { programmeId: by.id, title: `Pricing study ${stamp} Minsk` });
  await createDeliverable(prisma, { programmeId: kz.id, title: `Pricing study ${stamp} Astana` });
  await loginAs("PARTNER", { countries: ["BY"] });
  await page.goto("/portal");
  const box = page.getByRole("search", { name: "Search Concord" }).getByRole("searchbox", { name: "Search Concord" });
  await box.fill(`Pricing study ${stamp}`);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Deliverables (1)" })).toBeVisible();
  await expect(page.getByText(`Pricing study ${stamp} Astana`)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("search-partner.png"), fullPage: true });
  await page.getByRole("link", { name: `Pricing study ${stamp} Minsk` }).click();
  await expect(page).toHaveURL(`/portal/deliverables/${own.id}`);
});

test("a PDF uploaded by staff is found by a word on its page once its text is read", async ({ page, loginAs }) => {
  const word = `costing${Date.now().toString(36)}`;
  const programme = await createProgramme(prisma, { countries: ["BY"] });
  await loginAs("STAFF");
  await page.goto(`/documents/new?programme=${programme.code}`);
  await page.getByLabel(/^File/).setInputFiles({ name: "review.pdf", mimeType: "application/pdf", buffer: pdfBytes(`Review ${word}`) });
  const title = `Evaluation ${Date.now()}`;
  await page.getByRole("textbox", { name: /^Title/ }).fill(title);
  await page.getByRole("button", { name: "Upload document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // The text is read by a background job: search until it has run.
  await expect(async () => {
    await page.goto(`/search?q=${word}`);
    await expect(page.getByRole("link", { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});

test("a Russian title typed in Latin letters, or with a typo, is found (trigram matching)", async ({ page, loginAs }) => {
  const stamp = Date.now();
  const by = await createProgramme(prisma, { countries: ["BY"] });
  const activity = await createActivity(prisma, { programmeId: by.id, title: `Physician training ${stamp}` });
  await prisma.activity.update({ where: { id: activity.id }, data: { translations: { ru: { title: `Обучение врачей по клинико-затратным группам ${stamp}` } } } });
  await loginAs("STAFF");
  await page.goto("/workspace");
  const box = page.getByRole("search", { name: "Search Concord" }).getByRole("searchbox", { name: "Search Concord" });
  await box.fill(`obuchenie vrachei ${stamp}`);
  await box.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Activities (1)" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Physician training ${stamp}` })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("search-transliterated.png"), fullPage: true });
  // Typos in the English title find it too.
  await page.goto(`/search?q=${encodeURIComponent(`Physican trainig ${stamp}`)}`);
  await page.getByRole("link", { name: `Physician training ${stamp}` }).click();
  await expect(page).toHaveURL(`/activities/${activity.id}`);
});

test("a word in more records than the count cap shows the cap with a plus, and its hits still open", async ({ page, loginAs }) => {
  const stamp = `Broadword${Date.now()}`;
  const p = await createProgramme(prisma, { countries: ["BY"] });
  // SEARCH_COUNT_CAP (2000) + 5 activities sharing one word (ADR 0040, third and fifth parts: ranked and counted up to the cap).
  await prisma.activity.createMany({
    data: Array.from({ length: 2005 }, (_, i) => ({ programmeId: p.id, title: `${stamp} session ${i}`, kind: "WORKSHOP" as const, status: "PLANNED" as const })),
  });
  await loginAs("STAFF");
  await page.goto(`/search?q=${stamp}`);
  const kinds = page.getByRole("navigation", { name: "Kinds of record" });
  // The overview counts each kind up to SEARCH_OVERVIEW_CAP (200); the kind's own page up to 2000.
  await expect(kinds.getByRole("link", { name: "Activities (200+)" })).toBeVisible();
  await expect(kinds.getByRole("link", { name: "All kinds (200+)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Activities (200+)" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("search-capped.png"), fullPage: true });
  await kinds.getByRole("link", { name: "Activities (200+)" }).click();
  await expect(page).toHaveURL(/kind=activity/);
  await expect(kinds.getByRole("link", { name: "Activities (2000+)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 2, name: "Activities (2000+)" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^${stamp} session`) })).toHaveCount(20);
  // Pages end at the cap: the matches past it are neither ranked nor counted.
  await expect(page.getByText("Showing 1–20 of 2000")).toBeVisible();
});
