import type { Role } from "@prisma/client";
import { startSession } from "../../app/auth/session.server";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity } from "../factories/activity";
import { createDeliverable, createOutcome, daysFromToday } from "../factories/deliverable";
import { createDocumentRecord } from "../factories/document";
import { createIndicator } from "../factories/results";
import { expect, prisma, signInWithForm, test } from "./support/fixtures";

// The partner progress portal: who may open what (a table of routes x roles),
// and the journey of a Belarusian partner acknowledging and commenting on an
// outcome that staff then see.

const SHOTS = "/tmp/shots-helper-portal";

/** A programme of one country with a workshop, an outcome, a deliverable, an indicator and a shared document. */
async function programmeOf(country: "BY" | "KZ", title: string) {
  const funder = await createOrganisation(prisma, { shortName: `KWPF-${uid()}` });
  const programme = await createProgramme(prisma, { countries: [country], funders: [funder.id], title });
  const workshop = await createActivity(prisma, {
    programmeId: programme.id,
    kind: "WORKSHOP",
    status: "COMPLETED",
    title: country === "BY" ? `Семинар по внедрению клинико-затратных групп в Республике Беларусь ${uid()}` : `Workshop ${uid()}`,
    countryCode: country,
    city: country === "BY" ? "Минск" : "Астана",
    plannedStart: new Date("2024-10-01"),
    actualStart: new Date("2024-10-02"),
    participants: { total: 48, female: 30, male: 16 },
  });
  await createActivity(prisma, {
    programmeId: programme.id,
    kind: "TRAINING_COURSE",
    status: "COMPLETED",
    title: `Учебный курс для экспертов Министерства здравоохранения ${uid()}`,
    city: "Сеул",
    plannedStart: new Date("2025-04-14"),
    actualStart: new Date("2025-04-14"),
    participants: { total: 12, female: 7, male: 5 },
  });
  await createActivity(prisma, {
    programmeId: programme.id,
    kind: "STUDY_VISIT",
    status: "PLANNED",
    title: `Учебный визит в HIRA ${uid()}`,
    plannedStart: daysFromToday(90),
  });
  const deliverable = await createDeliverable(prisma, {
    programmeId: programme.id,
    title: `Дорожная карта внедрения DRG на 2025–2027 годы ${uid()}`,
    status: "IN_PROGRESS",
    dueDate: daysFromToday(45),
  });
  await createDeliverable(prisma, { programmeId: programme.id, title: `Отчёт о пилотном проекте ${uid()}`, status: "NOT_STARTED", dueDate: daysFromToday(-10) });
  await createDeliverable(prisma, { programmeId: programme.id, title: `Методическое пособие ${uid()}`, status: "ACCEPTED", dueDate: daysFromToday(-100) });
  const outcome = await createOutcome(prisma, {
    activityId: workshop.id,
    text: `Стороны договорились подготовить дорожную карту внедрения системы DRG в пилотных больницах ${uid()}`,
    followUpStatus: "IN_PROGRESS",
    deliverableId: deliverable.id,
  });
  await createIndicator(prisma, {
    programmeId: programme.id,
    title: `Больницы, оплачиваемые по DRG ${uid()}`,
    unitLabel: "hospitals",
    baselineValue: 2,
    baselineYear: 2023,
    periods: [
      { start: "2024-01-01", end: "2024-12-31", target: 6, actual: 5 },
      { start: "2025-01-01", end: "2025-12-31", target: 12, actual: null },
    ],
  });
  const document = await createDocumentRecord(prisma, {
    programmeId: programme.id,
    shareable: true,
    title: "Протокол семинара",
    originalName: "Протокол.pdf",
    outcomeId: outcome.id,
  });
  return { programme, outcome, deliverable, document, funder };
}

async function cookieFor(role: Role, opts: { countries?: string[]; organisationIds?: string[] } = {}) {
  const { user } = await createUser(prisma, { role, ...opts });
  const setCookie = await startSession(user.id, { ip: "127.0.0.1", userAgent: "playwright" });
  return setCookie.split(";")[0];
}

