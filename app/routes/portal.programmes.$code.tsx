import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { IndicatorChart, IndicatorTable } from "~/components/portal/indicator-chart";
import { ParticipantsChart, ParticipantsTable } from "~/components/portal/participants-chart";
import { DeliverableGroups, OutcomeList } from "~/components/portal/progress-sections";
import { ProgrammeTimeline } from "~/components/programmes/programme-timeline";
import { Section } from "~/components/records/record-parts";
import { Badge, StatCard } from "~/components/ui/card";
import { getPortalProgramme, participantsByYear } from "~/models/portal.server";
import { startOfToday } from "~/models/deliverable.server";
import { formatDate, formatDateRange, formatNumber, type Precision } from "~/utils/format";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS, PROGRAMME_STATUS_LABELS } from "~/utils/labels";
import { RESULT_TYPE_LABELS } from "~/utils/labels-results";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.programme.title ?? "Programme"} · Progress portal · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const found = await getPortalProgramme(scope, params.code ?? "");
  if (!found) throw new Response("Programme not found", { status: 404 });
  const participants = await participantsByYear(scope, found.programme.id);
  return json({ ...found, participants, today: startOfToday().toISOString().slice(0, 10) });
}

export default function ProgrammeProgress() {
  const { programme: p, agreements, activities, deliverables, outcomes, indicators, documents, participants, today } = useLoaderData<typeof loader>();
  const held = activities.filter((a) => a.status === "COMPLETED").length;
  const planned = activities.filter((a) => a.status === "PLANNED" || a.status === "ONGOING" || a.status === "POSTPONED").length;
  const open = deliverables.filter((d) => d.status === "NOT_STARTED" || d.status === "IN_PROGRESS").length;
  const overdue = deliverables.filter((d) => d.overdue).length;
  const trained = participants.reduce((n, r) => n + r.total, 0);
  const funders = p.organisations.filter((o) => o.role === "FUNDING").map((o) => o.organisation.shortName);
  const implementers = p.organisations.filter((o) => o.role === "IMPLEMENTING").map((o) => o.organisation.shortName);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/portal" className="text-brand-700 underline">
          Progress portal
        </Link>{" "}
        <span aria-hidden="true">›</span> <span className="text-slate-600">{p.code}</span>
      </nav>
      <div className="space-y-2">
        <h1 className="break-words text-2xl font-bold">{p.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <Badge tone={p.status === "IMPLEMENTATION" ? "green" : "slate"}>{PROGRAMME_STATUS_LABELS[p.status]}</Badge>
          <span>{p.countries.map((c) => c.country.nameEn).join(", ")}</span>
          <span aria-hidden="true">·</span>
          <span>{formatDateRange(p.actualStart ?? p.plannedStart, p.actualEnd ?? p.plannedEnd)}</span>
          {funders.length ? (
            <>
              <span aria-hidden="true">·</span>
              <span>Funded by {funders.join(", ")}</span>
            </>
          ) : null}
          {implementers.length ? (
            <>
              <span aria-hidden="true">·</span>
              <span>Implemented by {implementers.join(", ")}</span>
            </>
          ) : null}
        </div>
        {p.description ? <p className="max-w-3xl whitespace-pre-line break-words text-slate-800">{p.description}</p> : null}
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Progress at a glance">
        <StatCard label="Activities held" value={formatNumber(held)} />
        <StatCard label="Activities planned" value={formatNumber(planned)} />
        <StatCard label="Open deliverables" value={formatNumber(open)} />
        <StatCard label="Overdue deliverables" value={formatNumber(overdue)} tone={overdue ? "warning" : "default"} />
        <StatCard label="Participants trained" value={formatNumber(trained)} />
      </dl>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title={`Activities (${activities.length})`}>
            <ProgrammeTimeline activities={activities} linkable={false} today={today} />
          </Section>
          <Section title={`Outcomes agreed at workshops and meetings (${outcomes.length})`}>
            <OutcomeList outcomes={outcomes} />
          </Section>
          <Section title={`Deliverables (${deliverables.length})`}>
            <DeliverableGroups deliverables={deliverables} />
          </Section>
        </div>
        <div className="space-y-6">
          <Section title={`Agreements (${agreements.length})`}>
            {agreements.length === 0 ? (
              <p className="text-sm text-slate-600">No agreements recorded.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {agreements.map((a) => (
                  <li key={a.id} className="py-2">
                    <p className="break-words font-medium">{a.title}</p>
                    <p className="text-slate-600">
                      {AGREEMENT_TYPE_LABELS[a.type]} · {AGREEMENT_STATUS_LABELS[a.status]}
                      {a.signedOn ? ` · signed ${formatDate(a.signedOn, a.signedPrecision as Precision)}` : ""}
                      {a.expiresOn ? ` · until ${formatDate(a.expiresOn)}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={`Documents shared with you (${documents.length})`}>
            {documents.length === 0 ? (
              <p className="text-sm text-slate-600">No documents have been shared with partners yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {documents.map((d) => (
                  <li key={d.id} className="py-2">
                    <a href={`/documents/${d.id}/download`} className="break-words font-medium text-brand-700 underline-offset-2 hover:underline">
                      {d.title}
                    </a>
                    <p className="break-all text-slate-600">
                      {d.originalName} · {formatBytes(d.sizeBytes)}
                      {d.documentDate ? ` · ${formatDate(d.documentDate)}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>

      <Section title="Participants trained, by sex and year">
        {participants.length === 0 ? (
          <p className="text-sm text-slate-600">No participants have been recorded for activities that have taken place.</p>
        ) : (
          <div className="grid items-start gap-6 lg:grid-cols-2">
            <ParticipantsChart rows={participants} />
            <ParticipantsTable rows={participants} />
          </div>
        )}
        <p className="mt-3 text-xs text-slate-600">
          Counts the participants of completed and ongoing activities, by the year they started (or were planned to start).
        </p>
      </Section>

      <section aria-labelledby="indicators-heading" className="space-y-3">
        <h2 id="indicators-heading" className="text-lg font-semibold">
          Results indicators ({indicators.length})
        </h2>
        {indicators.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">
            No results indicators have been set for this programme.
          </p>
        ) : (
          indicators.map((i) => (
            <Section key={i.id} title={i.title}>
              <p className="-mt-2 mb-3 text-sm text-slate-600">
                {RESULT_TYPE_LABELS[i.resultType]}
                {i.unitLabel ? ` · measured in ${i.unitLabel}` : ""}
                {i.measure === "PERCENTAGE" ? " · percentage" : ""}
                {i.ascending ? "" : " · lower is better"}
              </p>
              {i.description ? <p className="mb-3 whitespace-pre-line break-words text-sm text-slate-800">{i.description}</p> : null}
              {i.periods.length === 0 && i.baselineValue === null ? (
                <p className="text-sm text-slate-600">No baseline or targets recorded yet.</p>
              ) : (
                <div className="grid items-start gap-6 xl:grid-cols-2">
                  <IndicatorChart indicator={i} />
                  <IndicatorTable indicator={i} />
                </div>
              )}
            </Section>
          ))
        )}
      </section>
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
