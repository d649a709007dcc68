import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import {
  createPersonalFeed,
  createProgrammeFeed,
  fetchFeed,
  FEED_MISS_LIMIT,
  listCalendarFeeds,
  regenerateFeed,
  resolveFeed,
  revokeFeed,
  touchFeed,
  type NewCalendarFeed,
} from "~/models/calendar-feed.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { feedEvents, renderFeed, WINDOW } from "~/reports/calendar-feed.server";
import { prisma } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { DomainError } from "~/utils/errors.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createActivity } from "../factories/activity";
import { createDeliverable, daysFromToday } from "../factories/deliverable";
import { createProgressReportRecord, createRequirementRecord } from "../factories/reporting";

// Issue 18, point 7: private calendar feeds. The feed is written with
// ical-generator and parsed here with Mozilla's ical.js, a different
// maintained library, so the writer is not checked against itself.

const iso = (d: Date) => d.toISOString().slice(0, 10);

type Parsed = { calendar: ICAL.Component; events: ICAL.Event[]; byUid: Map<string, ICAL.Event> };

function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  return { calendar, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

const tokenOf = (feed: NewCalendarFeed) => /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(feed.url)![1]!;

async function fetchText(token: string): Promise<string> {
  const feed = await resolveFeed(token);
  expect(feed).not.toBeNull();
  return renderFeed(feed!, await feedEvents(feed!));
}

const uidOf = (kind: string, id: string) => events.get(kind + id)!;
let events: Map<string, string>;

let byProg: { id: string; code: string };
let kzProg: { id: string; code: string };
let unfundedProg: { id: string; code: string };
let byActivity: { id: string; updatedAt: Date };
let monthActivity: { id: string };
let yearActivity: { id: string };
let oldActivity: { id: string };
let kzActivity: { id: string };
let unfundedActivity: { id: string };
let byDeliverable: { id: string };
let doneDeliverable: { id: string };
let byDraftReport: { id: string };
let byApprovedReport: { id: string };
let kzDraftReport: { id: string };
let byAgreement: { id: string };
let staff: Ctx;
let partnerBY: Ctx;
let donor: Ctx;
let russianPartner: Ctx;

function ctxOf(user: { id: string; email: string; role: "ADMIN" | "STAFF" | "PARTNER" | "DONOR" }, scope: Scope): Ctx {
  return ctxFor({ id: user.id, email: user.email, role: user.role }, scope);
}

beforeAll(async () => {
  const fund = await createOrganisation(prisma);
  byProg = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: "DRG in Belarus" });
  kzProg = await createProgramme(prisma, { countries: ["KZ"], funders: [fund.id] });
  unfundedProg = await createProgramme(prisma, { countries: ["BY"] });

  const start = daysFromToday(10);
  byActivity = await createActivity(prisma, { programmeId: byProg.id, title: "Workshop on DRG, Minsk", countryCode: "BY", city: "Minsk", plannedStart: start });
  byActivity = await prisma.activity.update({ where: { id: byActivity.id }, data: { plannedEnd: daysFromToday(12) } });
  const month = await createActivity(prisma, { programmeId: byProg.id, plannedStart: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 1)) });
  monthActivity = await prisma.activity.update({ where: { id: month.id }, data: { datePrecision: "MONTH" } });
  const year = await createActivity(prisma, { programmeId: byProg.id, plannedStart: daysFromToday(30) });
  yearActivity = await prisma.activity.update({ where: { id: year.id }, data: { datePrecision: "YEAR" } });
  oldActivity = await createActivity(prisma, { programmeId: byProg.id, plannedStart: daysFromToday(-WINDOW.pastDays - 30) });
  kzActivity = await createActivity(prisma, { programmeId: kzProg.id, countryCode: "KZ", plannedStart: daysFromToday(5) });
  unfundedActivity = await createActivity(prisma, { programmeId: unfundedProg.id, plannedStart: daysFromToday(5) });
  await createActivity(prisma, { programmeId: byProg.id, plannedStart: daysFromToday(5), archived: true });

  byDeliverable = await createDeliverable(prisma, { programmeId: byProg.id, title: "DRG grouper manual", dueDate: daysFromToday(20) });
  doneDeliverable = await createDeliverable(prisma, { programmeId: byProg.id, dueDate: daysFromToday(21), status: "ACCEPTED" });

  const byRequirement = await createRequirementRecord(prisma, { programmeId: byProg.id, country: "BY", title: "Quarterly progress report" });
  await prisma.reportingRequirement.update({ where: { id: byRequirement.id }, data: { translations: { ru: { title: "Ежеквартальный отчёт" } } } });
  byDraftReport = await createProgressReportRecord(prisma, byRequirement, { status: "DRAFT", dueDate: iso(daysFromToday(40)) });
  byApprovedReport = await createProgressReportRecord(prisma, byRequirement, { status: "APPROVED", sequence: 2, periodStart: "2025-04-01", periodEnd: "2025-06-30", dueDate: iso(daysFromToday(-20)) });
  const kzRequirement = await createRequirementRecord(prisma, { programmeId: kzProg.id, country: "KZ" });
  kzDraftReport = await createProgressReportRecord(prisma, kzRequirement, { status: "RETURNED", dueDate: iso(daysFromToday(41)) });

  byAgreement = await prisma.agreement.create({
    data: { programmeId: byProg.id, type: "MOU", title: "MoU with the Ministry", status: "SIGNED", expiresOn: daysFromToday(60) },
  });

  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxOf(s.user, { kind: "staff" });
  const p = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  partnerBY = ctxOf(p.user, { kind: "partner", countries: ["BY"] });
  const d = await createUser(prisma, { role: "DONOR", organisationIds: [fund.id] });
  donor = ctxOf(d.user, { kind: "donor", organisationIds: [fund.id] });
  const r = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  await prisma.user.update({ where: { id: r.user.id }, data: { locale: "ru" } });
  russianPartner = ctxOf(r.user, { kind: "partner", countries: ["BY"] });

  events = new Map();
  for (const [kind, rec] of Object.entries({
    activity: [byActivity, monthActivity, yearActivity, oldActivity, kzActivity, unfundedActivity],
    deliverable: [byDeliverable, doneDeliverable],
    report: [byDraftReport, byApprovedReport, kzDraftReport],
    agreement: [byAgreement],
  })) {
    for (const r of rec) events.set(kind + r.id, `${kind}-${r.id}@${new URL(publicOrigin()).host}`);
  }
});

