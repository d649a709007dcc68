import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { buildCalendar, capCalendar, DAY_LIMIT, LIST_LIMIT } from "~/components/dashboard/calendar";
import { readerView } from "~/i18n/narrative";
import { monthCalendar } from "~/models/dashboard.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createActivityRecord } from "../factories/document";
import { allMonthActivities } from "../support/month-activities";

// monthCalendar returns only the activities the calendar can show, with the
// month's counts; the calendar laid out from them must be the calendar laid
// out from every activity of the month (the simple form, in
// tests/support/month-activities.ts), for every scope and view.

const month = { year: 2040, month: 5 };
const partner: Scope = { kind: "partner", countries: ["KZ"] };
const scopes: [string, Scope][] = [
  ["staff", { kind: "staff" }],
  ["partner", partner],
];

/** The calendar as the page shows it, reduced to ids and numbers. */
function shape(calendar: ReturnType<typeof capCalendar<{ id: string; title: string }>>) {
  return {
    weeks: calendar.weeks.map((w) => w.map((d) => `${d.date}:${d.entries.map((e) => `${e.activity.id}/${e.dayOfSpan}/${e.spanDays}`).join(",")}+${d.more}`)),
    list: calendar.list.map((a) => a.id),
    listTotal: calendar.listTotal,
    monthOnly: calendar.monthOnly.map((a) => a.id),
    monthOnlyTotal: calendar.monthOnlyTotal,
    day: calendar.day ? calendar.day.entries.map((e) => `${e.activity.id}/${e.dayOfSpan}`) : null,
  };
}

async function both(scope: Scope, opts: { all?: boolean; day?: string | null }, locale: "en" | "ru" = "en") {
  const all = readerView(await allMonthActivities(scope, month), locale);
  const simple = capCalendar(buildCalendar(month.year, month.month, all), opts);
  const { activities, counts } = await monthCalendar(scope, month, opts);
  const bounded = capCalendar(buildCalendar(month.year, month.month, readerView(activities, locale)), { ...opts, counts });
  return { simple: shape(simple), bounded: shape(bounded), sent: activities.length, all: all.length };
}

beforeAll(async () => {
  const own = (await createProgramme(prisma, { countries: ["KZ"], title: "Busy calendar" })).id;
  const shared = (await createProgramme(prisma, { countries: ["KZ", "UZ"], title: "Shared calendar" })).id;
  const other = (await createProgramme(prisma, { countries: ["UZ"], title: "Other country's calendar" })).id;
  const act = (programmeId: string, title: string, opts: Parameters<typeof createActivityRecord>[2] = {}) =>
    createActivityRecord(prisma, programmeId, { title, ...opts });
  // A busy day: one-day activities whose titles tie on the dates and sort
  // differently by bytes than by the reader's collation ("apple" < "Banana").
  // Created in reverse, so the order they were stored in is not the order shown.
  for (const [i, title] of ["apple", "Banana", "cherry", "Date", "Émile", "zebra", "Zulu", "ангар", "Бор"].reverse().entries()) {
    await act(own, title, { plannedStart: "2040-05-26" });
    await act(shared, `${title} shared`, { plannedStart: "2040-05-26", plannedEnd: i % 2 ? "2040-05-27" : null });
  }
  // Under way on the busy day: they start before it and come after what starts on it.
  await act(own, "All month", { actualStart: "2040-05-01", plannedEnd: "2040-05-31" });
  await act(own, "Across the month start", { plannedStart: "2040-04-28", plannedEnd: "2040-05-14" });
  await act(own, "Across the month end", { plannedStart: "2040-05-30", plannedEnd: "2040-06-03" });
  await act(own, "Longer than the month", { plannedStart: "2040-03-01", actualEnd: "2040-08-01" });
  await act(own, "Planned in April, actually on the 26th", { plannedStart: "2040-04-02", actualStart: "2040-05-26" });
  await act(own, "Ended before its planned end", { actualStart: "2040-05-10", actualEnd: "2040-05-11", plannedEnd: "2040-05-20" });
  await act(own, "End before start", { plannedStart: "2040-05-20", plannedEnd: "2040-05-02" });
  await act(own, "April only", { plannedStart: "2040-04-10", plannedEnd: "2040-04-30" });
  await act(own, "June only", { plannedStart: "2040-06-01" });
  await act(own, "Archived on the 26th", { plannedStart: "2040-05-26", archived: true });
  await act(own, "Known to the year", { plannedStart: "2040-01-01", datePrecision: "YEAR" });
  await act(own, "No dates");
  // Many through the month, so the list is cut at LIST_LIMIT.
  for (let i = 0; i < LIST_LIMIT + 5; i++) await act(own, `Series ${i}`, { plannedStart: `2040-05-${String(1 + (i % 18)).padStart(2, "0")}` });
  // Late in the month, each a day longer than the last: the shortest are on no day's first places and past the list's.
  for (let i = 0; i < 8; i++) await act(own, `Late ${i}`, { plannedStart: "2040-05-20", plannedEnd: `2040-05-${20 + i}` });
  // Known to the month: more than the list shows, some with an actual start.
  for (let i = 0; i < LIST_LIMIT + 3; i++) {
    await act(own, `Month only ${i}`, { plannedStart: i % 3 ? "2040-05-01" : "2040-04-01", plannedEnd: i % 3 ? null : "2040-05-31", datePrecision: "MONTH", ...(i % 4 ? {} : { actualStart: "2040-05-01" }) });
  }
  // Another country's programme: never the partner's.
  for (const d of ["05", "26", "26", "26", "20"]) await act(other, `Other country ${d}`, { plannedStart: `2040-05-${d}` });
  // In the shared programme, activities that name a country: the partner sees only its own.
  const uz = await act(shared, "Names Uzbekistan", { plannedStart: "2040-05-26" });
  const kz = await act(shared, "Names Kazakhstan", { plannedStart: "2040-05-26" });
  await prisma.activity.update({ where: { id: uz.id }, data: { countryCode: "UZ" } });
  await prisma.activity.update({ where: { id: kz.id }, data: { countryCode: "KZ" } });
  // Translations that change the order among ties for a Russian reader.
  await prisma.activity.updateMany({ where: { title: "zebra" }, data: { translations: { ru: { title: "Аист" } } } });
});

