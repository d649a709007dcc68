// Issue 18: the periods of a reporting requirement (ADR 0036). Pure and
// client-safe (no .server): the requirement form previews the periods with it
// and the model writes them.
//
// Periods are calendar-aligned: a quarterly requirement starting 15 February
// has a first, short period 15 Feb–31 Mar, then full quarters (Apr–Jun, ...);
// the last period ends on the requirement's end date. Everything is a UTC
// calendar day (the columns are @db.Date), so Date.UTC does the month
// arithmetic: Date.UTC(y, m + 1, 0) is the last day of month m (28/29 Feb
// included), and an overflowing month rolls into the next year. No date
// library is needed for that (dayjs is installed, but its UTC plugin would
// only wrap the same calls).

export type ReportingFrequencyName = "MONTHLY" | "QUARTERLY" | "HALF_YEARLY" | "ANNUAL" | "CUSTOM";

export type PeriodRequirement = {
  frequency: ReportingFrequencyName;
  startDate: Date;
  endDate: Date;
  dueDays: number;
  /** CUSTOM only: the last day of each period, ascending. */
  customPeriodEnds?: readonly Date[] | null;
};

export type ReportingPeriod = { sequence: number; periodStart: Date; periodEnd: Date; dueDate: Date };

/** Months per period of each calendar-aligned frequency. */
export const FREQUENCY_MONTHS = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, ANNUAL: 12 } as const;

/** No requirement has more periods than this (ten years of months and a bit; the form refuses spans over ten years). */
export const MAX_PERIODS = 130;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC midnight of a date's UTC day. */
export function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, days: number): Date {
  return new Date(utcDay(d).getTime() + days * DAY_MS);
}

/** The last day of the calendar block of `months` months (aligned on January) that holds `d`. */
function blockEnd(d: Date, months: number): Date {
  const firstMonth = Math.floor(d.getUTCMonth() / months) * months;
  return new Date(Date.UTC(d.getUTCFullYear(), firstMonth + months, 0));
}

/**
 * The periods of a requirement, in order, numbered from 1. Empty when the end
 * is before the start. CUSTOM: each listed end closes a period that starts the
 * day after the previous one (the first on startDate); ends before the start
 * or after the end date are ignored, as are repeats; the last period is
 * clipped to endDate. At most MAX_PERIODS.
 */
export function reportingPeriods(req: PeriodRequirement): ReportingPeriod[] {
  const start = utcDay(req.startDate);
  const end = utcDay(req.endDate);
  if (end.getTime() < start.getTime()) return [];
  const ends: Date[] = [];
  if (req.frequency === "CUSTOM") {
    const sorted = [...(req.customPeriodEnds ?? [])].map(utcDay).sort((a, b) => a.getTime() - b.getTime());
    let last = addDays(start, -1);
    for (const e of sorted) {
      if (e.getTime() <= last.getTime()) continue;
      if (e.getTime() > end.getTime()) break;
      ends.push(e);
      last = e;
    }
  } else {
    const months = FREQUENCY_MONTHS[req.frequency];
    let from = start;
    while (from.getTime() <= end.getTime() && ends.length < MAX_PERIODS) {
      const e = blockEnd(from, months);
      const clipped = e.getTime() > end.getTime() ? end : e;
      ends.push(clipped);
      from = addDays(clipped, 1);
    }
  }
  const periods: ReportingPeriod[] = [];
  let from = start;
  for (const e of ends.slice(0, MAX_PERIODS)) {
    periods.push({ sequence: periods.length + 1, periodStart: from, periodEnd: e, dueDate: addDays(e, req.dueDays) });
    from = addDays(e, 1);
  }
  return periods;
}
