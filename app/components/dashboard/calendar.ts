// Lays out a month's activities on a Monday-first grid (client-safe, pure).
// Dates are calendar dates at UTC midnight, as stored.

import { dateTimeFormat } from "~/i18n/intl";
import type { Locale } from "~/i18n/locales";

export type CalendarActivity = {
  id: string;
  title: string;
  kind: string;
  status: string;
  plannedStart: string | Date | null;
  plannedEnd: string | Date | null;
  actualStart: string | Date | null;
  actualEnd: string | Date | null;
  datePrecision: string;
};

export type Month = { year: number; month: number }; // month 1-12

export type CalendarEntry<A> = { activity: A; dayOfSpan: number; spanDays: number };
export type CalendarDay<A> = { date: string; day: number; inMonth: boolean; entries: CalendarEntry<A>[] };

const DAY = 86_400_000;
const toTime = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

/** An activity's span: start = actual, else planned; end = actual, else planned, else the start (never before it). */
export function activitySpan(a: CalendarActivity): { start: number; end: number } | null {
  const start = toTime(a.actualStart) ?? toTime(a.plannedStart);
  if (start === null) return null;
  const end = toTime(a.actualEnd) ?? toTime(a.plannedEnd) ?? start;
  return { start, end: Math.max(start, end) };
}

/** "November 2019", "ноябрь 2019 г.", "2019년 11월": the month's name from Intl, in the interface language. */
export function monthTitle(year: number, month: number, locale: Locale = "en"): string {
  return dateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The week's days, Monday first, as [short, long] names from Intl ("Mon"/"Monday", "пн"/"понедельник", "월"/"월요일"). */
export function weekdays(locale: Locale = "en"): [string, string][] {
  const short = dateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const long = dateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i));
    return [short.format(d), long.format(d)];
  });
}

/**
 * Weeks (Monday to Sunday) covering the month; days of the neighbouring
 * months fill the first and last week and carry no entries. Activities known
 * only to the month are returned apart (`monthOnly`), not spread over days.
 */
export function buildCalendar<A extends CalendarActivity>(year: number, month: number, activities: A[]) {
  const first = Date.UTC(year, month - 1, 1);
  const last = Date.UTC(year, month, 0);
  const lead = (new Date(first).getUTCDay() + 6) % 7; // days before the 1st in its week (Monday = 0)
  const gridStart = first - lead * DAY;
  const trail = 6 - ((new Date(last).getUTCDay() + 6) % 7);
  const gridEnd = last + trail * DAY;

  const monthSpans: { activity: A; start: number; end: number }[] = [];
  const spans: { activity: A; start: number; end: number }[] = [];
  for (const a of activities) {
    const span = activitySpan(a);
    if (!span) continue;
    if (a.datePrecision === "MONTH") monthSpans.push({ activity: a, ...span });
    else if (a.datePrecision === "DAY") spans.push({ activity: a, ...span });
  }
  // Both lists in the same order: start, the longer first, then the title.
  // (The order alone decides which are shown when a list is cut, so it must
  // not depend on the order the activities came in.)
  const bySpan = (x: { activity: A; start: number; end: number }, y: { activity: A; start: number; end: number }) =>
    x.start - y.start || y.end - x.end || x.activity.title.localeCompare(y.activity.title) || (x.activity.id < y.activity.id ? -1 : x.activity.id > y.activity.id ? 1 : 0);
  spans.sort(bySpan);
  const monthOnly = monthSpans.sort(bySpan).map((s) => s.activity);

  const weeks: CalendarDay<A>[][] = [];
  for (let t = gridStart; t <= gridEnd; t += DAY) {
    if ((t - gridStart) % (7 * DAY) === 0) weeks.push([]);
    const inMonth = t >= first && t <= last;
    const entries = inMonth
      ? spans
          .filter((s) => s.start <= t && s.end >= t)
          .map((s) => ({ activity: s.activity, dayOfSpan: Math.round((t - s.start) / DAY) + 1, spanDays: Math.round((s.end - s.start) / DAY) + 1 }))
      : [];
    weeks[weeks.length - 1].push({ date: new Date(t).toISOString().slice(0, 10), day: new Date(t).getUTCDate(), inMonth, entries });
  }
  // Each activity once, in start order, for the list view.
  const inMonthSpans = spans.filter((s) => s.start <= last && s.end >= first).map((s) => s.activity);
  return { weeks, monthOnly, list: inMonthSpans };
}

