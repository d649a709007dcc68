import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActivityCalendar } from "~/components/dashboard/activity-calendar";
import { AttentionPanel } from "~/components/dashboard/attention-panels";
import { buildCalendar, capCalendar, monthTitle } from "~/components/dashboard/calendar";
import { ProgrammeTable } from "~/components/programmes/portfolio-home";
import { Card, StatCard } from "~/components/ui/card";
import { monthActivities, monthKey, needsAttention, parseMonth, shiftMonth } from "~/models/dashboard.server";
import { listProgrammes, portfolioSummary } from "~/models/programme.server";
import { formatDate, formatNumber } from "~/utils/format";
import { ACTIVITY_KIND_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";

const DASHBOARD_PROGRAMMES = 10;

export const meta: MetaFunction = () => [{ title: "Workspace · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const now = new Date();
  const month = parseMonth(url.searchParams.get("month"), now);
  const [summary, programmes, attention, activities] = await Promise.all([
    portfolioSummary(scope),
    // The latest few: the whole portfolio is the programme list's job.
    listProgrammes(scope, DASHBOARD_PROGRAMMES),
    needsAttention(scope, now),
    monthActivities(scope, month),
  ]);
  const current = parseMonth(null, now);
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  // The calendar is laid out here and cut to a few entries a day, so a busy
  // month does not send (and render) every activity on every day it runs.
  const calendar = capCalendar(buildCalendar(month.year, month.month, activities), {
    all: url.searchParams.get("all") === "1",
    day: url.searchParams.get("day"),
  });
  return json({
    summary,
    programmes,
    attention,
    calendar,
    month,
    nav: {
      prev: `?month=${monthKey(prev)}#calendar`,
      next: `?month=${monthKey(next)}#calendar`,
      prevLabel: monthTitle(prev.year, prev.month),
      nextLabel: monthTitle(next.year, next.month),
      current: monthKey(current) === monthKey(month) ? null : "?#calendar",
    },
  });
}

const DAY = 86_400_000;

/** "12 days overdue", "due today", "in 3 days", from calendar dates. */
function relative(date: string | null, today: string): string {
  if (!date) return "";
  const days = Math.round((new Date(date).getTime() - new Date(today).getTime()) / DAY);
  if (days === 0) return "today";
  if (days < 0) return `${-days} ${days === -1 ? "day" : "days"} overdue`;
  return `in ${days} ${days === 1 ? "day" : "days"}`;
}

export default function Workspace() {
  const { summary, programmes, attention: a, calendar, month, nav } = useLoaderData<typeof loader>();
  const today = a.today.slice(0, 10);
  const thisMonth = monthTitle(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Cooperation workspace</h1>
        <p className="mt-1 text-slate-700">
          Every programme of the cooperation centre, with its agreements, activities and deliverables. Today is {formatDate(today)} (UTC).
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Summary">
        <StatCard label="Programmes" value={formatNumber(summary.programmes)} to="/programmes" />
        <StatCard label="Agreements" value={formatNumber(summary.agreements)} to="/agreements" />
        <StatCard label="Activities" value={formatNumber(summary.activities)} to="/activities" />
        <StatCard label="Open deliverables" value={formatNumber(summary.deliverablesOpen)} to="/deliverables" />
        <StatCard label="Participants recorded" value={formatNumber(summary.participants)} />
      </dl>

      <section aria-labelledby="attention-heading" className="space-y-3">
        <h2 id="attention-heading" className="text-lg font-semibold">
          Needs attention
        </h2>
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          <AttentionPanel
            id="overdue"
            title="Overdue deliverables"
            countLabel="overdue deliverables"
            tone="warning"
            count={a.overdue.count}
            href={a.links.overdue}
            empty="Nothing overdue: every open deliverable is within its due date."
            items={a.overdue.items.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              date: `due ${formatDate(d.dueDate)} · ${relative(d.dueDate, today)}`,
              dateTime: d.dueDate?.slice(0, 10),
              meta: [d.programme.code, d.responsibleOrg?.shortName].filter(Boolean).join(" · "),
            }))}
          />
          <AttentionPanel
            id="due-soon"
            title="Deliverables due in the next 30 days"
            countLabel="deliverables due in the next 30 days"
            count={a.dueSoon.count}
            href={a.links.dueSoon}
            empty="No open deliverable is due in the next 30 days."
            items={a.dueSoon.items.map((d) => ({
              to: `/deliverables/${d.id}`,
              title: d.title,
              date: `due ${formatDate(d.dueDate)} · ${relative(d.dueDate, today)}`,
              dateTime: d.dueDate?.slice(0, 10),
              meta: [d.programme.code, d.responsibleOrg?.shortName].filter(Boolean).join(" · "),
            }))}
          />
          <AttentionPanel
            id="expiring"
            title="Agreements expiring within 90 days"
            countLabel="agreements expiring within 90 days"
            count={a.expiring.count}
            href={a.links.expiring}
            empty="No live agreement expires in the next 90 days."
            items={a.expiring.items.map((x) => ({
              to: `/agreements/${x.id}`,
              title: x.title,
              date: `expires ${formatDate(x.expiresOn)} · ${relative(x.expiresOn, today)}`,
              dateTime: x.expiresOn?.slice(0, 10),
              meta: `${AGREEMENT_TYPE_LABELS[x.type] ?? x.type} · ${x.programme.code}`,
            }))}
          />
          <AttentionPanel
            id="outcomes"
            title="Outcomes without follow-up"
            countLabel="outcomes without follow-up"
            count={a.outcomesWithoutFollowUp.count}
            href={a.links.outcomesWithoutFollowUp}
            empty="Every outcome has a follow-up started or a deliverable linked."
            items={a.outcomesWithoutFollowUp.items.map((o) => ({
              to: `/outcomes/${o.id}`,
              title: o.text,
              date: o.dueDate ? `due ${formatDate(o.dueDate)}` : "no due date",
              dateTime: o.dueDate?.slice(0, 10),
              meta: `from ${o.activity.title}`,
            }))}
          />
          <AttentionPanel
            id="this-month"
            title={`Activities starting in ${thisMonth}`}
            countLabel={`activities starting in ${thisMonth}`}
            count={a.activitiesThisMonth.count}
            href={a.links.activitiesThisMonth}
            empty={`No activity starts in ${thisMonth}.`}
            items={a.activitiesThisMonth.items.map((x) => {
              const start = x.actualStart ?? x.plannedStart;
              return {
                to: `/activities/${x.id}`,
                title: x.title,
                date: x.datePrecision === "DAY" ? formatDate(start) : formatDate(start, "MONTH"),
                dateTime: start?.slice(0, 10),
                meta: `${ACTIVITY_KIND_LABELS[x.kind] ?? x.kind}${x.country ? ` · ${x.country.nameEn}` : ""}`,
              };
            })}
          />
        </div>
      </section>

      <ActivityCalendar year={month.year} month={month.month} today={today} calendar={calendar} nav={nav} />

      <Card title={programmes.length < summary.programmes ? `Latest ${programmes.length} of ${formatNumber(summary.programmes)} programmes` : "Programmes"}>
        <ProgrammeTable programmes={programmes} emptyMessage="No programmes yet. Programmes you record will be listed here." />
        {programmes.length < summary.programmes ? (
          <p className="mt-3 text-sm">
            <Link to="/programmes" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
              All {formatNumber(summary.programmes)} programmes
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
