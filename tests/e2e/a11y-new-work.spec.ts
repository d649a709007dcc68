import type { Page } from "@playwright/test";
import type { Locale } from "../../app/i18n/locales";
import { serverTranslator } from "../../app/i18n/catalogues.server";
import { message } from "../../app/i18n/translate";
import { createProgramme, createUser, uid } from "../factories";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { violations } from "./support/axe";
import { expect, prisma, test } from "./support/fixtures";

// Issue 21, point 2: axe (WCAG 2.2 A and AA) on the pages of issues 18-20 in
// the states a plain visit never shows (a11y.spec.ts scans every page as a
// GET): forms showing their errors, the report review screen on a submitted
// report, a returned report with its comments, an import's preview with
// refused and fine rows and its applied result, the inbox with read and
// unread entries, the offline outbox with entries in every state, search
// with hits and API tokens made. Every state for every role that reaches it,
// in English, Russian and Korean (longer words, other scripts). One page load
// per state; every test collects what axe finds and expects nothing.

test.describe.configure({ timeout: 420_000 });

type Role = "STAFF" | "ADMIN" | "PARTNER" | "DONOR";

/**
 * The languages a test's states are scanned in: English, and Russian or
 * Korean as the test names (each is the second language of half the tests),
 * so every new screen is scanned in English and in one of the two languages
 * whose longer words and other script wrap differently. Every page in all
 * three languages is console-clean.spec.ts's (text, console) and
 * screens-phone.spec.ts's (layout, at 390 and 1366 px); axe's rules see the
 * language only through such layout. Donors: English alone (the same
 * components as the others', with fewer rows). A full pass in every language:
 * CONCORD_A11Y_ALL_LANGUAGES=1.
 */
const ALL_LANGUAGES = process.env.CONCORD_A11Y_ALL_LANGUAGES === "1";
const languages = (second: "ru" | "ko"): Locale[] => (ALL_LANGUAGES ? ["en", "ru", "ko"] : ["en", second]);
const localesFor = (role: Role, second: "ru" | "ko"): Locale[] => (role === "DONOR" && !ALL_LANGUAGES ? ["en"] : languages(second));
const day = (s: string) => new Date(`${s}T00:00:00Z`);

/** Signs in as `role` reading in `locale` (the account's language, as a user sets it). */
async function reader(loginAs: Parameters<Parameters<typeof test>[2]>[0]["loginAs"], role: Role, opts: { countries?: readonly string[]; organisationIds?: readonly string[] } = {}) {
  const user = await loginAs(role, opts);
  const setLocale = (locale: Locale) => prisma.user.update({ where: { id: user.id }, data: { locale } });
  return { ...user, setLocale };
}

/** Waits for the page's scripts (client validation, the header's lazy parts) before a click or a scan. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await hydrated(page);
}

/** What axe finds on the page as it is now; a picture of it goes with the test's results, to look at. */
async function axeState(page: Page, label: string): Promise<string[]> {
  const found = await violations(page, label);
  const slug = label.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();
  await page.screenshot({ path: test.info().outputPath(`${slug}.png`) });
  return found;
}

/** A form's errors are on the screen: at least one field is marked invalid. */
async function showsErrors(page: Page) {
  await expect(page.locator('main [aria-invalid="true"]').first()).toBeVisible({ timeout: 30_000 });
}