describe("the feed file", () => {
  it("parses with ical.js: all-day events with exclusive ends, UTC stamps, no time zone, stable UIDs", async () => {
    const feed = await createPersonalFeed(staff);
    const text = await fetchText(tokenOf(feed));
    const { calendar, byUid } = parse(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(String(calendar.getFirstPropertyValue("x-wr-calname"))).toContain("Concord");
    // Only all-day (floating) dates: nothing needs a VTIMEZONE.
    expect(calendar.getAllSubcomponents("vtimezone")).toHaveLength(0);

    const workshop = byUid.get(uidOf("activity", byActivity.id));
    expect(workshop, text).toBeDefined();
    expect(workshop!.startDate.isDate).toBe(true);
    expect(workshop!.startDate.toString()).toBe(iso(daysFromToday(10)));
    // DTEND of an all-day event is the day after the last day.
    expect(workshop!.endDate.isDate).toBe(true);
    expect(workshop!.endDate.toString()).toBe(iso(daysFromToday(13)));
    expect(workshop!.summary).toContain("Workshop on DRG, Minsk");
    expect(workshop!.description).toContain(byProg.code);
    expect(workshop!.component.getFirstPropertyValue("url")).toBe(`${new URL(workshop!.component.getFirstPropertyValue("url") as string).origin}/activities/${byActivity.id}`);
    const stamp = workshop!.component.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.isDate).toBe(false);
    expect(stamp.zone?.tzid).toBe("UTC");
    expect(stamp.toJSDate().getTime()).toBe(Math.floor(byActivity.updatedAt.getTime() / 1000) * 1000);

    // Known to the month: the whole month, first day to the first of the next.
    const month = byUid.get(uidOf("activity", monthActivity.id))!;
    expect(month.startDate.day).toBe(1);
    expect(month.endDate.day).toBe(1);
    expect(month.endDate.month - month.startDate.month === 1 || month.endDate.month === 1).toBe(true);
    // Known to the year only, outside the window, or archived: not in the calendar.
    expect(byUid.has(uidOf("activity", yearActivity.id))).toBe(false);
    expect(byUid.has(uidOf("activity", oldActivity.id))).toBe(false);

    const deliverable = byUid.get(uidOf("deliverable", byDeliverable.id))!;
    expect(deliverable.summary).toContain("DRG grouper manual");
    expect(deliverable.startDate.toString()).toBe(iso(daysFromToday(20)));
    expect(deliverable.endDate.toString()).toBe(iso(daysFromToday(21)));
    expect(byUid.has(uidOf("deliverable", doneDeliverable.id))).toBe(false);

    const report = byUid.get(uidOf("report", byDraftReport.id))!;
    expect(report.startDate.toString()).toBe(iso(daysFromToday(40)));
    expect(report.component.getFirstPropertyValue("url")).toMatch(new RegExp(`/progress-reports/${byDraftReport.id}$`));
    expect(byUid.has(uidOf("report", byApprovedReport.id))).toBe(false);
    expect(byUid.has(uidOf("report", kzDraftReport.id))).toBe(true);

    const agreement = byUid.get(uidOf("agreement", byAgreement.id))!;
    expect(agreement.summary).toContain("MoU with the Ministry");
    expect(agreement.startDate.toString()).toBe(iso(daysFromToday(60)));

    // The same portfolio fetched again: the same file (UIDs and stamps do not move).
    expect(await fetchText(tokenOf(feed))).toBe(text);
  });

  it("is in the owner's language and links where the owner's role works", async () => {
    const feed = await createPersonalFeed(russianPartner);
    const { byUid } = parse(await fetchText(tokenOf(feed)));
    const report = byUid.get(uidOf("report", byDraftReport.id))!;
    expect(report.summary).toContain("Ежеквартальный отчёт");
    expect(report.summary).toMatch(/Срок отчёта/);
    expect(report.component.getFirstPropertyValue("url")).toMatch(new RegExp(`/portal/reports/${byDraftReport.id}$`));
    const deliverable = byUid.get(uidOf("deliverable", byDeliverable.id))!;
    expect(deliverable.summary).toMatch(/^Срок результата работ/);
    expect(deliverable.component.getFirstPropertyValue("url")).toMatch(new RegExp(`/portal/deliverables/${byDeliverable.id}$`));
  });
});