describe("the dashboard calendar from the activities it shows", () => {
  for (const [name, scope] of scopes) {
    it(`lays out the month as every activity of it would (${name})`, async () => {
      const r = await both(scope, {});
      expect(r.bounded).toEqual(r.simple);
      // It is a busy month and the days are cut: fewer activities are sent than the month has.
      expect(r.simple.weeks.flat().some((d) => !d.endsWith("+0"))).toBe(true);
      expect(r.sent).toBeLessThan(r.all);
    });

    it(`gives every activity of a chosen day, and the whole list when asked (${name})`, async () => {
      for (const day of ["2040-05-26", "2040-05-27", "2040-05-01", "2040-04-30", "nonsense"]) {
        const r = await both(scope, { day });
        expect(r.bounded).toEqual(r.simple);
      }
      const r = await both(scope, { all: true });
      expect(r.bounded).toEqual(r.simple);
      expect(r.bounded.list).toHaveLength(r.bounded.listTotal);
    });
  }

  it("orders ties by the reader's titles", async () => {
    const r = await both({ kind: "staff" }, {}, "ru");
    expect(r.bounded).toEqual(r.simple);
    const busy = r.bounded.weeks.flat().find((d) => d.startsWith("2040-05-26"))!;
    expect(busy.split(":")[1]!.split("+")[0]!.split(",")).toHaveLength(DAY_LIMIT);
  });

  it("keeps other countries' activities from a partner, in the counts too", async () => {
    const { activities, counts } = await monthCalendar(partner, month, { all: true, day: "2040-05-26" });
    const titles = activities.map((a) => a.title);
    expect(titles).toContain("Names Kazakhstan");
    expect(titles).not.toContain("Names Uzbekistan");
    expect(titles.some((t) => t.startsWith("Other country"))).toBe(false);
    const staff = await monthCalendar({ kind: "staff" }, month, { all: true, day: "2040-05-26" });
    expect(staff.counts.days["2040-05-26"]! - counts.days["2040-05-26"]!).toBeGreaterThanOrEqual(4);
  });

  it("says an empty month is empty", async () => {
    const r = await monthCalendar({ kind: "staff" }, { year: 2041, month: 2 });
    expect(r).toEqual({ activities: [], counts: { days: {}, list: 0, monthOnly: 0 } });
  });
});
