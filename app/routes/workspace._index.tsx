import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActivityCalendar } from "~/components/dashboard/activity-calendar";
import { AttentionPanel } from "~/components/dashboard/attention-panels";
import { buildCalendar, calendarShown, capCalendar, monthTitle, packCalendar } from "~/components/dashboard/calendar";
import { ProgrammeTable } from "~/components/programmes/portfolio-home";
import { Card, StatCard } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import type { Translator } from "~/i18n/translate";
import { monthCalendar, monthKey, nearestActivityMonth, needsAttention, parseMonth, shiftMonth } from "~/models/dashboard.server";
import { readerView } from "~/i18n/narrative";
import { listProgrammes, portfolioSummary } from "~/models/programme.server";
import { withDomainErrors } from "~/utils/respond.server";

const DASHBOARD_PROGRAMMES = 10;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Workspace · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const t = await requestTranslator(request);
  const url = new URL(request.url);
  const now = new Date();
  const month = parseMonth(url.searchParams.get("month"), now);
  const show = { all: url.searchParams.get("all") === "1", day: url.searchParams.get("day") };
  const [summary, storedProgrammes, storedAttention, { activities: storedActivities, counts }] = await Promise.all([
    portfolioSummary(scope),
    // The latest few: the whole portfolio is the programme list's job.
    listProgrammes(scope, DASHBOARD_PROGRAMMES),
    needsAttention(scope, now),
    // Only the activities the calendar shows, with the month's counts.
    monthCalendar(scope, month, show),
  ]);
  // Record titles in the reader's language where the records have them
  // (before the calendar is laid out: its days list activities by title).
  const { programmes, attention, activities } = readerView(
    { programmes: storedProgrammes, attention: storedAttention, activities: storedActivities },
    t.locale,
  );
  const current = parseMonth(null, now);
  // An empty month offers the nearest one with activities.
  const nearest = counts.list + counts.monthOnly === 0 ? await nearestActivityMonth(scope, month) : null;
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  // The calendar is laid out here and cut to a few entries a day, so a busy
  // month does not send (and render) every activity on every day it runs.
  // Sent with each activity once, the days referring to it by id.
  const calendar = packCalendar(capCalendar(buildCalendar(month.year, month.month, activities), { ...show, counts }), calendarShown);
  return json({
    pageTitle: t("workspace.pageTitle"),
    summary,
    // The table names the countries by code and only the funders among the organisations.
    programmes: programmes.map((p) => ({
      ...p,
      countries: p.countries.map((c) => ({ country: { code: c.country.code, nameEn: c.country.nameEn } })),
      organisations: p.organisations.filter((o) => o.role === "FUNDING").map((o) => ({ role: o.role, organisation: { shortName: o.organisation.shortName } })),
    })),
    attention,
    calendar,
    month,
    nav: {
      prev: `?month=${monthKey(prev)}#calendar`,
      next: `?month=${monthKey(next)}#calendar`,
      prevMonth: prev,
      nextMonth: next,
      current: monthKey(current) === monthKey(month) ? null : "?#calendar",
      nearest: nearest ? { to: `?month=${monthKey(nearest)}#calendar`, month: nearest } : null,
    },
  });
});

const DAY = 86_400_000;

/** "12 days overdue", "due today", "in 3 days", from calendar dates. */
function relative(t: Translator, date: string | null, today: string): string {
  if (!date) return "";
  const days = Math.round((new Date(date).getTime() - new Date(today).getTime()) / DAY);
  if (days === 0) return t("workspace.relative.today");
  if (days < 0) return t("workspace.relative.overdue", { count: -days });
  return t("workspace.relative.in", { count: days });
}

