import { Link } from "@remix-run/react";
import { formatDate, formatDateRange } from "~/utils/format";
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from "~/utils/labels";
import { activitySpan, monthTitle, WEEKDAYS, type CalendarActivity, type CappedCalendar } from "./calendar";

export type CalendarItem = CalendarActivity & {
  country: { nameEn: string } | null;
  city: string | null;
  programme: { code: string; title: string };
};

type Nav = { prev: string; next: string; prevLabel: string; nextLabel: string; current: string | null };

function StatusNote({ status }: { status: string }) {
  // Planned, ongoing and completed are the normal course; the others change what the entry means.
  if (status !== "CANCELLED" && status !== "POSTPONED") return null;
  return <span className="font-semibold text-amber-900"> · {ACTIVITY_STATUS_LABELS[status]}</span>;
}

function place(a: CalendarItem) {
  return [a.city, a.country?.nameEn].filter(Boolean).join(", ");
}

/**
 * A month of activities: a real table (weekday columns, one row per week) on
 * wider screens and a plain list on small ones. Works without JavaScript:
 * the month is in the URL (?month=YYYY-MM).
 */
export function ActivityCalendar({
  year,
  month,
  today,
  calendar,
  nav,
}: {
  year: number;
  month: number;
  today: string;
  calendar: CappedCalendar<CalendarItem>;
  nav: Nav;
}) {
  const { weeks, monthOnly, list, day } = calendar;
  const title = monthTitle(year, month);
  const monthParam = `${year}-${String(month).padStart(2, "0")}`;
  const showAll = `?month=${monthParam}&all=1#calendar-list`;
  return (
    <section id="calendar" aria-labelledby="calendar-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="calendar-heading" className="text-base font-semibold">
          Activity calendar
        </h2>
        <nav aria-label="Calendar months" className="flex flex-wrap items-center gap-2 text-sm">
          <Link to={nav.prev} className="rounded-md px-3 py-1.5 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={`Previous month: ${nav.prevLabel}`}>
            ← {nav.prevLabel}
          </Link>
          <span className="px-2 font-semibold" aria-current="page">
            {title}
          </span>
          <Link to={nav.next} className="rounded-md px-3 py-1.5 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={`Next month: ${nav.nextLabel}`}>
            {nav.nextLabel} →
          </Link>
          {nav.current ? (
            <Link to={nav.current} className="px-2 py-1.5 font-medium text-brand-700 underline">
              This month
            </Link>
          ) : null}
        </nav>
      </div>

      <div className="hidden overflow-x-auto md:block">
        <table className="w-full table-fixed border-collapse text-sm">
          <caption className="mb-2 text-left text-sm text-slate-700">Activities in {title}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map(([short, long]) => (
                <th key={short} scope="col" className="border border-slate-200 bg-slate-50 px-2 py-1.5 text-left font-medium text-slate-700">
                  <abbr title={long} className="no-underline">
                    {short}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0].date}>
                {week.map((d) => (
                  <td
                    key={d.date}
                    aria-current={d.date === today ? "date" : undefined}
                    className={`h-24 border border-slate-200 p-1.5 align-top ${d.inMonth ? "bg-white" : "bg-slate-50 text-slate-400"} ${
                      d.date === today ? "ring-2 ring-inset ring-brand-600" : ""
                    }`}
                  >
                    <time dateTime={d.date} className={`block text-xs font-semibold ${d.date === today ? "text-brand-800" : ""}`}>
                      {d.inMonth ? d.day : <span className="sr-only">{formatDate(d.date)}</span>}
                      {d.inMonth ? <span className="sr-only"> {title}</span> : null}
                    </time>
                    {d.entries.length ? (
                      <ul className="mt-1 space-y-1">
                        {d.entries.map((e) => (
                          <li key={e.activity.id} className="rounded bg-brand-50 px-1.5 py-1 text-xs leading-snug ring-1 ring-brand-100">
                            <Link to={`/activities/${e.activity.id}`} className="block break-words font-medium text-brand-800 underline-offset-2 hover:underline">
                              {e.activity.title}
                            </Link>
                            <span className="text-slate-700">
                              {ACTIVITY_KIND_LABELS[e.activity.kind] ?? e.activity.kind}
                              {e.spanDays > 1 ? ` · day ${e.dayOfSpan} of ${e.spanDays}` : ""}
                            </span>
                            <StatusNote status={e.activity.status} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {d.more ? (
                      <Link
                        to={`?month=${monthParam}&day=${d.date}#calendar-day`}
                        className="mt-1 inline-flex min-h-[1.5rem] items-center text-xs font-medium text-brand-700 underline underline-offset-2"
                        aria-label={`${d.more} more ${d.more === 1 ? "activity" : "activities"} on ${formatDate(d.date)}`}
                      >
                        +{d.more} more
                      </Link>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {day ? (
        <div id="calendar-day" className="mt-4 rounded-md border border-brand-100 bg-brand-50/40 p-3">
          <h3 className="text-sm font-semibold">
            Activities on {formatDate(day.date)} ({day.entries.length})
          </h3>
          <ul className="mt-2 divide-y divide-slate-100">
            {day.entries.map((e) => (
              <li key={e.activity.id} className="py-1.5 text-sm">
                <Link to={`/activities/${e.activity.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {e.activity.title}
                </Link>
                <span className="text-slate-700">
                  {" "}
                  · {ACTIVITY_KIND_LABELS[e.activity.kind] ?? e.activity.kind}
                  {e.spanDays > 1 ? ` · day ${e.dayOfSpan} of ${e.spanDays}` : ""}
                  {place(e.activity) ? ` · ${place(e.activity)}` : ""}
                </span>
                <StatusNote status={e.activity.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div id="calendar-list" className="md:hidden">
        <h3 className="text-sm font-semibold">Activities in {title}</h3>
        {list.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No activities with known days in {title}.</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-100">
            {list.map((a) => {
              const span = activitySpan(a)!;
              return (
                <li key={a.id} className="py-2 text-sm">
                  <span className="block text-slate-700">{formatDateRange(new Date(span.start), span.end === span.start ? null : new Date(span.end))}</span>
                  <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {a.title}
                  </Link>
                  <span className="block text-slate-600">
                    {ACTIVITY_KIND_LABELS[a.kind] ?? a.kind}
                    {place(a) ? ` · ${place(a)}` : ""}
                    <StatusNote status={a.status} />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {calendar.listTotal > list.length ? (
          <p className="mt-2 text-sm">
            Showing {list.length} of {calendar.listTotal}.{" "}
            <Link to={showAll} className="font-medium text-brand-700 underline">
              Show all {calendar.listTotal} activities
            </Link>
          </p>
        ) : null}
      </div>

      {monthOnly.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Known only to the month</h3>
          <p className="text-xs text-slate-600">Their days are not recorded, so they are not placed on the calendar.</p>
          <ul className="mt-1 space-y-1 text-sm">
            {monthOnly.map((a) => (
              <li key={a.id}>
                <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {a.title}
                </Link>{" "}
                <span className="text-slate-600">
                  · {ACTIVITY_KIND_LABELS[a.kind] ?? a.kind}
                  {place(a) ? ` · ${place(a)}` : ""}
                </span>
                <StatusNote status={a.status} />
              </li>
            ))}
          </ul>
          {calendar.monthOnlyTotal > monthOnly.length ? (
            <p className="mt-1 text-sm">
              Showing {monthOnly.length} of {calendar.monthOnlyTotal}.{" "}
              <Link to={showAll} className="font-medium text-brand-700 underline">
                Show all
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {calendar.listTotal + calendar.monthOnlyTotal === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          No activities in {title}. <Link to="/activities/new" className="text-brand-700 underline">Record an activity</Link> with its dates and it will appear here.
        </p>
      ) : null}
    </section>
  );
}
