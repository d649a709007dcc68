import type { Role } from "@prisma/client";
import { simpleParser } from "mailparser";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runDueJobs } from "~/jobs/worker.server";
import { acknowledge, addComment } from "~/models/acknowledgement.server";
import { acceptInvitation } from "~/models/account.server";
import { ctxFor, requestSourceFor } from "~/models/ctx.server";
import { inviteUser } from "~/models/user-admin.server";
import { DIGEST_MAX_PER_KIND, digestSlot, sendDigest, sendDigests } from "~/notifications/digest.server";
import { emitNotification, type NotificationEvent } from "~/notifications/emit.server";
import { countUnread, markInboxRead, openNotification, savePreferences } from "~/notifications/inbox.server";
import { handleNotification } from "~/notifications/notify.server";
import { runReminderSweep } from "~/notifications/reminders.server";
import { prisma } from "~/utils/db.server";
import { outboxDir } from "~/utils/mail.server";
import { createOrganisation, createProgramme, createUser, uid } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";
import { createProgressReportRecord, createReportingFixture, createRequirementRecord } from "../factories/reporting";

// Issue 18, notifications (docs/decisions/0038-notifications.md): who is told
// of each event and reminder, within their scope; keys make a retried job or
// a second sweep write nothing twice; preferences decide the mail; the digest
// collects exactly the pending notices, in the reader's language. Mail is
// read back from the outbox (.eml files, as without SMTP_URL in production).

const emit = (event: NotificationEvent) => prisma.$transaction((tx) => emitNotification(tx, event));
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number) => new Date(day(s).getTime() + n * 86_400_000);

async function user(role: Role, opts: { countries?: string[]; organisationIds?: string[]; locale?: string; deactivated?: boolean } = {}) {
  const { user } = await createUser(prisma, { role, countries: opts.countries, organisationIds: opts.organisationIds, deactivated: opts.deactivated });
  if (opts.locale) await prisma.user.update({ where: { id: user.id }, data: { locale: opts.locale } });
  return user;
}

const notesOf = (userId: string) => prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

async function mailsTo(address: string) {
  const dir = outboxDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort() : [];
  const out = [];
  for (const f of files) {
    const mail = await simpleParser(fs.readFileSync(path.join(dir, f)));
    const to = Array.isArray(mail.to) ? mail.to.flatMap((t) => t.value) : (mail.to?.value ?? []);
    if (to.some((t) => t.address?.toLowerCase() === address.toLowerCase())) out.push(mail);
  }
  return out;
}

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("report events", () => {
  it("tell a returned report's partners of its country only, in the portal, at once by mail in their language; a retried job writes nothing twice", async () => {
    const programme = await createProgramme(prisma, { countries: ["BY", "KZ"] });
    const by = await user("PARTNER", { countries: ["BY"], locale: "ru" });
    const byOff = await user("PARTNER", { countries: ["BY"], deactivated: true });
    const kz = await user("PARTNER", { countries: ["KZ"] });
    const staff = await user("STAFF");
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", status: "RETURNED" });
    await emit({ kind: "REPORT_RETURNED", reportId: report.id, actorId: staff.id });
    await runDueJobs();

    const [note] = await notesOf(by.id);
    expect(note).toMatchObject({ kind: "REPORT_RETURNED", path: `/portal/reports/${report.id}`, mailState: "SENT", entityId: report.id });
    expect(note.key).toMatch(new RegExp(`^report-returned:${report.id}:1:`));
    expect(await notesOf(kz.id)).toEqual([]);
    expect(await notesOf(byOff.id)).toEqual([]);
    expect(await notesOf(staff.id)).toEqual([]);
    const [mail] = await mailsTo(by.email);
    expect(mail.subject).toContain("Отчёт о ходе работ возвращён");
    expect(mail.text).toContain(`/portal/reports/${report.id}`);
    expect(mail.text).toContain(programme.code);

    // The job again (a retry after a crash): no second entry, no second mail.
    expect(await handleNotification({ kind: "REPORT_RETURNED", reportId: report.id, actorId: staff.id })).toBe(0);
    await runDueJobs();
    expect(await notesOf(by.id)).toHaveLength(1);
    expect(await mailsTo(by.email)).toHaveLength(1);
  });

  it("tell active staff of a submitted report (never the actor), and an approved one's reporters and donors of the programme", async () => {
    const funder = await createOrganisation(prisma);
    const other = await createOrganisation(prisma);
    const programme = await createProgramme(prisma, { countries: ["UZ"], funders: [funder.id] });
    const partner = await user("PARTNER", { countries: ["UZ"] });
    const donor = await user("DONOR", { organisationIds: [funder.id] });
    const stranger = await user("DONOR", { organisationIds: [other.id] });
    const staff = await user("STAFF");
    const admin = await user("ADMIN");
    const gone = await user("STAFF", { deactivated: true });
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "UZ", status: "SUBMITTED" });

    await emit({ kind: "REPORT_SUBMITTED", reportId: report.id, actorId: partner.id });
    await runDueJobs();
    for (const u of [staff, admin]) expect(await notesOf(u.id)).toMatchObject([{ kind: "REPORT_SUBMITTED", path: `/progress-reports/${report.id}`, mailState: "SENT" }]);
    expect(await notesOf(gone.id)).toEqual([]);
    expect(await notesOf(partner.id)).toEqual([]);
    expect(await notesOf(donor.id)).toEqual([]);

    await prisma.progressReport.update({ where: { id: report.id }, data: { status: "APPROVED", approvedAt: new Date() } });
    await emit({ kind: "REPORT_APPROVED", reportId: report.id, actorId: staff.id });
    await runDueJobs();
    expect(await notesOf(partner.id)).toMatchObject([{ kind: "REPORT_APPROVED", path: `/portal/reports/${report.id}`, mailState: "PENDING" }]);
    expect(await notesOf(donor.id)).toMatchObject([{ kind: "REPORT_APPROVED", path: `/progress-reports/${report.id}` }]);
    expect(await notesOf(stranger.id)).toEqual([]);
    expect((await notesOf(staff.id)).map((n) => n.kind)).toEqual(["REPORT_SUBMITTED"]);
  });

  it("tell staff when staff report on the requirement", async () => {
    const programme = await createProgramme(prisma, { countries: ["TM"] });
    const partner = await user("PARTNER", { countries: ["TM"] });
    const staff = await user("STAFF");
    const actor = await user("STAFF");
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "TM", status: "RETURNED", reporter: "STAFF" });
    await emit({ kind: "REPORT_RETURNED", reportId: report.id, actorId: actor.id });
    await runDueJobs();
    expect(await notesOf(staff.id)).toMatchObject([{ kind: "REPORT_RETURNED", path: `/progress-reports/${report.id}` }]);
    expect(await notesOf(actor.id)).toEqual([]);
    expect(await notesOf(partner.id)).toEqual([]);
  });
});