/** A programme of the BY side with a requirement, an indicator and an activity in its first quarter of 2025, and reports in the states asked for. */
async function reportingFixture(tag: string) {
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Hospital payment reform, accessibility check ${tag}` });
  await createIndicator(prisma, {
    programmeId: programme.id,
    title: `Hospitals costing their services ${tag}`,
    unitLabel: "hospitals",
    periods: [{ start: "2025-01-01", end: "2025-03-31", target: 12 }],
  });
  await prisma.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: `Costing workshop ${tag}`, status: "COMPLETED", countryCode: "BY", plannedStart: day("2025-02-10"), actualStart: day("2025-02-10") },
  });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY", title: `Quarterly progress report ${tag}` });
  const report = (status: "NOT_STARTED" | "SUBMITTED" | "RETURNED" | "APPROVED", sequence: number) =>
    createProgressReportRecord(prisma, requirement, {
      status,
      sequence,
      periodStart: ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01"][sequence - 1],
      periodEnd: ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"][sequence - 1],
      dueDate: ["2025-04-30", "2025-07-30", "2025-10-30", "2026-01-30"][sequence - 1],
      narrative: status === "NOT_STARTED" ? null : undefined,
    });
  return { programme, requirement, report };
}

test("reporting as staff: the requirement form with its errors, a submitted report under review, returning it without a comment, reopening without a reason", async ({ page, loginAs }) => {
  const tag = uid();
  const f = await reportingFixture(tag);
  const submitted = await f.report("SUBMITTED", 1);
  const approved = await f.report("APPROVED", 2);
  const staff = await reader(loginAs, "STAFF");
  const found: string[] = [];
  for (const locale of languages("ru")) {
    await staff.setLocale(locale);
    const t = serverTranslator(locale);
    const scan = async (label: string) => found.push(...(await axeState(page, `[${locale}] ${label}`)));

    await open(page, `/programmes/${f.programme.code}/reporting/new`);
    await page.getByRole("textbox", { name: new RegExp(`^${t("reporting.form.title")}`) }).first().fill("");
    await page.getByRole("button", { name: t("reporting.new.submit") }).click();
    await showsErrors(page);
    await scan("reporting requirement form (errors)");

    if (locale === "en") {
      // The same form as a new requirement's (scanned in every language), with the edit page's parts.
      await open(page, `/reporting-requirements/${f.requirement.id}/edit`);
      await page.getByRole("textbox", { name: new RegExp(`^${t("reporting.form.title")}`) }).first().fill("");
      await page.getByRole("button", { name: t("reporting.edit.submit") }).click();
      await showsErrors(page);
      await scan("reporting requirement edit form (errors)");
    }

    await open(page, `/progress-reports/${submitted.id}`);
    await expect(page.getByRole("button", { name: t("progressReport.action.approve") })).toBeVisible();
    await scan("submitted report under review (return and approve)");
    await page.getByRole("button", { name: t("progressReport.action.return") }).click();
    await showsErrors(page);
    await scan("returning a report without a comment (errors)");

    await open(page, `/progress-reports/${approved.id}`);
    await page.getByRole("button", { name: t("progressReport.action.reopen") }).click();
    await showsErrors(page);
    await scan("reopening an approved report without a reason (errors)");
  }
  expect(found).toEqual([]);
});

test("reporting as a partner: a report with an invalid figure, submitted incomplete, evidence without a file, and a returned report with its comments", async ({ page, loginAs }) => {
  const tag = uid();
  const f = await reportingFixture(tag);
  const due = await f.report("NOT_STARTED", 1);
  const returned = await f.report("RETURNED", 2);
  const approved = await f.report("APPROVED", 3);
  const { user: reviewer } = await createUser(prisma, { role: "STAFF" });
  await prisma.progressReportComment.createMany({
    data: [
      { reportId: returned.id, section: "GENERAL", round: 1, body: `Please complete the figures for every hospital before the ministry's deadline ${tag}.`, authorId: reviewer.id },
      { reportId: returned.id, section: "NARRATIVE", round: 1, body: "Name the hospitals that costed their services and say which method each used.", authorId: reviewer.id },
      { reportId: returned.id, section: "INDICATORS", round: 1, body: "The actual value is above the target: please check it.", authorId: reviewer.id },
    ],
  });
  const partner = await reader(loginAs, "PARTNER", { countries: ["BY"] });
  const found: string[] = [];
  for (const locale of languages("ru")) {
    await partner.setLocale(locale);
    const t = serverTranslator(locale);
    const scan = async (label: string) => found.push(...(await axeState(page, `[${locale}] ${label}`)));

    await open(page, `/portal/reports/${due.id}`);
    await page.locator('input[name="participants.0.total"]').fill("3");
    await page.locator('input[name="participants.0.female"]').fill("5");
    await page.locator('input[name="indicators.0.actualValue"]').fill("twelve");
    await page.locator('button[name="intent"][value="save"]').click();
    await showsErrors(page);
    await scan("progress report with invalid figures (errors)");

    await open(page, `/portal/reports/${due.id}`);
    await page.locator('input[name="participants.0.total"]').fill("");
    await page.locator('input[name="participants.0.female"]').fill("");
    await page.locator('input[name="indicators.0.actualValue"]').fill("");
    await page.locator('button[name="intent"][value="submit"]').click();
    await showsErrors(page);
    await scan("progress report submitted incomplete (errors)");

    await open(page, `/portal/reports/${due.id}`);
    await page.getByRole("button", { name: t("progressReport.action.upload") }).click();
    await showsErrors(page);
    await scan("evidence uploaded without a file (errors)");

    await open(page, `/portal/reports/${returned.id}`);
    await expect(page.getByText("Name the hospitals that costed their services")).toBeVisible();
    await scan("returned report with the reviewer's comments");

    if (locale === "en") {
      await open(page, `/portal/reports/${approved.id}`);
      await scan("approved report (read only)");
    }
  }
  expect(found).toEqual([]);
});

