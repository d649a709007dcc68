import type { Page } from "@playwright/test";
import { ctxFor } from "../../app/models/ctx.server";
import { submitReport } from "../../app/models/progress-report.server";
import { createProgramme, uid } from "../factories";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";
import { createIndicator } from "../factories/results";
import { expect, prisma, test } from "./support/fixtures";
import { keyboardOnly, type Focused } from "./support/keyboard";

// Issue 21, point 3: the keyboard alone for the work of issues 18 and 19 — a
// partner fills and submits a progress report; staff return it with a comment
// and approve it; an import is previewed and applied; an API token is made,
// shown once and revoked. After the opening page.goto only keys are pressed
// (setting the chosen file is the one other act: the file chooser is the
// system's). After every action the focus is on a sensible element, never
// lost to the page's body, and every focused control shows its focus.

test.describe.configure({ timeout: 180_000 });

const day = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * Waits until the focus settles on an element whose label matches (an action's
 * answer arrives after the key press), noting it if it shows no focus.
 */
async function focusLandsOn(page: Page, k: ReturnType<typeof keyboardOnly>, name: RegExp) {
  let last: Focused | null = null;
  await expect
    .poll(async () => {
      last = await k.focused();
      return last ? `${last.tag} "${last.label}"` : "<body>";
    }, { timeout: 30_000, message: `focus on ${name}` })
    .toMatch(name);
  const f = last as Focused | null;
  if (f && !f.visible) k.invisible.add(`${f.tag} "${f.label}"`);
  return f;
}

async function reportFixture(opts: { status: "NOT_STARTED" | "SUBMITTED"; withFigures: boolean }) {
  const tag = uid();
  const programme = await createProgramme(prisma, { countries: ["BY"], title: `Keyboard reporting ${tag}` });
  const indicator = opts.withFigures
    ? await createIndicator(prisma, {
        programmeId: programme.id,
        title: `Hospitals costing their services ${tag}`,
        unitLabel: null,
        periods: [{ start: "2025-01-01", end: "2025-03-31", target: 12 }],
      })
    : null;
  const activity = opts.withFigures
    ? await prisma.activity.create({
        data: { programmeId: programme.id, kind: "WORKSHOP", title: `Costing workshop ${tag}`, status: "COMPLETED", countryCode: "BY", plannedStart: day("2025-02-10"), actualStart: day("2025-02-10") },
      })
    : null;
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY", title: `Quarterly progress report ${tag}` });
  const report = await createProgressReportRecord(prisma, requirement, opts.status === "NOT_STARTED" ? { status: "NOT_STARTED", narrative: null } : { status: "SUBMITTED" });
  return { programme, indicator, activity, report };
}

test("a partner fills in a due progress report and submits it with the keyboard alone", async ({ page, loginAs }) => {
  const f = await reportFixture({ status: "NOT_STARTED", withFigures: true });
  await loginAs("PARTNER", { countries: ["BY"] });
  const k = keyboardOnly(page);
  const { tabTo, invisible } = k;
  await page.goto(`/portal/reports/${f.report.id}`);
  await k.hydrated();

  const narrative = `Twelve hospitals costed their services ${uid()}.`;
  await tabTo(/^What happened in the period \(English\)/);
  await page.keyboard.type(narrative);
  await tabTo(new RegExp(`^Actual: ${f.indicator!.title}`));
  await page.keyboard.type("9");
  await tabTo(new RegExp(`^Total: ${f.activity!.title}`));
  await page.keyboard.type("31");
  // The draft saves as it goes (a moment after typing stops); the focus stays in the field.
  await expect.poll(async () => (await prisma.progressReportIndicator.findFirst({ where: { reportId: f.report.id } }))?.actualValue?.toString(), { timeout: 30_000 }).toBe("9");
  await expect.poll(async () => (await prisma.progressReportParticipants.findFirst({ where: { reportId: f.report.id } }))?.total, { timeout: 30_000 }).toBe(31);
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  await focusLandsOn(page, k, new RegExp(`^input "Total: ${f.activity!.title}`));

  await tabTo(/^Submit for review$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Report submitted for review." })).toBeVisible({ timeout: 30_000 });
  // The form is gone (the report is now read-only): the focus goes to the message, not to the page's body.
  await focusLandsOn(page, k, /^div "Report submitted for review\."$/);
  await expect(page.getByRole("main")).toContainText(narrative);

  const saved = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
  expect([saved.status, saved.narrative, saved.round]).toEqual(["SUBMITTED", narrative, 1]);
  expect([...invisible]).toEqual([]);
});

test("staff return a progress report with a comment and, once resubmitted, approve it with the keyboard alone", async ({ page, loginAs }) => {
  const f = await reportFixture({ status: "SUBMITTED", withFigures: false });
  const staff = await loginAs("STAFF");
  const k = keyboardOnly(page);
  const { tabTo, invisible } = k;
  await page.goto(`/progress-reports/${f.report.id}`);
  await k.hydrated();

  const comment = `Please name the hospitals ${uid()}.`;
  await tabTo(/^Comment on Narrative/);
  await page.keyboard.type(comment);
  await tabTo(/^Return to the reporter$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Report returned to the reporter." })).toBeVisible({ timeout: 30_000 });
  await focusLandsOn(page, k, /^div "Report returned to the reporter\."$/);
  await expect(page.getByRole("main")).toContainText(comment);
  const returned = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id }, include: { comments: true } });
  expect(returned.status).toBe("RETURNED");
  expect(returned.comments.map((c) => [c.section, c.body, c.authorId])).toEqual([["NARRATIVE", comment, staff.id]]);

  // The partner resubmits (through the model: the portal's side is the first test).
  const partner = await prisma.user.create({ data: { email: `partner-${uid()}@test.concord`, name: "Partner", role: "PARTNER", passwordHash: "x", countries: { create: [{ countryCode: "BY" }] } } });
  await submitReport(ctxFor(partner, { kind: "partner", countries: ["BY"] }), f.report.id, returned.version);

  await page.goto(`/progress-reports/${f.report.id}`);
  await k.hydrated();
  await tabTo(/^Approve$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Report approved" })).toBeVisible({ timeout: 30_000 });
  await focusLandsOn(page, k, /^div "Report approved: its figures are now the official ones\."$/);
  const approved = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
  expect([approved.status, approved.round]).toEqual(["APPROVED", 2]);
  expect(approved.approvedAt).not.toBeNull();
  expect([...invisible]).toEqual([]);
});

