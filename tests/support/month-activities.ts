import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { monthRange, type Month } from "~/models/dashboard.server";
import { prisma } from "~/utils/db.server";

/**
 * The calendar's month in its simplest form, the way the dashboard read it
 * before monthCalendar (issue 16, session 10): every live activity with a day
 * or a month whose span (start: actual, else planned; end: actual, else
 * planned, else the start; never before the start) overlaps the month, with
 * everything the calendar shows of it. No limit: the tests compare what
 * monthCalendar returns (and the calendar laid out from it) against this.
 */
export async function allMonthActivities(scope: Scope, month: Month) {
  const { first, last } = monthRange(month);
  const rows = await prisma.activity.findMany({
    where: { AND: [programmeChildWhere(scope, "activity"), { archivedAt: null, datePrecision: { not: "YEAR" } }] },
    select: {
      id: true,
      title: true,
      lang: true,
      translations: true,
      kind: true,
      status: true,
      plannedStart: true,
      plannedEnd: true,
      actualStart: true,
      actualEnd: true,
      datePrecision: true,
      city: true,
      countryCode: true,
      programme: { select: { title: true } },
    },
  });
  // The span in plain code, not through the generated columns the new query reads.
  return rows.filter((a) => {
    const start = a.actualStart ?? a.plannedStart;
    if (!start) return false;
    const endOrNull = a.actualEnd ?? a.plannedEnd;
    const end = endOrNull && endOrNull > start ? endOrNull : start;
    return start <= last && end >= first;
  });
}