test("spreadsheet import as staff: a file that is no spreadsheet, a preview with refused and fine rows, and the applied result", async ({ page, loginAs }) => {
  const tag = `A11y${uid()}`;
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  const activity = await prisma.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: `${tag} DRG workshop`, status: "PLANNED", plannedStart: day("2026-04-13") },
  });
  const staff = await reader(loginAs, "STAFF");
  const found: string[] = [];
  const cities = { en: "Astana", ru: "Karaganda", ko: "Almaty" } as const;
  for (const locale of languages("ko")) {
    await staff.setLocale(locale);
    const t = serverTranslator(locale);
    const scan = async (label: string) => found.push(...(await axeState(page, `[${locale}] ${label}`)));
    const upload = async (name: string, body: string, mimeType = "text/csv") => {
      await open(page, "/imports?kind=activities");
      await page.getByLabel(t("imports.form.file")).setInputFiles({ name, mimeType, buffer: Buffer.from(body) });
      await page.getByRole("button", { name: t("imports.form.submit") }).click();
    };

    await upload(`${tag}-notes.txt`, "These are meeting notes, not a spreadsheet.", "text/plain");
    await expect(page.getByText(t("imports.form.notSpreadsheet"), { exact: true })).toBeVisible({ timeout: 30_000 });
    await scan("upload of a file that is no spreadsheet (error)");

    const mixed = [
      "Programme (code),Title,Kind,Planned start,Colour",
      `${programme.code},${tag} costing seminar ${locale},WORKSHOP,2026-05-10,blue`,
      `NOPE-${tag},${tag} unknown programme ${locale},WORKSHOP,2026-05-10,red`,
      `${programme.code},${tag} bad dates ${locale},WORKSHOP,2026-13-45,green`,
    ].join("\r\n");
    await upload(`${tag}-mixed-${locale}.csv`, mixed);
    await expect(page.getByRole("heading", { level: 1, name: t("imports.preview.title", { file: `${tag}-mixed-${locale}.csv` }) })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(t("imports.preview.refusedBlock"))).toBeVisible();
    await scan("import preview with refused and new rows");

    await upload(`${tag}-clean-${locale}.csv`, `ID,City\r\n${activity.id},${cities[locale]}\r\n`);
    await expect(page.getByRole("heading", { level: 1, name: t("imports.preview.title", { file: `${tag}-clean-${locale}.csv` }) })).toBeVisible({ timeout: 30_000 });
    await scan("import preview ready to apply");
    await page.locator('form:has(input[name="intent"][value="apply"]) button[type="submit"]').click();
    await expect(page.getByRole("status").filter({ hasText: t("imports.preview.applied", { count: 1 }) })).toBeVisible({ timeout: 30_000 });
    await scan("applied import");

    if (locale === "ko") {
      await open(page, "/imports");
      await scan("imports with recent uploads");
    }
  }
  expect(found).toEqual([]);
});