describe("partner and account events", () => {
  it("tell staff of a partner's comment and acknowledgement, through the write's own transaction", async () => {
    const programme = await createProgramme(prisma, { countries: ["KG"] });
    const activity = await createActivity(prisma, { programmeId: programme.id, countryCode: "KG" });
    const deliverable = await createDeliverable(prisma, { programmeId: programme.id, activityId: activity.id, title: "Costing manual" });
    const partner = await user("PARTNER", { countries: ["KG"] });
    const staff = await user("STAFF");
    const ctx = ctxFor({ id: partner.id, email: partner.email }, { kind: "partner", countries: ["KG"] });
    const comment = await addComment(ctx, { kind: "Deliverable", id: deliverable.id }, { body: "Draft attached" });
    await acknowledge(ctx, { kind: "Deliverable", id: deliverable.id });
    await runDueJobs();
    const notes = await notesOf(staff.id);
    expect(notes.map((n) => [n.kind, n.key, n.path])).toEqual([
      ["PARTNER_COMMENTED", `partner-commented:${comment.id}`, `/deliverables/${deliverable.id}`],
      ["PARTNER_ACKNOWLEDGED", `partner-acknowledged:deliverable:${deliverable.id}`, `/deliverables/${deliverable.id}`],
    ]);
    expect(notes[0].params).toMatchObject({ title: "Costing manual", programme: programme.code });
    expect(await notesOf(partner.id)).toEqual([]);
  });

  it("tell the inviter when an invitation is accepted", async () => {
    const admin = await user("ADMIN");
    const other = await user("ADMIN");
    const email = `invitee-${uid()}@health.gov.kz`;
    await inviteUser(ctxFor({ id: admin.id, email: admin.email, role: "ADMIN" }), { email, name: "Aigerim", role: "PARTNER", countries: ["KZ"], organisationIds: [] }, "https://concord.test");
    await runDueJobs();
    const invitation = await mailsTo(email);
    const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(invitation[0].text ?? "")?.[1];
    const accepted = await acceptInvitation(token!, { name: "Aigerim S.", password: "steppe river lantern" }, requestSourceFor());
    expect(accepted.ok).toBe(true);
    await runDueJobs();
    const joined = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(await notesOf(admin.id)).toMatchObject([{ kind: "INVITATION_ACCEPTED", path: `/admin/users/${joined.id}`, params: { actor: "Aigerim S.", email } }]);
    expect(await notesOf(other.id)).toEqual([]);
  });
});

