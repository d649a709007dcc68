import { describe, expect, it } from "vitest";
import { buildCalendar, capCalendar, DAY_LIMIT, LIST_LIMIT, packCalendar, type CalendarActivity } from "~/components/dashboard/calendar";

const activity = (n: number, start: string, end: string | null = null, precision = "DAY"): CalendarActivity => ({
  id: `a${n}`,
  title: `Activity ${String(n).padStart(3, "0")}`,
  kind: "WORKSHOP",
  status: "PLANNED",
  plannedStart: start,
  plannedEnd: end,
  actualStart: null,
  actualEnd: null,
  datePrecision: precision,
});

describe("a busy month on the dashboard calendar", () => {
  // Forty activities on 12 November 2026, one running all month, two known only to the month.
  const rows = [
    activity(0, "2026-11-01", "2026-11-30"),
    ...Array.from({ length: 40 }, (_, i) => activity(i + 1, "2026-11-12")),
    activity(90, "2026-11-01", null, "MONTH"),
    activity(91, "2026-11-01", null, "MONTH"),
  ];
  const full = buildCalendar(2026, 11, rows);
  const cell = (cal: { weeks: { date: string }[][] }, date: string) => cal.weeks.flat().find((d) => d.date === date)!;

  it("shows at most a few entries a day and says how many more there are", () => {
    const capped = capCalendar(full);
    const busy = cell(capped, "2026-11-12") as (typeof capped.weeks)[number][number];
    expect(busy.entries).toHaveLength(DAY_LIMIT);
    expect(busy.more).toBe(41 - DAY_LIMIT);
    // What starts that day comes before what is already under way (a0 runs all month).
    expect(busy.entries.map((e) => e.activity.id)).toEqual(["a1", "a2", "a3"]);
    const quiet = cell(capped, "2026-11-13") as (typeof capped.weeks)[number][number];
    expect(quiet.entries.map((e) => e.activity.id)).toEqual(["a0"]);
    expect(quiet.more).toBe(0);
  });

  it("gives every entry of the day the user picks, and nothing for a day outside the month", () => {
    const day = capCalendar(full, { day: "2026-11-12" }).day!;
    expect(day.entries).toHaveLength(41);
    expect(day.entries.at(-1)?.activity.id).toBe("a0");
    expect(capCalendar(full, { day: "2026-10-30" }).day).toBeNull();
    expect(capCalendar(full, { day: "nonsense" }).day).toBeNull();
    expect(capCalendar(full).day).toBeNull();
  });

  it("cuts the month's list until the user asks for all of it", () => {
    const capped = capCalendar(full);
    expect(capped.list).toHaveLength(LIST_LIMIT);
    expect(capped.listTotal).toBe(41);
    expect(capped.monthOnlyTotal).toBe(2);
    expect(capCalendar(full, { all: true }).list).toHaveLength(41);
  });

  it("sends each activity once, the days and lists naming it by id", () => {
    const capped = capCalendar(full, { day: "2026-11-12" });
    const sent = packCalendar(capped, (a) => ({ title: a.title }));
    const ids = (entries: { activity: { id: string } }[]) => entries.map((e) => e.activity.id);
    expect(sent.weeks.map((w) => w.map((d) => d.entries.map((e) => e.id)))).toEqual(capped.weeks.map((w) => w.map((d) => ids(d.entries))));
    expect(sent.weeks.flat().map((d) => d.more)).toEqual(capped.weeks.flat().map((d) => d.more));
    expect(sent.list).toEqual(capped.list.map((a) => a.id));
    expect(sent.monthOnly).toEqual(capped.monthOnly.map((a) => a.id));
    expect(sent.day!.entries.map((e) => e.id)).toEqual(ids(capped.day!.entries));
    expect(sent.activities.a0).toEqual({ title: "Activity 000" });
    // a0 runs all month: one copy, however many days and lists it is on.
    expect(JSON.stringify(sent).split("Activity 000").length - 1).toBe(1);
  });
});