test("staff upload a spreadsheet, see its preview and apply it with the keyboard alone", async ({ page, loginAs }) => {
  const tag = `Kbd${uid()}`;
  const programme = await createProgramme(prisma, { countries: ["KZ"], title: `${tag} programme` });
  const activity = await prisma.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: `${tag} DRG workshop`, status: "PLANNED", plannedStart: day("2026-04-13") },
  });
  await loginAs("STAFF");
  const k = keyboardOnly(page);
  const { tabTo, invisible } = k;
  await page.goto("/imports?kind=activities");
  await k.hydrated();

  await tabTo(/^Spreadsheet \(XLSX or CSV\)/);
  // The file chooser opens from the keyboard; choosing the file in it is the system's dialog.
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: `${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(`ID,City\r\n${activity.id},Astana\r\n`) });
  await focusLandsOn(page, k, /^input "Spreadsheet \(XLSX or CSV\)/);
  await tabTo(/^Upload and preview$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Preview: ${tag}.csv` })).toBeVisible({ timeout: 30_000 });
  await focusLandsOn(page, k, new RegExp(`^h1 "Preview: ${tag}\\.csv"$`));
  await expect(page.getByRole("row", { name: new RegExp(`${tag} DRG workshop`) })).toContainText("City: (empty) → Astana");
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).city).toBeNull();

  await tabTo(/^Apply 1 change$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Applied: 1 record written.", { timeout: 30_000 });
  await focusLandsOn(page, k, /^p "Applied: 1 record written\."$/);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).city).toBe("Astana");
  expect((await prisma.import.findFirstOrThrow({ where: { fileName: `${tag}.csv` } })).status).toBe("APPLIED");
  expect([...invisible]).toEqual([]);
});

test("a user creates an API token, sees it once and revokes it with the keyboard alone", async ({ page, loginAs }) => {
  const user = await loginAs("PARTNER", { countries: ["BY"] });
  const k = keyboardOnly(page);
  const { tabTo, arrowTo, invisible } = k;
  await page.goto("/account/tokens");
  await k.hydrated();

  const name = `Monthly script ${uid()}`;
  await tabTo(/^Name/);
  await page.keyboard.type(name);
  await tabTo(/^Expires after/);
  await arrowTo(/^1 year$/, 5);
  await tabTo(/^Read-only/);
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: /Read-only/ })).toBeChecked();
  await tabTo(/^Create token$/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Your new token “${name}”` })).toBeVisible({ timeout: 30_000 });
  // The form comes back empty: the focus goes to the new token (selected, ready to copy).
  await focusLandsOn(page, k, /^input "The new token"$/);
  const token = await page.getByRole("textbox", { name: "The new token" }).inputValue();
  expect(token).toMatch(/^cnc_/);
  // Selected whole, ready for Ctrl+C.
  expect(await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement;
    return el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0);
  })).toBe(token);
  await page.screenshot({ path: "test-results/keyboard-new-work-token-focus.png" });
  const stored = await prisma.apiToken.findFirstOrThrow({ where: { userId: user.id, name } });
  expect(stored.readOnly).toBe(true);
  expect(stored.revokedAt).toBeNull();
  const days = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / 86_400_000;
  expect(Math.round(days)).toBe(365);
  expect(token.startsWith(stored.prefix)).toBe(true);

  await tabTo(new RegExp(`^Revoke token ${name}$`));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "The token was revoked: it no longer works." })).toBeVisible({ timeout: 30_000 });
  await focusLandsOn(page, k, /^div "The token was revoked: it no longer works\."$/);
  await page.screenshot({ path: "test-results/keyboard-new-work-notice-focus.png" });
  // Shown once: after the revocation's redirect the token is nowhere on the page.
  await expect(page.getByRole("textbox", { name: "The new token" })).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();
  expect([...invisible]).toEqual([]);
});