test("API tokens for every role: the form with its errors, a token just made, and the administrators' list", async ({ page, loginAs }) => {
  const found: string[] = [];
  const roles = [
    ["STAFF", {}],
    ["PARTNER", { countries: ["BY"] }],
    ["DONOR", {}],
    ["ADMIN", {}],
  ] as const;
  for (const [role, opts] of roles) {
    const user = await reader(loginAs, role, opts);
    for (const locale of localesFor(role, "ko")) {
      await user.setLocale(locale);
      const t = serverTranslator(locale);
      const scan = async (label: string) => found.push(...(await axeState(page, `[${locale}] ${role} ${label}`)));
      if (role === "ADMIN") {
        // Their /account/tokens is everyone's (scanned for the other roles); their list of every user's tokens is theirs alone.
        await open(page, "/admin/tokens");
        await expect(page.locator("main tbody tr").first()).toBeVisible();
        await scan("/admin/tokens (every user's tokens)");
        continue;
      }
      await open(page, "/account/tokens");
      await page.getByRole("button", { name: t("api.tokens.create.button") }).click();
      await showsErrors(page);
      await scan("/account/tokens (errors)");
      await page.getByRole("textbox", { name: new RegExp(`^${t("api.tokens.field.name")}`) }).fill(`Monthly report script for the ministry ${uid()}`);
      await page.getByRole("button", { name: t("api.tokens.create.button") }).click();
      await expect(page.getByRole("textbox", { name: t("api.tokens.new.label") })).toBeVisible({ timeout: 30_000 });
      await scan("/account/tokens (a new token, the list)");
    }
  }
  expect(found).toEqual([]);
});