describe("preferences", () => {
  it("send at once, leave for the digest or skip, per the user's choice", async () => {
    const programme = await createProgramme(prisma, { countries: ["AM"] });
    const quiet = await user("STAFF");
    const eager = await user("STAFF");
    const ctx = (u: { id: string; email: string }) => ctxFor({ id: u.id, email: u.email, role: "STAFF" });
    await savePreferences(ctx(quiet), "STAFF", { channels: { REPORT_SUBMITTED: "OFF" }, digestFrequency: "WEEKLY" });
    await savePreferences(ctx(eager), "STAFF", { channels: { REPORT_SUBMITTED: "IMMEDIATE", PARTNER_COMMENTED: "IMMEDIATE" }, digestFrequency: "DEFAULT" });
    // The default is stored as no row.
    expect(await prisma.notificationPreference.findMany({ where: { userId: eager.id } })).toMatchObject([{ kind: "PARTNER_COMMENTED", channel: "IMMEDIATE" }]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: quiet.id } })).toMatchObject({ digestFrequency: "WEEKLY" });
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "AM", status: "SUBMITTED" });
    await emit({ kind: "REPORT_SUBMITTED", reportId: report.id, actorId: (await user("PARTNER", { countries: ["AM"] })).id });
    await runDueJobs();
    expect(await notesOf(quiet.id)).toMatchObject([{ mailState: "SKIPPED" }]);
    expect(await notesOf(eager.id)).toMatchObject([{ mailState: "SENT" }]);
    expect(await mailsTo(quiet.email)).toHaveLength(0);
    expect(await mailsTo(eager.email)).toHaveLength(1);
  });
});

describe("inbox", () => {
  it("counts unread, opens (marks read) only the user's own, marks all read", async () => {
    const programme = await createProgramme(prisma, { countries: ["GE"] });
    const a = await user("STAFF");
    const b = await user("STAFF");
    for (let i = 0; i < 2; i++) {
      const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "GE", status: "SUBMITTED" });
      await emit({ kind: "REPORT_SUBMITTED", reportId: report.id, actorId: (await user("PARTNER", { countries: ["GE"] })).id });
    }
    await runDueJobs();
    expect(await countUnread(b.id)).toBe(2);
    const [first] = await notesOf(b.id);
    expect(await openNotification(a.id, first.id)).toBeNull();
    expect(await countUnread(b.id)).toBe(2);
    expect(await openNotification(b.id, first.id)).toBe(first.path);
    expect(await countUnread(b.id)).toBe(1);
    expect(await markInboxRead(b.id)).toBe(1);
    expect(await countUnread(b.id)).toBe(0);
  });
});

