import { dateTimeFormat } from "~/i18n/intl";
import { Link } from "@remix-run/react";
import { useMemo } from "react";
import { withNodes } from "~/components/ui/rich-text";
import { useFormat, useT } from "~/i18n/context";
import type { Locale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { monthTitle, weekdays, type Month, type SentCalendar, type ShownActivity } from "./calendar";

export type CalendarItem = ShownActivity;

type Nav = { prev: string; next: string; prevMonth: Month; nextMonth: Month; current: string | null; nearest: { to: string; month: Month } | null };

function StatusNote({ status }: { status: string }) {
  const t = useT();
  // Planned, ongoing and completed are the normal course; the others change what the entry means.
  if (status !== "CANCELLED" && status !== "POSTPONED") return null;
  return <span className="font-semibold text-amber-900"> · {t.label("activityStatus", status)}</span>;
}

function place(t: Translator, a: CalendarItem) {
  return [a.city, a.countryCode ? t.label("country", a.countryCode) : null].filter(Boolean).join(", ");
}

/**
 * A day of the month: the number shows, the rest of the full date is there
 * for screen readers, in the language's own order ("5| November 2019",
 * "5| ноября 2019 г.", "2019년 11월 |5|일").
 */
function DayNumber({ date, locale }: { date: string; locale: Locale }) {
  const parts = dateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(date));
  const at = parts.findIndex((p) => p.type === "day");
  const text = (from: number, to: number) => parts.slice(from, to).map((p) => p.value).join("");
  const before = text(0, at);
  const after = text(at + 1, parts.length);
  return (
    <>
      {before ? <span className="sr-only">{before}</span> : null}
      {parts[at]?.value}
      {after ? <span className="sr-only">{after}</span> : null}
    </>
  );
}

// The day cells' entries and "+n more" links are styled from the table: one
// class list for the month instead of one on each of its ~90 entries (they
// were a tenth of the dashboard's HTML). The look is the same as the same
// utilities on each element.
const CELL_STYLES = [
  "[&_td_li]:rounded [&_td_li]:bg-brand-50 [&_td_li]:px-1.5 [&_td_li]:py-1 [&_td_li]:text-xs [&_td_li]:leading-snug [&_td_li]:ring-1 [&_td_li]:ring-brand-100",
  "[&_td_li>a]:block [&_td_li>a]:break-words [&_td_li>a]:font-medium [&_td_li>a]:text-brand-800 [&_td_li>a]:underline-offset-2 [&_td_li>a:hover]:underline",
  "[&_td_li>a+span]:text-slate-700",
  "[&_td>a]:mt-1 [&_td>a]:inline-flex [&_td>a]:min-h-[1.5rem] [&_td>a]:items-center [&_td>a]:text-xs [&_td>a]:font-medium [&_td>a]:text-brand-700 [&_td>a]:underline [&_td>a]:underline-offset-2",
].join(" ");