test.describe("partner portal", () => {
  test("who may open each portal page and download (table-driven)", async ({ playwright, baseURL }) => {
    const by = await programmeOf("BY", `Программа ${uid()}`);
    const cookies = {
      "partner BY": await cookieFor("PARTNER", { countries: ["BY"] }),
      "partner KZ": await cookieFor("PARTNER", { countries: ["KZ"] }),
      donor: await cookieFor("DONOR", { organisationIds: [(await createOrganisation(prisma)).id] }),
      anonymous: null,
    };
    // 200 for the partner of the programme's country, 404 for another country's partner,
    // 403 for a donor on partner pages (the download is scoped: not funded by them, so 404),
    // and sign-in for anonymous visitors.
    const routes: { path: string; expected: Record<keyof typeof cookies, number> }[] = [
      { path: "/portal", expected: { "partner BY": 200, "partner KZ": 200, donor: 403, anonymous: 302 } },
      { path: `/portal/programmes/${by.programme.code}`, expected: { "partner BY": 200, "partner KZ": 404, donor: 403, anonymous: 302 } },
      { path: `/portal/outcomes/${by.outcome.id}`, expected: { "partner BY": 200, "partner KZ": 404, donor: 403, anonymous: 302 } },
      { path: `/portal/deliverables/${by.deliverable.id}`, expected: { "partner BY": 200, "partner KZ": 404, donor: 403, anonymous: 302 } },
      { path: `/documents/${by.document.id}/download`, expected: { "partner BY": 200, "partner KZ": 404, donor: 404, anonymous: 302 } },
    ];
    const api = await playwright.request.newContext({ baseURL });
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const route of routes) {
      for (const [who, cookie] of Object.entries(cookies) as [keyof typeof cookies, string | null][]) {
        const response = await api.get(route.path, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
        const location = response.headers().location ?? "";
        seen.push(`${who} ${route.path} ${response.status()}${response.status() === 302 ? ` ${location.split("?")[0]}` : ""}`);
        wanted.push(`${who} ${route.path} ${route.expected[who]}${route.expected[who] === 302 ? " /sign-in" : ""}`);
      }
    }
    expect(seen).toEqual(wanted);
    // Posting to a portal page of another country is just as unknown.
    const post = await api.post(`/portal/outcomes/${by.outcome.id}`, { headers: { cookie: cookies["partner KZ"] }, form: { intent: "acknowledge" }, maxRedirects: 0 });
    expect(post.status()).toBe(404);
    expect((await prisma.outcome.findUniqueOrThrow({ where: { id: by.outcome.id } })).acknowledgedAt).toBeNull();
    await api.dispose();
  });

  test("a Belarusian partner follows progress, acknowledges an outcome and comments; staff see both", async ({ page, browser, baseURL }) => {
    const by = await programmeOf("BY", `Внедрение клинико-затратных групп (DRG) в Республике Беларусь ${uid()}`);
    const kz = await programmeOf("KZ", `Программа сотрудничества с Казахстаном ${uid()}`);
    const { user, password } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    await prisma.user.update({ where: { id: user.id }, data: { name: "Ольга Петровна Ковалевская" } });

    await page.goto("/sign-in");
    await signInWithForm(page, user.email, password);
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByRole("heading", { level: 1, name: "Cooperation programmes with Belarus" })).toBeVisible();
    await expect(page.getByRole("link", { name: kz.programme.title })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/portal-desktop.png`, fullPage: true });

    await page.getByRole("link", { name: by.programme.title, exact: true }).click();
    await expect(page).toHaveURL(`/portal/programmes/${by.programme.code}`);
    await expect(page.getByRole("heading", { level: 1, name: by.programme.title })).toBeVisible();
    const activities = page.locator("section").filter({ has: page.getByRole("heading", { name: "Activities (3)" }) });
    await expect(activities.getByText(/^Семинар по внедрению клинико-затратных групп/)).toBeVisible();
    await expect(activities).toContainText("Workshop · 2 Oct 2024 · Минск, Belarus · 48 participants (30 women, 16 men)");
    await expect(page.getByRole("table", { name: "Participants trained by sex and year" }).getByRole("row", { name: /2024/ })).toContainText("30");
    await expect(page.getByRole("img", { name: /Participants by year and sex\. 2024: 48 participants \(30 women, 16 men, 2 not recorded\)/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /Baseline 2 hospitals \(2023\)/ })).toBeVisible();
    await expect(page.getByText("Overdue", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Протокол семинара" })).toHaveAttribute("href", `/documents/${by.document.id}/download`);
    await page.screenshot({ path: `${SHOTS}/progress-desktop.png`, fullPage: true });

    await page.getByRole("link", { name: by.outcome.text }).click();
    await expect(page.getByRole("heading", { level: 1, name: by.outcome.text })).toBeVisible();
    await page.getByRole("button", { name: "Acknowledge this outcome" }).click();
    await expect(page.getByRole("status")).toHaveText("Thank you. Your acknowledgement has been recorded.");
    await expect(page.getByText(/Acknowledged by Ольга Петровна Ковалевская on/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Acknowledge this outcome" })).toHaveCount(0);

    // An empty comment is refused next to the field (checked in the browser and again by the server).
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("textbox", { name: /Your comment/ })).toHaveAccessibleDescription(/Enter your comment\./);
    const comment = `Министерство здравоохранения подтверждает сроки. ${uid()}`;
    await page.getByRole("textbox", { name: /Your comment/ }).fill(comment);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("status")).toHaveText("Your comment has been posted.");
    await expect(page.getByRole("listitem").filter({ hasText: comment })).toContainText("Ольга Петровна Ковалевская");
    await expect(page.getByRole("textbox", { name: /Your comment/ })).toHaveValue("");
    await page.screenshot({ path: `${SHOTS}/outcome-desktop.png`, fullPage: true });

    // No URL leads to Kazakhstan's records.
    for (const path of [
      `/portal/programmes/${kz.programme.code}`,
      `/portal/outcomes/${kz.outcome.id}`,
      `/portal/deliverables/${kz.deliverable.id}`,
      `/documents/${kz.document.id}/download`,
    ]) {
      expect((await page.request.get(path)).status(), path).toBe(404);
    }

    // Partners cannot edit: the staff edit action refuses and nothing changes.
    const before = await prisma.outcome.findUniqueOrThrow({ where: { id: by.outcome.id } });
    const edit = await page.request.post(`/outcomes/${by.outcome.id}/edit`, {
      form: { version: String(before.version), activityId: before.activityId, type: "DECISION", text: "Changed by a partner", followUpStatus: "DONE" },
      maxRedirects: 0,
    });
    expect(edit.status()).toBe(403);
    const after = await prisma.outcome.findUniqueOrThrow({ where: { id: by.outcome.id } });
    expect({ text: after.text, type: after.type, followUpStatus: after.followUpStatus, version: after.version }).toEqual({
      text: before.text, type: before.type, followUpStatus: before.followUpStatus, version: before.version,
    });

    // Staff see the acknowledgement and the comment on the outcome's page and in its history.
    const staffContext = await browser.newContext({ baseURL });
    const staffPage = await staffContext.newPage();
    const { user: staff } = await createUser(prisma, { role: "STAFF" });
    const [pair] = (await startSession(staff.id, { ip: "127.0.0.1", userAgent: "playwright" }, { mfaVerified: true })).split(";");
    const [name, value] = pair.split("=");
    await staffContext.addCookies([{ name, value, url: baseURL! }]);
    await staffPage.goto(`/outcomes/${by.outcome.id}`);
    const section = staffPage.getByRole("region", { name: "Partner acknowledgement and comments" }).or(
      staffPage.locator("section").filter({ has: staffPage.getByRole("heading", { name: "Partner acknowledgement and comments" }) }),
    );
    await expect(section).toContainText(`Acknowledged by Ольга Петровна Ковалевская (${user.email})`);
    await expect(section).toContainText(comment);
    const history = staffPage.locator("section").filter({ has: staffPage.getByRole("heading", { name: "History" }) });
    await expect(history).toContainText(`${user.email} acknowledged this record`);
    await expect(history).toContainText(`${user.email} commented on this record`);
    await staffContext.close();
  });

  test("the portal on a 390 px phone, and the comment form without JavaScript", async ({ browser, baseURL }) => {
    const by = await programmeOf("BY", `Повышение качества медицинской помощи в Республике Беларусь ${uid()}`);
    const cookie = await cookieFor("PARTNER", { countries: ["BY"] });
    const [name, value] = cookie.split("=");
    const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await context.addCookies([{ name, value, url: baseURL! }]);
    await page.goto("/portal");
    // Not the full page: every spec's Belarus programmes are on it, so its height grows with the suite.
    await page.screenshot({ path: `${SHOTS}/portal-phone.png` });
    await page.goto(`/portal/programmes/${by.programme.code}`);
    await expect(page.getByRole("heading", { level: 1, name: by.programme.title })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/progress-phone.png`, fullPage: true });

    await page.goto(`/portal/deliverables/${by.deliverable.id}`);
    await page.getByRole("textbox", { name: /Your comment/ }).fill("я".repeat(2001));
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("textbox", { name: /Your comment/ })).toHaveAccessibleDescription(/Keep your comment under 2,000 characters\./);
    await expect(page.getByRole("textbox", { name: /Your comment/ })).toHaveValue("я".repeat(2001));
    await page.screenshot({ path: `${SHOTS}/deliverable-error-phone.png`, fullPage: true });
    await page.getByRole("textbox", { name: /Your comment/ }).fill("Принято к сведению.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("status")).toHaveText("Your comment has been posted.");
    await page.getByRole("button", { name: "Acknowledge this deliverable" }).click();
    await expect(page.getByText(/^Acknowledged by/)).toBeVisible();
    expect(await prisma.comment.count({ where: { deliverableId: by.deliverable.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityType: "Deliverable", entityId: by.deliverable.id, action: { in: ["comment", "acknowledge"] } } })).toBe(2);
    await context.close();
  });
});