describe("reminders", () => {
  const today = "2026-03-02";

  it("remind staff and the partners who see the record, once per key, on a fixed day", async () => {
    const programme = await createProgramme(prisma, { countries: ["AZ", "MN"] });
    const az = await user("PARTNER", { countries: ["AZ"] });
    const mn = await user("PARTNER", { countries: ["MN"] });
    const staff = await user("STAFF");
    const azActivity = await createActivity(prisma, { programmeId: programme.id, countryCode: "AZ" });
    const soon = await createDeliverable(prisma, { programmeId: programme.id, activityId: azActivity.id, dueDate: addDays(today, 5) });
    const late = await createDeliverable(prisma, { programmeId: programme.id, activityId: azActivity.id, dueDate: addDays(today, -1) });
    await createDeliverable(prisma, { programmeId: programme.id, activityId: azActivity.id, dueDate: addDays(today, -1), status: "ACCEPTED" });
    const later = await createDeliverable(prisma, { programmeId: programme.id, activityId: azActivity.id, dueDate: addDays(today, 8) });
    const outcome = await createOutcome(prisma, { activityId: azActivity.id });
    const action = await prisma.followUpAction.create({ data: { outcomeId: outcome.id, description: "Send the tariff study", dueDate: addDays(today, -3) } });
    const agreement = await prisma.agreement.create({
      data: { programmeId: programme.id, type: "MOU", title: "MoU", status: "ACTIVE", expiresOn: addDays(today, 60), translations: { ru: { title: "Меморандум" } } },
    });
    const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "AZ" });
    const r14 = await createProgressReportRecord(prisma, requirement, { status: "DRAFT", periodStart: "2025-10-01", dueDate: addDays(today, 14).toISOString().slice(0, 10) });
    const r3 = await createProgressReportRecord(prisma, requirement, { status: "NOT_STARTED", sequence: 2, periodStart: "2025-07-01", dueDate: addDays(today, 2).toISOString().slice(0, 10) });
    const rLate = await createProgressReportRecord(prisma, requirement, { status: "RETURNED", sequence: 3, periodStart: "2025-04-01", dueDate: addDays(today, -10).toISOString().slice(0, 10) });
    await createProgressReportRecord(prisma, requirement, { status: "SUBMITTED", sequence: 4, periodStart: "2025-01-01", dueDate: addDays(today, -10).toISOString().slice(0, 10) });

    expect(await runReminderSweep(today)).toBeGreaterThan(0);
    // Staff are reminded of every programme's records: this programme's only.
    const keys = async (u: { id: string }) => (await notesOf(u.id)).filter((n) => n.programmeId === programme.id).map((n) => n.key).sort();
    const expected = [
      `agreement-expiring:${agreement.id}:${addDays(today, 60).toISOString().slice(0, 10)}`,
      `deliverable-due:${soon.id}:2026-03-07`,
      `deliverable-overdue:${late.id}:2026-03-01`,
      `follow-up-overdue:${action.id}:2026-02-27`,
      `report-due-14:${r14.id}`,
      `report-due-3:${r3.id}`,
      `report-overdue:${rLate.id}:2026-02-20`,
    ].sort();
    expect(await keys(staff)).toEqual(expected);
    expect(await keys(az)).toEqual(expected);
    // MN's partner sees the agreement (it names no country) but no AZ activity's deliverable, and not AZ's reports.
    expect(await keys(mn)).toEqual([`agreement-expiring:${agreement.id}:${addDays(today, 60).toISOString().slice(0, 10)}`]);
    const azNotes = await notesOf(az.id);
    expect(azNotes.find((n) => n.kind === "DELIVERABLE_DUE_SOON")?.path).toBe(`/portal/deliverables/${soon.id}`);
    expect(azNotes.find((n) => n.kind === "AGREEMENT_EXPIRING")?.params).toMatchObject({ title: "MoU", titles: { ru: "Меморандум" }, programme: programme.code });

    // The same day again, and the next: nothing new for these records.
    const before = await prisma.notification.count();
    await runReminderSweep(today);
    expect(await prisma.notification.count()).toBe(before);
    // The next day: only the deliverable that came within seven days is new.
    await runReminderSweep("2026-03-03");
    expect(await keys(staff)).toEqual([...expected, `deliverable-due:${later.id}:2026-03-10`].sort());
  });
});