/** What starts on a day before what is already under way (each group keeps its order). */
function startsFirst<A>(entries: CalendarEntry<A>[]): CalendarEntry<A>[] {
  return [...entries.filter((e) => e.dayOfSpan === 1), ...entries.filter((e) => e.dayOfSpan !== 1)];
}

/** Entries shown in a day's cell; the rest are behind "+n more". */
export const DAY_LIMIT = 3;
/** Activities shown in the month's list (small screens) until the user asks for all. */
export const LIST_LIMIT = 30;

export type CappedDay<A> = CalendarDay<A> & { more: number };

/** The month's totals when the calendar is laid out from part of it: activities per day (YYYY-MM-DD), in the list, known only to the month. */
export type CalendarCounts = { days: Record<string, number>; list: number; monthOnly: number };

/**
 * What the page sends and renders for a month: at most DAY_LIMIT entries a
 * day (with the number left out), the list and the month-only activities cut
 * to LIST_LIMIT unless `all`, and every entry of one chosen day (`day`,
 * YYYY-MM-DD) for the "+n more" view. A busy month stays a small page.
 * With `counts`, the calendar holds only the activities that can be shown
 * (monthCalendar in app/models/dashboard.server.ts) and the totals come from
 * the counts.
 */
export function capCalendar<A>(
  calendar: { weeks: CalendarDay<A>[][]; monthOnly: A[]; list: A[] },
  opts: { all?: boolean; day?: string | null; counts?: CalendarCounts } = {},
) {
  const listMax = opts.all ? Infinity : LIST_LIMIT;
  const chosen = opts.day ? calendar.weeks.flat().find((d) => d.inMonth && d.date === opts.day) ?? null : null;
  // Laid out from the month's candidates only (monthCalendar), the totals are the database's.
  const { counts } = opts;
  const dayTotal = (d: CalendarDay<A>) => (counts ? counts.days[d.date] ?? 0 : d.entries.length);
  return {
    weeks: calendar.weeks.map((week) =>
      week.map((d): CappedDay<A> => ({ ...d, entries: startsFirst(d.entries).slice(0, DAY_LIMIT), more: Math.max(0, dayTotal(d) - DAY_LIMIT) })),
    ),
    monthOnly: calendar.monthOnly.slice(0, listMax),
    monthOnlyTotal: counts ? counts.monthOnly : calendar.monthOnly.length,
    list: calendar.list.slice(0, listMax),
    listTotal: counts ? counts.list : calendar.list.length,
    day: chosen ? { date: chosen.date, entries: startsFirst(chosen.entries) } : null,
  };
}

export type CappedCalendar<A> = ReturnType<typeof capCalendar<A>>;

/** An entry as the page sends it: the activity by id (sent once, in `activities`). */
export type SentEntry = { id: string; dayOfSpan: number; spanDays: number };

/**
 * The capped calendar as the page sends it: each activity once, in
 * `activities` (by id), with what the calendar shows of it (`show`), and the
 * days, lists and chosen day referring to it by id. Laid out, a calendar
 * repeats an activity on every day it runs and again in the list: sent that
 * way, the month's data was a quarter of the dashboard's HTML.
 */
export function packCalendar<A extends { id: string }, S>(calendar: CappedCalendar<A>, show: (a: A) => S) {
  const activities: Record<string, S> = {};
  const ref = (a: A) => {
    activities[a.id] ??= show(a);
    return a.id;
  };
  const entry = (e: CalendarEntry<A>): SentEntry => ({ id: ref(e.activity), dayOfSpan: e.dayOfSpan, spanDays: e.spanDays });
  return {
    weeks: calendar.weeks.map((week) => week.map((d) => ({ date: d.date, day: d.day, inMonth: d.inMonth, more: d.more, entries: d.entries.map(entry) }))),
    monthOnly: calendar.monthOnly.map(ref),
    monthOnlyTotal: calendar.monthOnlyTotal,
    list: calendar.list.map(ref),
    listTotal: calendar.listTotal,
    day: calendar.day ? { date: calendar.day.date, entries: calendar.day.entries.map(entry) } : null,
    activities,
  };
}

export type SentCalendar<S> = ReturnType<typeof packCalendar<{ id: string }, S>>;

/** What the calendar shows of an activity: its span as calendar dates (YYYY-MM-DD) instead of four dates to resolve. */
export function calendarShown<A extends CalendarActivity & { city: string | null; countryCode: string | null }>(a: A) {
  const span = activitySpan(a)!;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { id: a.id, title: a.title, kind: a.kind, status: a.status, city: a.city, countryCode: a.countryCode, start: day(span.start), end: day(span.end) };
}

export type ShownActivity = ReturnType<typeof calendarShown>;
