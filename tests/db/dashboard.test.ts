import { beforeAll, describe, expect, it } from "vitest";
import { buildCalendar } from "~/components/dashboard/calendar";
import { attentionLinks, needsAttention, parseMonth, shiftMonth } from "~/models/dashboard.server";
import { portfolioSummary } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { allMonthActivities as monthActivities } from "../support/month-activities";
import {
  createActivityRecord,
  createAgreementRecord,
  createDeliverableRecord,
  createOutcomeRecord,
} from "../factories/document";

// A fixed "now" (10:00 UTC on 15 March 2031) so every boundary is exact.
const now = new Date("2031-03-15T10:00:00Z");
let programmeId: string;

beforeAll(async () => {
  programmeId = (await createProgramme(prisma, { countries: ["BY"], title: "Dashboard programme" })).id;
});

describe("needs attention", () => {
  beforeAll(async () => {
    const d = (title: string, dueDate: string, opts: { status?: "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED" | "ACCEPTED"; archived?: boolean } = {}) =>
      createDeliverableRecord(prisma, programmeId, { title, dueDate, ...opts });
    await d("due long ago", "2030-01-10", { status: "IN_PROGRESS" });
    await d("due yesterday", "2031-03-14");
    await d("due yesterday, submitted", "2031-03-14", { status: "SUBMITTED" });
    await d("due yesterday, accepted", "2031-03-14", { status: "ACCEPTED" });
    await d("due yesterday, archived", "2031-03-14", { archived: true });
    await d("due today", "2031-03-15");
    await d("due in 30 days", "2031-04-14", { status: "IN_PROGRESS" });
    await d("due in 31 days", "2031-04-15");
    await createDeliverableRecord(prisma, programmeId, { title: "no due date" });

    const a = (title: string, expiresOn: string, opts: { status?: "ACTIVE" | "EXPIRED" | "TERMINATED" | "DRAFT"; archived?: boolean } = {}) =>
      createAgreementRecord(prisma, programmeId, { title, expiresOn, ...opts });
    await a("expired yesterday", "2031-03-14");
    await a("expires today", "2031-03-15");
    await a("expires in 90 days", "2031-06-13", { status: "DRAFT" });
    await a("expires in 91 days", "2031-06-14");
    await a("expires soon but terminated", "2031-04-01", { status: "TERMINATED" });
    await a("expires soon but marked expired", "2031-04-01", { status: "EXPIRED" });
    await a("expires soon, archived", "2031-04-01", { archived: true });

    const workshop = await createActivityRecord(prisma, programmeId, { title: "Workshop with outcomes", plannedStart: "2030-05-01" });
    const deliverable = await createDeliverableRecord(prisma, programmeId, { title: "carries an outcome", status: "ACCEPTED" });
    const o = (text: string, opts: Parameters<typeof createOutcomeRecord>[2] = {}) => createOutcomeRecord(prisma, workshop.id, { text, ...opts });
    await o("no follow-up, due later", { dueDate: "2031-05-01" });
    await o("no follow-up, due first", { dueDate: "2031-04-01" });
    await o("no follow-up, no due date");
    await o("not started but has a deliverable", { deliverableId: deliverable.id });
    await o("in progress", { followUpStatus: "IN_PROGRESS" });
    await o("done", { followUpStatus: "DONE" });
    await o("archived", { archived: true });

    const act = (title: string, opts: Parameters<typeof createActivityRecord>[2]) => createActivityRecord(prisma, programmeId, { title, ...opts });
    await act("starts on the 1st", { actualStart: "2031-03-01", actualEnd: "2031-03-03" });
    await act("planned for the 31st", { plannedStart: "2031-03-31" });
    await act("planned in March, actually in April", { plannedStart: "2031-03-20", actualStart: "2031-04-02" });
    await act("planned in February, actually in March", { plannedStart: "2031-02-20", actualStart: "2031-03-10" });
    await act("started on the last day of February", { actualStart: "2031-02-28", actualEnd: "2031-03-05" });
    await act("archived in March", { plannedStart: "2031-03-12", archived: true });
    await act("starts on the 1st of April", { plannedStart: "2031-04-01" });
  });

  it("counts overdue deliverables: open, due before today, not archived", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.overdue.count).toBe(2);
    expect(a.overdue.items.map((d) => d.title)).toEqual(["due long ago", "due yesterday"]);
  });

  it("counts deliverables due from today to today + 30 days", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.dueSoon.count).toBe(2);
    expect(a.dueSoon.items.map((d) => d.title)).toEqual(["due today", "due in 30 days"]);
  });

  it("counts live agreements expiring from today to today + 90 days", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.expiring.count).toBe(2);
    expect(a.expiring.items.map((x) => x.title)).toEqual(["expires today", "expires in 90 days"]);
  });

  it("counts agreements in force whose expiry passed within the last 90 days as expired", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.expired.items.map((x) => x.title)).toEqual(["expired yesterday"]);
    expect(a.expired.count).toBe(1);
  });

  it("counts outcomes whose follow-up has not started and that no deliverable carries", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.outcomesWithoutFollowUp.count).toBe(3);
    expect(a.outcomesWithoutFollowUp.items.map((o) => o.text)).toEqual(["no follow-up, due first", "no follow-up, due later", "no follow-up, no due date"]);
  });

  it("counts activities starting this month by their actual start, else their planned start", async () => {
    const a = await needsAttention({ kind: "staff" }, now);
    expect(a.activitiesThisMonth.count).toBe(3);
    expect(a.activitiesThisMonth.items.map((x) => x.title)).toEqual(["starts on the 1st", "planned in February, actually in March", "planned for the 31st"]);
  });

  it("lists at most five items but counts them all", async () => {
    const a = await needsAttention({ kind: "staff" }, now, 1);
    expect(a.overdue.items).toHaveLength(1);
    expect(a.overdue.count).toBe(2);
    expect(a.activitiesThisMonth.items.map((x) => x.title)).toEqual(["starts on the 1st"]);
  });

  it("links each count to the list filtered the same way", () => {
    expect(attentionLinks(now)).toEqual({
      overdue: "/deliverables?due=overdue",
      dueSoon: "/deliverables?due=next30",
      expiring: "/agreements?expiring=90",
      expired: "/agreements?expired=90",
      outcomesWithoutFollowUp: "/outcomes?followUp=missing",
      followUpsOverdue: "/outcomes?followUp=overdue",
      activitiesThisMonth: "/activities?from=2031-03-01&to=2031-03-31",
    });
    expect(attentionLinks(new Date("2032-02-10T00:00:00Z")).activitiesThisMonth).toBe("/activities?from=2032-02-01&to=2032-02-29");
  });

  it("sums the portfolio in one statement that agrees with the lists' definitions", async () => {
    const summary = await portfolioSummary({ kind: "staff" }, now);
    // The oracle: the same figures through Prisma's filters, one count at a time.
    const inScope = { archivedAt: null };
    const open = { archivedAt: null, programme: inScope, status: { in: ["NOT_STARTED" as const, "IN_PROGRESS" as const] } };
    const participants = await prisma.activity.aggregate({ where: { archivedAt: null, programme: inScope }, _sum: { participantsTotal: true } });
    expect(summary).toEqual({
      programmes: await prisma.programme.count({ where: inScope }),
      agreements: await prisma.agreement.count({ where: { archivedAt: null, programme: inScope } }),
      activities: await prisma.activity.count({ where: { archivedAt: null, programme: inScope } }),
      deliverablesOpen: await prisma.deliverable.count({ where: open }),
      deliverablesOverdue: await prisma.deliverable.count({ where: { ...open, dueDate: { lt: new Date("2031-03-15T00:00:00Z") } } }),
      outcomes: await prisma.outcome.count({ where: { archivedAt: null, activity: { archivedAt: null, programme: inScope } } }),
      participants: participants._sum.participantsTotal ?? 0,
    });
    expect(summary.deliverablesOverdue).toBe(2);
    expect(summary.outcomes).toBe(6);
    expect((await portfolioSummary({ kind: "partner", countries: ["KZ"] }, now)).activities).toBe(0);
  });

  it("gives a partner the same counts for its own country's programme", async () => {
    const a = await needsAttention({ kind: "partner", countries: ["BY"] }, now);
    expect([a.overdue.count, a.dueSoon.count, a.expiring.count, a.outcomesWithoutFollowUp.count, a.activitiesThisMonth.count]).toEqual([2, 2, 2, 3, 3]);
  });

  it("gives partners nothing outside their countries", async () => {
    const a = await needsAttention({ kind: "partner", countries: ["KZ"] }, now);
    expect([a.overdue.count, a.dueSoon.count, a.expiring.count, a.outcomesWithoutFollowUp.count, a.activitiesThisMonth.count]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("calendar", () => {
  let calendarProgrammeId: string;
  beforeAll(async () => {
    calendarProgrammeId = (await createProgramme(prisma, { countries: ["KZ"], title: "Calendar programme" })).id;
    const act = (title: string, opts: Parameters<typeof createActivityRecord>[2]) => createActivityRecord(prisma, calendarProgrammeId, { title, ...opts });
    await act("Study visit across the month start", { plannedStart: "2019-10-29", plannedEnd: "2019-11-02", kind: "STUDY_VISIT" });
    await act("Symposium on the 27th", { actualStart: "2019-11-27", kind: "SYMPOSIUM" });
    await act("Training across the month end", { plannedStart: "2019-11-29", plannedEnd: "2019-12-03", kind: "TRAINING_COURSE" });
    await act("Consultancy all month", { actualStart: "2019-10-01", plannedEnd: "2019-12-31", kind: "CONSULTANCY" });
    await act("October only", { plannedStart: "2019-10-10", plannedEnd: "2019-10-12" });
    await act("December only", { plannedStart: "2019-12-01" });
    await act("Known only to the month", { plannedStart: "2019-11-01", datePrecision: "MONTH" });
    await act("Known only to the year", { plannedStart: "2019-01-01", datePrecision: "YEAR" });
    await act("Archived in November", { plannedStart: "2019-11-05", archived: true });
    await act("Ended in October though planned longer", { actualStart: "2019-10-01", actualEnd: "2019-10-03", plannedEnd: "2019-11-30" });
  });

  it("finds the activities active during a month", async () => {
    const rows = await monthActivities({ kind: "partner", countries: ["KZ"] }, { year: 2019, month: 11 });
    expect(rows.map((r) => r.title).sort()).toEqual([
      "Consultancy all month",
      "Known only to the month",
      "Study visit across the month start",
      "Symposium on the 27th",
      "Training across the month end",
    ]);
  });

  it("places each activity on the days it runs, Monday first", async () => {
    const rows = await monthActivities({ kind: "staff" }, { year: 2019, month: 11 });
    const { weeks, monthOnly, list } = buildCalendar(2019, 11, rows.filter((r) => r.programme.title === "Calendar programme"));
    // November 2019 starts on a Friday: the first week is 28 Oct – 3 Nov.
    expect(weeks[0].map((d) => d.date)).toEqual(["2019-10-28", "2019-10-29", "2019-10-30", "2019-10-31", "2019-11-01", "2019-11-02", "2019-11-03"]);
    expect(weeks).toHaveLength(5);
    const day = (date: string) => weeks.flat().find((d) => d.date === date)!;
    const titles = (date: string) => day(date).entries.map((e) => e.activity.title);
    expect(titles("2019-10-29")).toEqual([]); // outside the month: no entries
    expect(titles("2019-11-01")).toEqual(["Consultancy all month", "Study visit across the month start"]);
    expect(day("2019-11-02").entries.find((e) => e.activity.title.startsWith("Study"))).toMatchObject({ dayOfSpan: 5, spanDays: 5 });
    expect(titles("2019-11-03")).toEqual(["Consultancy all month"]);
    expect(titles("2019-11-27")).toEqual(["Consultancy all month", "Symposium on the 27th"]);
    expect(titles("2019-11-30")).toEqual(["Consultancy all month", "Training across the month end"]);
    expect(monthOnly.map((a) => a.title)).toEqual(["Known only to the month"]);
    expect(list.map((a) => a.title)).toEqual(["Consultancy all month", "Study visit across the month start", "Symposium on the 27th", "Training across the month end"]);
  });

  it("reads the month from the URL, defaulting to the current one", () => {
    expect(parseMonth("2019-11", now)).toEqual({ year: 2019, month: 11 });
    expect(parseMonth("2019-13", now)).toEqual({ year: 2031, month: 3 });
    expect(parseMonth("nonsense", now)).toEqual({ year: 2031, month: 3 });
    expect(parseMonth(null, now)).toEqual({ year: 2031, month: 3 });
    expect(shiftMonth({ year: 2019, month: 12 }, 1)).toEqual({ year: 2020, month: 1 });
    expect(shiftMonth({ year: 2020, month: 1 }, -1)).toEqual({ year: 2019, month: 12 });
  });
});