describe("the digest", () => {
  it("collects exactly a user's overdue deliverable, expiring agreement and returned report, in Russian, once", async () => {
    const today = "2027-06-07"; // a Monday
    const programme = await createProgramme(prisma, { countries: ["TJ"] });
    const partner = await user("PARTNER", { countries: ["TJ"], locale: "ru" });
    // The returned report goes to the digest by the user's choice (its default is at once).
    await savePreferences(ctxFor({ id: partner.id, email: partner.email, role: "PARTNER" }, { kind: "partner", countries: ["TJ"] }), "PARTNER", {
      channels: { REPORT_RETURNED: "DIGEST" },
      digestFrequency: "DAILY",
    });
    const activity = await createActivity(prisma, { programmeId: programme.id, countryCode: "TJ" });
    const deliverable = await createDeliverable(prisma, { programmeId: programme.id, activityId: activity.id, title: "Tariff study", dueDate: addDays(today, -4) });
    const agreement = await prisma.agreement.create({
      data: { programmeId: programme.id, type: "MOU", title: "Memorandum", status: "SIGNED", expiresOn: addDays(today, 45), translations: { ru: { title: "Меморандум о сотрудничестве" } } },
    });
    const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "TJ", title: "Quarterly report", startDate: "2027-01-01", endDate: "2027-12-31" });
    const report = await createProgressReportRecord(prisma, requirement, { status: "RETURNED", periodStart: "2027-01-01", periodEnd: "2027-03-31", dueDate: "2027-09-30" });
    await runReminderSweep(today);
    await emit({ kind: "REPORT_RETURNED", reportId: report.id, actorId: (await user("STAFF")).id });
    await runDueJobs();
    expect(await mailsTo(partner.email)).toHaveLength(0);
    expect((await notesOf(partner.id)).map((n) => n.mailState)).toEqual(["PENDING", "PENDING", "PENDING"]);

    // Before the digest hour nothing goes; at it, one mail.
    const at = (h: number) => new Date(`${today}T${String(h).padStart(2, "0")}:30:00Z`);
    await sendDigests(at(5), 6);
    await runDueJobs();
    // 05:30 is past yesterday's slot: the first digest may go then (lastDigestAt was empty).
    const mails = await mailsTo(partner.email);
    expect(mails).toHaveLength(1);
    const text = mails[0].text ?? "";
    // The plain text is wrapped for text clients: phrases are read with their line breaks as spaces.
    const words = text.replace(/\s+/g, " ");
    expect(mails[0].subject).toBe("Concord: 3 уведомления");
    const bullets = text.split("\n").filter((l) => l.startsWith("• "));
    expect(bullets).toHaveLength(3);
    expect(words).toContain("Срок результата работ «Tariff study»");
    expect(words).toContain("Соглашение «Меморандум о сотрудничестве»");
    expect(words).toContain("Отчёт о ходе работ «Quarterly report»");
    expect(text).toContain(`/portal/deliverables/${deliverable.id}`);
    expect(text).toContain(`/portal/programmes/${programme.code}`);
    expect(text).toContain(`/portal/reports/${report.id}`);
    expect(text).toContain("Здравствуйте");
    expect(text).not.toContain("г..");
    expect((await notesOf(partner.id)).map((n) => n.mailState)).toEqual(["DIGESTED", "DIGESTED", "DIGESTED"]);
    expect((await notesOf(partner.id)).map((n) => n.entityId).sort()).toEqual([agreement.id, deliverable.id, report.id].sort());

    // The same slot again: nothing; the next day's slot with nothing new: nothing.
    await sendDigests(at(7), 6);
    await sendDigests(new Date(`2027-06-08T06:10:00Z`), 6);
    await runDueJobs();
    expect(await mailsTo(partner.email)).toHaveLength(1);
  });
});

describe("digest slots and limits", () => {
  it("fall daily at the hour, weekly on Mondays, and list at most so many entries per kind", async () => {
    // 2027-06-09 is a Wednesday.
    expect(digestSlot(new Date("2027-06-09T05:59:00Z"), "DAILY", 6).toISOString()).toBe("2027-06-08T06:00:00.000Z");
    expect(digestSlot(new Date("2027-06-09T06:00:00Z"), "DAILY", 6).toISOString()).toBe("2027-06-09T06:00:00.000Z");
    expect(digestSlot(new Date("2027-06-09T12:00:00Z"), "WEEKLY", 6).toISOString()).toBe("2027-06-07T06:00:00.000Z");
    expect(digestSlot(new Date("2027-06-07T05:00:00Z"), "WEEKLY", 6).toISOString()).toBe("2027-05-31T06:00:00.000Z");

    const staff = await user("STAFF");
    const gone = await user("STAFF", { deactivated: true });
    for (const u of [staff, gone]) {
      await prisma.notification.createMany({
        data: Array.from({ length: DIGEST_MAX_PER_KIND + 2 }, (_, i) => ({
          userId: u.id,
          kind: "DELIVERABLE_OVERDUE" as const,
          key: `limit:${i}`,
          entityType: "Deliverable",
          entityId: `d${i}`,
          params: { title: `Deliverable ${i}`, programme: "LIM", date: "2027-01-01" },
          path: `/deliverables/d${i}`,
        })),
      });
    }
    const now = new Date(Date.now() + 60_000);
    expect(await sendDigest(staff.id, now, 6)).toBe(true);
    expect(await sendDigest(gone.id, now, 6)).toBe(false);
    await runDueJobs();
    const [mail] = await mailsTo(staff.email);
    expect(mail.text?.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(DIGEST_MAX_PER_KIND);
    expect(mail.text).toContain(`Overdue deliverables (${DIGEST_MAX_PER_KIND + 2})`);
    expect(mail.text?.replace(/\s+/g, " ")).toContain("…and 2 more in your inbox");
    expect(await mailsTo(gone.email)).toHaveLength(0);
    expect(new Set((await notesOf(gone.id)).map((n) => n.mailState))).toEqual(new Set(["SKIPPED"]));
    expect(new Set((await notesOf(staff.id)).map((n) => n.mailState))).toEqual(new Set(["DIGESTED"]));
  });
});