export default function Workspace() {
  const { summary, programmes, attention: a, calendar, month, nav } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const today = a.today.slice(0, 10);
  const thisMonth = monthTitle(Number(today.slice(0, 4)), Number(today.slice(5, 7)), t.locale);
  const due = (date: string | null) => t("workspace.attention.due", { date: fmt.date(date) });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("workspace.heading")}</h1>
        <p className="mt-1 text-slate-700">{t("workspace.intro", { date: fmt.date(today) })}</p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("workspace.summary")}>
        <StatCard label={t("workspace.stat.programmes")} value={fmt.number(summary.programmes)} to="/programmes" />
        <StatCard label={t("workspace.stat.agreements")} value={fmt.number(summary.agreements)} to="/agreements" />
        <StatCard label={t("workspace.stat.activities")} value={fmt.number(summary.activities)} to="/activities" />
        <StatCard label={t("workspace.stat.deliverablesOpen")} value={fmt.number(summary.deliverablesOpen)} to="/deliverables" />
        <StatCard label={t("workspace.stat.participants")} value={fmt.number(summary.participants)} />
      </dl>

      <section aria-labelledby="attention-heading" className="space-y-3">
        <h2 id="attention-heading" className="text-lg font-semibold">
          {t("workspace.attention.heading")}
        </h2>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          <AttentionPanel
            id="overdue"
            title={t("workspace.overdue.title")}
            countLabel={t("workspace.overdue.showAll", { count: a.overdue.count })}
            allLabel={t("workspace.overdue.all", { count: a.overdue.count })}
            tone="warning"
            count={a.overdue.count}
            href={a.links.overdue}
            empty={t("workspace.overdue.empty")}
            items={a.overdue.items.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              date: `${due(d.dueDate)} · ${relative(t, d.dueDate, today)}`,
              dateTime: d.dueDate?.slice(0, 10),
              meta: [d.programme.code, d.responsibleOrg?.shortName].filter(Boolean).join(" · "),
            }))}
          />
          <AttentionPanel
            id="due-soon"
            title={t("workspace.dueSoon.title")}
            countLabel={t("workspace.dueSoon.showAll", { count: a.dueSoon.count })}
            allLabel={t("workspace.dueSoon.all", { count: a.dueSoon.count })}
            count={a.dueSoon.count}
            href={a.links.dueSoon}
            empty={t("workspace.dueSoon.empty")}
            items={a.dueSoon.items.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              date: `${due(d.dueDate)} · ${relative(t, d.dueDate, today)}`,
              dateTime: d.dueDate?.slice(0, 10),
              meta: [d.programme.code, d.responsibleOrg?.shortName].filter(Boolean).join(" · "),
            }))}
          />
          <AttentionPanel
            id="expiring"
            title={t("workspace.expiring.title")}
            countLabel={t("workspace.expiring.showAll", { count: a.expiring.count })}
            allLabel={t("workspace.expiring.all", { count: a.expiring.count })}
            count={a.expiring.count}
            href={a.links.expiring}
            empty={t("workspace.expiring.empty")}
            items={a.expiring.items.map((x) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              date: `${t("workspace.expiring.expires", { date: fmt.date(x.expiresOn) })} · ${relative(t, x.expiresOn, today)}`,
              dateTime: x.expiresOn?.slice(0, 10),
              meta: `${t.label("agreementType", x.type)} · ${x.programme.code}`,
            }))}
          />
          <AttentionPanel
            id="expired"
            title={t("workspace.expired.title")}
            countLabel={t("workspace.expired.showAll", { count: a.expired.count })}
            allLabel={t("workspace.expired.all", { count: a.expired.count })}
            tone="warning"
            count={a.expired.count}
            href={a.links.expired}
            empty={t("workspace.expired.empty")}
            items={a.expired.items.map((x) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              date: t("workspace.expired.expired", { date: fmt.date(x.expiredOn) }),
              dateTime: x.expiredOn?.slice(0, 10),
              meta: `${t.label("agreementType", x.type)} · ${x.programme.code}`,
            }))}
          />
          <AttentionPanel
            id="outcomes"
            title={t("workspace.outcomes.title")}
            countLabel={t("workspace.outcomes.showAll", { count: a.outcomesWithoutFollowUp.count })}
            allLabel={t("workspace.outcomes.all", { count: a.outcomesWithoutFollowUp.count })}
            count={a.outcomesWithoutFollowUp.count}
            href={a.links.outcomesWithoutFollowUp}
            empty={t("workspace.outcomes.empty")}
            items={a.outcomesWithoutFollowUp.items.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: o.text,
              date: o.dueDate ? due(o.dueDate) : t("workspace.attention.noDueDate"),
              dateTime: o.dueDate?.slice(0, 10),
              meta: t("workspace.outcomes.from", { activity: o.activity.title }),
            }))}
          />
          <AttentionPanel
            id="follow-ups"
            title={t("workspace.followUps.title")}
            countLabel={t("workspace.followUps.showAll", { count: a.followUpsOverdue.count })}
            allLabel={t("workspace.followUps.all", { count: a.followUpsOverdue.count })}
            tone="warning"
            count={a.followUpsOverdue.count}
            href={a.links.followUpsOverdue}
            empty={t("workspace.followUps.empty")}
            items={a.followUpsOverdue.items.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: o.text,
              date: o.followUps[0] ? `${t("workspace.followUps.due", { action: o.followUps[0].description, date: fmt.date(o.followUps[0].dueDate) })} · ${relative(t, o.followUps[0].dueDate, today)}` : "",
              dateTime: o.followUps[0]?.dueDate?.slice(0, 10),
              meta: t("workspace.outcomes.from", { activity: o.activity.title }),
            }))}
          />
          <AttentionPanel
            id="this-month"
            title={t("workspace.thisMonth.title", { month: thisMonth })}
            countLabel={t("workspace.thisMonth.showAll", { count: a.activitiesThisMonth.count, month: thisMonth })}
            allLabel={t("workspace.thisMonth.all", { count: a.activitiesThisMonth.count, month: thisMonth })}
            count={a.activitiesThisMonth.count}
            href={a.links.activitiesThisMonth}
            empty={t("workspace.thisMonth.empty", { month: thisMonth })}
            items={a.activitiesThisMonth.items.map((x) => {
              const start = x.actualStart ?? x.plannedStart;
              return {
                to: `/activities/${x.id}`,
                title: x.title,
                date: x.datePrecision === "DAY" ? fmt.date(start) : fmt.date(start, "MONTH"),
                dateTime: start?.slice(0, 10),
                meta: `${t.label("activityKind", x.kind)}${x.countryCode ? ` · ${t.label("country", x.countryCode)}` : ""}`,
              };
            })}
          />
        </div>
      </section>

      <ActivityCalendar year={month.year} month={month.month} today={today} calendar={calendar} nav={nav} />

      <Card
        title={
          programmes.length < summary.programmes
            ? t("workspace.programmes.latest", { shown: programmes.length, count: summary.programmes })
            : t("workspace.programmes.title")
        }
      >
        <ProgrammeTable programmes={programmes} emptyMessage={t("workspace.programmes.empty")} />
        {programmes.length < summary.programmes ? (
          <p className="mt-3 text-sm">
            <Link to="/programmes" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
              {t("workspace.programmes.all", { count: summary.programmes })}
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