test("settings forms with their errors: the IATI publisher (administrators) and notifications (every role)", async ({ page, loginAs }) => {
  const found: string[] = [];
  const admin = await reader(loginAs, "ADMIN");
  for (const locale of languages("ru")) {
    await admin.setLocale(locale);
    const t = serverTranslator(locale);
    await open(page, "/admin/publisher");
    await page.getByRole("textbox", { name: new RegExp(`^${t("iatiPublisher.field.orgRef")}`) }).fill("");
    await page.getByRole("textbox", { name: new RegExp(`^${t("iatiPublisher.field.publicBaseUrl")}`) }).fill("not a web address");
    await page.getByRole("button", { name: t("iatiPublisher.submit") }).click();
    await showsErrors(page);
    found.push(...(await axeState(page, `[${locale}] /admin/publisher (errors)`)));
  }

  const roles = [
    ["STAFF", {}],
    ["PARTNER", { countries: ["BY"] }],
    ["DONOR", {}],
  ] as const;
  for (const [role, opts] of roles) {
    const user = await reader(loginAs, role, opts);
    for (const locale of localesFor(role, "ko")) {
      await user.setLocale(locale);
      const t = serverTranslator(locale);
      await open(page, "/account/notifications");
      // A value the form does not offer (a tampered page): refused at the field.
      await page.locator('main select[name^="channels."]').first().evaluate((select: HTMLSelectElement) => {
        const option = document.createElement("option");
        option.value = "LOUD";
        option.textContent = "LOUD";
        select.append(option);
        select.value = "LOUD";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await page.getByRole("button", { name: t("notifications.prefs.submit") }).click();
      await showsErrors(page);
      found.push(...(await axeState(page, `[${locale}] ${role} /account/notifications (errors)`)));
    }
  }
  expect(found).toEqual([]);
});

test("the inbox with read and unread notifications, for staff, a partner and a donor", async ({ page, loginAs }) => {
  const tag = uid();
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Inbox programme ${tag}` });
  const found: string[] = [];
  const params = { title: `Quarterly progress report on hospital payment reform ${tag}`, programme: programme.code, periodStart: "2025-01-01", periodEnd: "2025-03-31", date: "2026-11-02", actor: "Ministry of Health of the Republic of Belarus", email: `officer-${tag}@ministry.example` };
  const kinds = {
    STAFF: ["REPORT_SUBMITTED", "DELIVERABLE_OVERDUE", "AGREEMENT_EXPIRING", "PARTNER_COMMENTED", "INVITATION_ACCEPTED"],
    PARTNER: ["REPORT_RETURNED", "REPORT_DUE_SOON", "REPORT_APPROVED", "REPORT_OVERDUE"],
    DONOR: ["REPORT_APPROVED", "REPORT_APPROVED"],
  } as const;
  const roles = [
    ["STAFF", {}],
    ["PARTNER", { countries: ["BY"] }],
    ["DONOR", {}],
  ] as const;
  for (const [role, opts] of roles) {
    const user = await reader(loginAs, role, opts);
    await prisma.notification.createMany({
      data: kinds[role].map((kind, i) => ({
        userId: user.id,
        kind,
        key: `a11y:${uid()}`,
        entityType: "ProgressReport",
        entityId: uid(),
        params,
        path: "/inbox",
        createdAt: new Date(Date.now() - (i + 1) * 3_600_000),
        // The newer half unread, the older read.
        readAt: i >= Math.ceil(kinds[role].length / 2) ? new Date() : null,
      })),
    });
    for (const locale of localesFor(role, "ko")) {
      await user.setLocale(locale);
      await open(page, "/inbox");
      await expect(page.locator("main li").first()).toBeVisible();
      found.push(...(await axeState(page, `[${locale}] ${role} /inbox (read and unread)`)));
    }
  }
  expect(found).toEqual([]);
});

test("search with hits, for staff, a partner and a donor", async ({ page, loginAs }) => {
  const tag = uid();
  const fund = await prisma.organisation.create({ data: { shortName: `FUND-${tag}`, fullName: `Development fund ${tag}`, iatiTypeCode: "10" } });
  const programme = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: `Hospital payment reform searched ${tag}` });
  await prisma.activity.create({ data: { programmeId: programme.id, kind: "WORKSHOP", title: `Hospital costing workshop ${tag}`, status: "PLANNED", countryCode: "BY", plannedStart: day("2026-04-13") } });
  const found: string[] = [];
  const roles = [
    ["STAFF", {}],
    ["PARTNER", { countries: ["BY"] }],
    ["DONOR", { organisationIds: [fund.id] }],
  ] as const;
  for (const [role, opts] of roles) {
    const user = await reader(loginAs, role, opts);
    for (const locale of localesFor(role, "ru")) {
      await user.setLocale(locale);
      await open(page, `/search?q=${encodeURIComponent(`Hospital ${tag}`)}`);
      await expect(page.locator("main").getByText(programme.title).first()).toBeVisible();
      found.push(...(await axeState(page, `[${locale}] ${role} /search (hits)`)));
    }
  }
  expect(found).toEqual([]);
});

// The outbox lives in the browser (IndexedDB): entries are put into the
// account's store as the outbox code writes them (app/offline/outbox.client.ts),
// one in every state an entry can be in, then the page is told the store changed.
const SAVED_ID = "a11y-saved-entry";

function outboxEntries(tag: string) {
  const now = new Date().toISOString();
  const base = (id: string, seq: number, title: string, action: string, routeId: string) => ({
    id,
    seq,
    createdAt: now,
    updatedAt: now,
    title,
    formUrl: action,
    action,
    routeId,
    encType: "application/x-www-form-urlencoded",
    submissionKey: `${id}-key`,
    errors: null,
    formError: null,
    conflict: null,
    sentTo: null,
  });
  return [
    { ...base(SAVED_ID, 1, `New activity — Training course for hospital accountants ${tag}`, "/activities/new", "routes/activities.new"), fields: [["title", `Training ${tag}`], ["city", "Almaty"]], state: "waiting" },
    {
      ...base("a11y-refused", 2, `New activity — Study visit to the national health insurance fund ${tag}`, "/activities/new?programme=archived", "routes/activities.new"),
      fields: [["title", `Study visit ${tag}`]],
      state: "refused",
      errors: { programmeId: message("outbox.gone") },
      formError: message("outbox.notSaved"),
    },
    { ...base("a11y-held", 3, `Edit: Study visit to the national health insurance fund ${tag}`, "/activities/new?programme=archived", "routes/activities.new"), fields: [["title", `Study visit ${tag}`]], state: "waiting" },
    {
      ...base("a11y-conflict", 4, `Edit: Costing workshop in Karaganda ${tag}`, "/activities/a11y/edit", "routes/activities.$id.edit"),
      fields: [["city", "Karaganda"], ["title", `Costing workshop ${tag}`], ["version", "1"]],
      state: "conflict",
      conflict: {
        updatedBy: "another.officer@ministry.example",
        updatedAt: now,
        changes: [
          { field: "city", label: "activities.form.city", mine: "Almaty", theirs: "Astana" },
          { field: "title", label: "activities.form.title", mine: `Costing workshop ${tag}`, theirs: `Costing workshop in Astana ${tag}` },
        ],
      },
    },
    { ...base("a11y-signed-out", 5, `Progress report — first quarter of 2025 ${tag}`, "/portal/reports/a11y", "routes/portal.reports.$id"), fields: [["narrative", "Draft"]], state: "signedOut" },
  ];
}

/** Puts `entries` and `sent` notices into the signed-in account's outbox (emptied first). */
async function seedOutbox(page: Page, entries: unknown[], sent: unknown[]) {
  await page.evaluate(
    async ({ entries, sent }) => {
      const key = document.querySelector<HTMLMetaElement>('meta[name="concord-user"]')!.content;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(`concord-outbox-${key}`, 1);
        request.onupgradeneeded = () => {
          const entriesStore = request.result.createObjectStore("entries", { keyPath: "id" });
          entriesStore.createIndex("seq", "seq");
          request.result.createObjectStore("sent", { keyPath: "id" });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(["entries", "sent"], "readwrite");
        tx.objectStore("entries").clear();
        tx.objectStore("sent").clear();
        for (const e of entries) tx.objectStore("entries").put(e);
        for (const s of sent) tx.objectStore("sent").put(s);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      window.dispatchEvent(new Event("concord-outbox-changed"));
    },
    { entries, sent },
  );
}

test.describe("the offline outbox", () => {
  test.use({ serviceWorkers: "block" });

  test("with entries waiting, refused, held back, in conflict and waiting for sign-in, and one sent, for every role", async ({ page, loginAs }) => {
    const tag = uid();
    // Nothing leaves the device during the scan: a send would change the states shown.
    await page.route(/_data=routes/, (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue()));
    const found: string[] = [];
    const roles = [
      ["STAFF", {}],
      ["PARTNER", { countries: ["BY"] }],
      ["DONOR", {}],
    ] as const;
    for (const [role, opts] of roles) {
      const user = await reader(loginAs, role, opts);
      for (const locale of localesFor(role, "ko")) {
        await user.setLocale(locale);
        const t = serverTranslator(locale);
        await open(page, `/outbox?saved=${SAVED_ID}`);
        // The header's outbox link (loaded after hydration) has sent what was waiting before the entries go in.
        await expect(page.getByRole("link", { name: t("outbox.nav"), exact: true })).toBeVisible();
        await expect(page.getByText(t("outbox.empty"))).toBeVisible();
        await seedOutbox(page, outboxEntries(tag), [{ id: "a11y-sent", title: `New deliverable — Costing manual ${tag}`, sentTo: "/workspace", sentAt: new Date().toISOString() }]);
        await expect(page.getByText(t("outbox.saved"))).toBeVisible();
        await expect(page.getByRole("heading", { name: t("outbox.conflict.title") })).toBeVisible();
        await expect(page.getByText(t("outbox.heldBack"))).toBeVisible();
        await expect(page.getByRole("alert").filter({ hasText: t("outbox.signInAgainText") })).toBeVisible();
        await expect(page.getByText(t("outbox.state.waiting"), { exact: true })).toHaveCount(2);
        found.push(...(await axeState(page, `[${locale}] ${role} /outbox (every state)`)));
        // Empty again, so the next load has nothing to send.
        await seedOutbox(page, [], []);
      }
    }
    expect(found).toEqual([]);
  });
});