/** "Study visit · day 2 of 5" */
function kindAndDay(t: Translator, kind: string, e: { dayOfSpan: number; spanDays: number }) {
  const k = t.label("activityKind", kind);
  return e.spanDays > 1 ? `${k} · ${t("workspace.calendar.dayOf", { day: e.dayOfSpan, days: e.spanDays })}` : k;
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
  calendar: SentCalendar<CalendarItem>;
  nav: Nav;
}) {
  const t = useT();
  const fmt = useFormat();
  const { weeks, activities } = calendar;
  // Each activity is sent once; the days and lists name it by id.
  const withActivity = (e: { id: string; dayOfSpan: number; spanDays: number }) => ({ ...e, activity: activities[e.id]! });
  const monthOnly = calendar.monthOnly.map((id) => activities[id]!);
  const list = calendar.list.map((id) => activities[id]!);
  const day = calendar.day ? { date: calendar.day.date, entries: calendar.day.entries.map(withActivity) } : null;
  const title = monthTitle(year, month, t.locale);
  const prevLabel = monthTitle(nav.prevMonth.year, nav.prevMonth.month, t.locale);
  const nextLabel = monthTitle(nav.nextMonth.year, nav.nextMonth.month, t.locale);
  const days = useMemo(() => weekdays(t.locale), [t.locale]);
  const monthParam = `${year}-${String(month).padStart(2, "0")}`;
  const showAll = `?month=${monthParam}&all=1#calendar-list`;
  return (
    <section id="calendar" aria-labelledby="calendar-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="calendar-heading" className="text-base font-semibold">
          {t("workspace.calendar.heading")}
        </h2>
        <nav aria-label={t("workspace.calendar.months")} className="flex flex-wrap items-center gap-2 text-sm">
          <Link to={nav.prev} className="rounded-md px-3 py-1.5 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={t("workspace.calendar.previous", { month: prevLabel })}>
            ← {prevLabel}
          </Link>
          <span className="px-2 font-semibold" aria-current="page">
            {title}
          </span>
          <Link to={nav.next} className="rounded-md px-3 py-1.5 font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50" aria-label={t("workspace.calendar.next", { month: nextLabel })}>
            {nextLabel} →
          </Link>
          {nav.current ? (
            <Link to={nav.current} className="px-2 py-1.5 font-medium text-brand-700 underline">
              {t("workspace.calendar.thisMonth")}
            </Link>
          ) : null}
        </nav>
      </div>

      <div className="hidden overflow-x-auto md:block">
        <table className={`w-full table-fixed border-collapse text-sm ${CELL_STYLES}`}>
          <caption className="mb-2 text-left text-sm text-slate-700">{t("workspace.calendar.caption", { month: title })}</caption>
          <thead>
            <tr>
              {days.map(([short, long]) => (
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
                      {d.inMonth ? <DayNumber date={d.date} locale={t.locale} /> : <span className="sr-only">{fmt.date(d.date)}</span>}
                    </time>
                    {d.entries.length ? (
                      <ul className="mt-1 space-y-1">
                        {d.entries.map(withActivity).map((e) => (
                          <li key={e.activity.id}>
                            <Link to={`/activities/${e.activity.id}`}>{e.activity.title}</Link>
                            <span>{kindAndDay(t, e.activity.kind, e)}</span>
                            <StatusNote status={e.activity.status} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {d.more ? (
                      <Link
                        to={`?month=${monthParam}&day=${d.date}#calendar-day`}
                        aria-label={t("workspace.calendar.moreOn", { count: d.more, date: fmt.date(d.date) })}
                      >
                        {t("workspace.calendar.more", { count: d.more })}
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
            {t("workspace.calendar.dayHeading", { date: fmt.date(day.date), count: day.entries.length })}
          </h3>
          <ul className="mt-2 divide-y divide-slate-100">
            {day.entries.map((e) => (
              <li key={e.activity.id} className="py-1.5 text-sm">
                <Link to={`/activities/${e.activity.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {e.activity.title}
                </Link>
                <span className="text-slate-700">
                  {" "}
                  · {kindAndDay(t, e.activity.kind, e)}
                  {place(t, e.activity) ? ` · ${place(t, e.activity)}` : ""}
                </span>
                <StatusNote status={e.activity.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div id="calendar-list" className="md:hidden">
        <h3 className="text-sm font-semibold">{t("workspace.calendar.caption", { month: title })}</h3>
        {list.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("workspace.calendar.listEmpty", { month: title })}</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-100">
            {list.map((a) => {
              return (
                <li key={a.id} className="py-2 text-sm">
                  <span className="block text-slate-700">{fmt.dateRange(new Date(a.start), a.end === a.start ? null : new Date(a.end))}</span>
                  <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {a.title}
                  </Link>
                  <span className="block text-slate-600">
                    {t.label("activityKind", a.kind)}
                    {place(t, a) ? ` · ${place(t, a)}` : ""}
                    <StatusNote status={a.status} />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        {calendar.listTotal > list.length ? (
          <p className="mt-2 text-sm">
            {t("workspace.calendar.showing", { shown: list.length, count: calendar.listTotal })}{" "}
            <Link to={showAll} className="font-medium text-brand-700 underline">
              {t("workspace.calendar.showAllActivities", { count: calendar.listTotal })}
            </Link>
          </p>
        ) : null}
      </div>

      {monthOnly.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">{t("workspace.calendar.monthOnly")}</h3>
          <p className="text-xs text-slate-600">{t("workspace.calendar.monthOnlyNote")}</p>
          <ul className="mt-1 space-y-1 text-sm">
            {monthOnly.map((a) => (
              <li key={a.id}>
                <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {a.title}
                </Link>{" "}
                <span className="text-slate-600">
                  · {t.label("activityKind", a.kind)}
                  {place(t, a) ? ` · ${place(t, a)}` : ""}
                </span>
                <StatusNote status={a.status} />
              </li>
            ))}
          </ul>
          {calendar.monthOnlyTotal > monthOnly.length ? (
            <p className="mt-1 text-sm">
              {t("workspace.calendar.showing", { shown: monthOnly.length, count: calendar.monthOnlyTotal })}{" "}
              <Link to={showAll} className="font-medium text-brand-700 underline">
                {t("workspace.calendar.showAll")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {calendar.listTotal + calendar.monthOnlyTotal === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          {withNodes(t("workspace.calendar.empty", { month: title }), {
            link: (
              <Link to="/activities/new" className="text-brand-700 underline">
                {t("workspace.calendar.emptyLink")}
              </Link>
            ),
          })}
          {nav.nearest ? (
            <>
              {" "}
              <Link to={nav.nearest.to} className="font-medium text-brand-700 underline">
                {t("workspace.calendar.nearest", { month: monthTitle(nav.nearest.month.year, nav.nearest.month.month, t.locale) })}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
