// Lays out a month's activities on a Monday-first grid (client-safe, pure).
// Dates are calendar dates at UTC midnight, as stored.

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

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export const WEEKDAYS: [string, string][] = [
  ["Mon", "Monday"], ["Tue", "Tuesday"], ["Wed", "Wednesday"], ["Thu", "Thursday"], ["Fri", "Friday"], ["Sat", "Saturday"], ["Sun", "Sunday"],
];

export function monthTitle(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
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

  const monthOnly: A[] = [];
  const spans: { activity: A; start: number; end: number }[] = [];
  for (const a of activities) {
    const span = activitySpan(a);
    if (!span) continue;
    if (a.datePrecision === "MONTH") monthOnly.push(a);
    else if (a.datePrecision === "DAY") spans.push({ activity: a, ...span });
  }
  spans.sort((x, y) => x.start - y.start || y.end - x.end || x.activity.title.localeCompare(y.activity.title));

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