describe("bounds", () => {
  it("keeps at most the cap of a kind: the upcoming ones first, then the latest past ones", async () => {
    const prog = await createProgramme(prisma, { countries: ["UZ"] });
    const made: { days: number; a: { id: string } }[] = [];
    for (const days of [-300, -5, 3, 200, 700, 800]) made.push({ days, a: await createActivity(prisma, { programmeId: prog.id, plannedStart: daysFromToday(days) }) });
    const feed = { user: { id: "x", role: "STAFF" as const, locale: null, name: "x" }, scope: { kind: "staff" } as Scope, programme: { id: prog.id, code: prog.code, title: "" } };
    const kept = async (cap: number) =>
      (await feedEvents(feed, new Date(), { activity: cap, deliverable: 0, report: 0, agreement: 0 })).map((e) => made.find((m) => e.uid.startsWith(`activity-${m.a.id}@`))!.days);
    // 800 days ahead is past the window's two years.
    expect(await kept(10)).toEqual([-300, -5, 3, 200, 700]);
    expect(await kept(4)).toEqual([-5, 3, 200, 700]);
    expect(await kept(2)).toEqual([3, 200]);
  });
});

describe("scope at fetch time", () => {
  it("a partner's feed has no other country's items; a donor's only its funded programmes and no drafts", async () => {
    const partner = parse(await fetchText(tokenOf(await createPersonalFeed(partnerBY))));
    expect(partner.byUid.has(uidOf("activity", byActivity.id))).toBe(true);
    expect(partner.byUid.has(uidOf("activity", kzActivity.id))).toBe(false);
    expect(partner.byUid.has(uidOf("report", kzDraftReport.id))).toBe(false);
    expect(partner.events.every((e) => !e.description.includes(kzProg.code))).toBe(true);

    const donorFeed = parse(await fetchText(tokenOf(await createPersonalFeed(donor))));
    expect(donorFeed.byUid.has(uidOf("activity", kzActivity.id))).toBe(true);
    expect(donorFeed.byUid.has(uidOf("activity", unfundedActivity.id))).toBe(false);
    // Donors see approved reports only, and approved reports are not due: none.
    expect(donorFeed.events.filter((e) => e.uid.startsWith("report-"))).toHaveLength(0);
    expect(donorFeed.byUid.get(uidOf("activity", byActivity.id))!.component.getFirstPropertyValue("url")).toMatch(new RegExp(`/programmes/${byProg.code}$`));
  });

  it("follows a changed scope at once", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const ctx = ctxOf(user, { kind: "partner", countries: ["BY"] });
    const token = tokenOf(await createPersonalFeed(ctx));
    expect(parse(await fetchText(token)).byUid.has(uidOf("activity", kzActivity.id))).toBe(false);
    await prisma.userCountry.create({ data: { userId: user.id, countryCode: "KZ" } });
    expect(parse(await fetchText(token)).byUid.has(uidOf("activity", kzActivity.id))).toBe(true);
  });

  it("a programme feed holds that programme's items only, and only staff make one", async () => {
    const feed = await createProgrammeFeed(staff, byProg.code);
    const { byUid, calendar } = parse(await fetchText(tokenOf(feed)));
    expect(String(calendar.getFirstPropertyValue("x-wr-calname"))).toContain(byProg.code);
    expect(byUid.has(uidOf("activity", byActivity.id))).toBe(true);
    expect(byUid.has(uidOf("activity", kzActivity.id))).toBe(false);
    expect(byUid.has(uidOf("report", kzDraftReport.id))).toBe(false);
    await expect(createProgrammeFeed(partnerBY, byProg.code)).rejects.toBeInstanceOf(DomainError);
    await expect(createProgrammeFeed(staff, "NO-SUCH-CODE")).rejects.toMatchObject({ code: "not_found" });
    expect((await listCalendarFeeds(staff)).map((f) => f.programme?.code ?? null)).toEqual([null, byProg.code]);
  });
});

describe("revoking, regenerating, deactivating", () => {
  it("regenerate: the old address stops, the new one answers; revoke stops it; both audited", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const ctx = ctxOf(user, { kind: "staff" });
    const first = await createPersonalFeed(ctx);
    const second = await regenerateFeed(ctx, first.id);
    expect(second.url).not.toBe(first.url);
    expect(await resolveFeed(tokenOf(first))).toBeNull();
    expect(await resolveFeed(tokenOf(second))).not.toBeNull();
    // Another user cannot touch it: not found.
    await expect(revokeFeed(partnerBY, second.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeFeed(ctx, second.id);
    expect(await resolveFeed(tokenOf(second))).toBeNull();
    await expect(regenerateFeed(ctx, second.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await listCalendarFeeds(ctx)).toEqual([]);
    const actions = await prisma.auditEvent.findMany({ where: { actorId: user.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["calendar_feed_created", "calendar_feed_regenerated", "calendar_feed_revoked"]);
    // Only the hash is stored.
    const rows = await prisma.calendarFeed.findMany({ where: { userId: user.id } });
    expect(rows.every((r) => r.tokenHash.length === 64 && !first.url.includes(r.tokenHash))).toBe(true);
  });

  it("two clicks at once leave one live feed", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const ctx = ctxOf(user, { kind: "staff" });
    const made = await Promise.all([createPersonalFeed(ctx), createPersonalFeed(ctx), createPersonalFeed(ctx)]);
    expect(await prisma.calendarFeed.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
    expect((await Promise.all(made.map((f) => resolveFeed(tokenOf(f))))).filter(Boolean)).toHaveLength(1);
  });

  it("a deactivated user's feed answers like an unknown one", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const token = tokenOf(await createPersonalFeed(ctxOf(user, { kind: "partner", countries: ["BY"] })));
    expect((await fetchFeed(token, "192.0.2.10")).kind).toBe("feed");
    await prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await fetchFeed(token, "192.0.2.10")).toEqual({ kind: "not_found" });
    expect(await fetchFeed("A".repeat(43), "192.0.2.10")).toEqual({ kind: "not_found" });
    expect(await fetchFeed("../../etc/passwd", "192.0.2.10")).toEqual({ kind: "not_found" });
  });

  it("records a fetch at most once an hour", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const feed = await createPersonalFeed(ctxOf(user, { kind: "staff" }));
    const t0 = new Date("2026-01-01T10:00:00Z");
    await touchFeed(feed.id, t0);
    await touchFeed(feed.id, new Date("2026-01-01T10:30:00Z"));
    expect((await prisma.calendarFeed.findUniqueOrThrow({ where: { id: feed.id } })).lastFetchedAt).toEqual(t0);
    await touchFeed(feed.id, new Date("2026-01-01T11:01:00Z"));
    expect((await prisma.calendarFeed.findUniqueOrThrow({ where: { id: feed.id } })).lastFetchedAt).toEqual(new Date("2026-01-01T11:01:00Z"));
  });

  it("refuses an address for a while after too many misses", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < FEED_MISS_LIMIT.max; i++) expect((await fetchFeed(`${"B".repeat(42)}${i % 10}`, ip)).kind).toBe("not_found");
    expect((await fetchFeed("B".repeat(43), ip)).kind).toBe("limited");
  });
});
