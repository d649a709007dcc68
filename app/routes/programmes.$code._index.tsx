import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { isStaffRole } from "~/auth/permissions";
import { ProgrammeTimeline } from "~/components/programmes/programme-timeline";
import { ActionLink, Facts, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge, StatCard } from "~/components/ui/card";
import { listHistory } from "~/models/history.server";
import { programmeCounts, programmeFundingTotals, programmeSections, requireProgramme } from "~/models/programme.server";
import { HistoryList } from "~/components/records/record-parts";
import { sectorLabel } from "~/utils/codelists";
import { PROGRAMME_FIELD_LABELS } from "~/utils/labels-programme";
import { formatDate, formatDateRange, formatMoney, formatNumber, type Precision } from "~/utils/format";
import {
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TYPE_LABELS,
  DELIVERABLE_STATUS_LABELS,
  FOLLOW_UP_LABELS,
  FUNDING_KIND_LABELS,
  ORGANISATION_ROLE_LABELS,
  OUTCOME_TYPE_LABELS,
  PROGRAMME_STATUS_LABELS,
  RESULT_TYPE_LABELS,
} from "~/utils/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} · Concord` : "Programme · Concord" },
];

const DAY = 86_400_000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, user } = await requireUser(request);
  // Partners follow their programmes in the progress portal.
  if (scope.kind === "partner") throw redirect(`/portal/programmes/${encodeURIComponent(params.code ?? "")}`);
  const programme = await requireProgramme(scope, params.code ?? "");
  const staff = scope.kind === "staff";
  const [counts, sections, funding, history] = await Promise.all([
    programmeCounts(scope, programme.id),
    programmeSections(scope, programme.id),
    programmeFundingTotals(programme.id),
    staff ? listHistory("Programme", programme.id, 20) : Promise.resolve([]),
  ]);
  return json({ programme, counts, sections, funding, history, staff: isStaffRole(user.role), today: new Date().toISOString().slice(0, 10) });
}

/** A file download: a plain link (not client-side navigation) to a resource route. */
function DownloadLink({ href, children }: { href: string; children: string }) {
  return (
    <a
      href={href}
      download
      className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
    >
      {children}
    </a>
  );
}

/** One line per organisation with all its roles ("WB — Extending, Implementing"). */
function groupRoles(rows: { organisationId: string; role: string; organisation: { shortName: string } }[]) {
  const byOrg = new Map<string, { id: string; shortName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byOrg.get(r.organisationId) ?? { id: r.organisationId, shortName: r.organisation.shortName, roles: [] };
    entry.roles.push(r.role);
    byOrg.set(r.organisationId, entry);
  }
  return [...byOrg.values()];
}

function isOpen(status: string) {
  return status === "NOT_STARTED" || status === "IN_PROGRESS";
}

/** "Showing 20 of 312 · All 312 activities" under a section cut to its first records. */
function MoreLink({ shown, total, noun, to, staff, code }: { shown: number; total: number; noun: string; to: string; staff: boolean; code: string }) {
  if (total <= shown) return null;
  return (
    <p className="mt-3 text-sm text-slate-700">
      Showing {formatNumber(shown)} of {formatNumber(total)}.{" "}
      {staff ? (
        <Link to={to} className="font-medium text-brand-700 underline underline-offset-2">
          All {formatNumber(total)} {noun}
        </Link>
      ) : (
        <a href={`/reports/programmes/${encodeURIComponent(code)}.xlsx`} download className="font-medium text-brand-700 underline underline-offset-2">
          All {formatNumber(total)} {noun} in the workbook (XLSX)
        </a>
      )}
    </p>
  );
}

export default function ProgrammePage() {
  const { programme: p, counts, sections, funding, history, staff, today } = useLoaderData<typeof loader>();
  const live = <T extends { archivedAt: string | null }>(rows: T[]) => rows.filter((r) => !r.archivedAt);
  const { agreements, activities, deliverables, outcomes } = sections;
  const indicators = live(p.indicators);
  const soon = new Date(Date.parse(today) + 90 * DAY).toISOString().slice(0, 10);
  const add = (to: string, label: string) => (staff ? <ActionLink to={to}>{label}</ActionLink> : null);

  return (
    <div className="space-y-6">
      <Notice />
      <RecordHeader
        kicker={p.code}
        title={p.title}
        archived={Boolean(p.archivedAt)}
        badges={
          <>
            <Badge tone="green">{PROGRAMME_STATUS_LABELS[p.status]}</Badge>
            {p.actualStart || p.plannedStart || p.actualEnd || p.plannedEnd ? (
              <span>{formatDateRange(p.actualStart ?? p.plannedStart, p.actualEnd ?? p.plannedEnd)}</span>
            ) : null}
            <span aria-hidden="true">·</span>
            <span>{p.countries.map((c) => c.country.nameEn).join(", ") || "No partner country recorded"}</span>
          </>
        }
        actions={
          <>
            <DownloadLink href={`/reports/programmes/${encodeURIComponent(p.code)}.pdf`}>Report (PDF)</DownloadLink>
            <DownloadLink href={`/reports/programmes/${encodeURIComponent(p.code)}.xlsx`}>Workbook (XLSX)</DownloadLink>
            <DownloadLink href={`/reports/iati.xml?programme=${encodeURIComponent(p.code)}`}>IATI XML (2.03)</DownloadLink>
            {staff ? (
              <>
                <ActionLink to={`/programmes/${p.code}/edit`}>Edit</ActionLink>
                <LifecycleActions archived={Boolean(p.archivedAt)} action={`/programmes/${p.code}/lifecycle`} />
              </>
            ) : null}
          </>
        }
      />

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Programme summary">
        <StatCard label="Agreements" value={formatNumber(counts.agreements)} />
        <StatCard label="Activities" value={formatNumber(counts.activities)} />
        <StatCard label="Participants" value={formatNumber(counts.participants)} />
        <StatCard label="Open deliverables" value={formatNumber(counts.deliverablesOpen)} />
        <StatCard label="Overdue deliverables" value={formatNumber(counts.deliverablesOverdue)} tone={counts.deliverablesOverdue ? "warning" : "default"} />
        <StatCard label="Outcomes followed up" value={`${formatNumber(counts.outcomesFollowedUp)} of ${formatNumber(counts.outcomes)}`} />
      </dl>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Section title="About">
          {p.description ? <p className="whitespace-pre-line text-sm text-slate-800">{p.description}</p> : <p className="text-sm text-slate-600">No description yet.</p>}
          {p.objectives ? (
            <>
              <h3 className="mt-4 text-sm font-semibold">Objectives</h3>
              <p className="whitespace-pre-line text-sm text-slate-800">{p.objectives}</p>
            </>
          ) : null}
          {p.sourceNote ? <p className="mt-4 text-xs text-slate-600">Source: {p.sourceNote}</p> : null}
        </Section>
        <Section title="Organisations">
          <ul className="space-y-1 text-sm">
            {groupRoles(p.organisations).map((o) => (
              <li key={o.id}>
                {staff ? (
                  <Link to={`/organisations/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {o.shortName}
                  </Link>
                ) : (
                  <span className="font-medium">{o.shortName}</span>
                )}{" "}
                <span className="text-slate-600">— {o.roles.map((r) => ORGANISATION_ROLE_LABELS[r]).join(", ")}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Budget and sectors">
          <Facts
            items={[
              ["Budget", formatMoney(p.budgetAmount, p.budgetCurrency)],
              ["IATI identifier", p.iatiIdentifier],
            ]}
          />
          {p.sectors.length ? (
            <ul className="mt-3 text-sm">
              {p.sectors.map((s) => (
                <li key={s.sectorCode}>
                  {sectorLabel(s.sectorCode)} — {Number(s.percentage)}%
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      </div>

      <Section title={`Agreements (${formatNumber(counts.agreements)})`} actions={add(`/agreements/new?programme=${p.id}`, "Add agreement")}>
        {agreements.length === 0 ? (
          <p className="text-sm text-slate-600">No agreements recorded for this programme.{staff ? " Add the MoU or contract it rests on." : ""}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Agreements of the programme</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-4 font-medium">Agreement</th>
                  <th scope="col" className="py-1 pr-4 font-medium">Type</th>
                  <th scope="col" className="py-1 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-1 pr-4 font-medium">Signed</th>
                  <th scope="col" className="py-1 font-medium">Expires</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {agreements.map((a) => {
                  const expiring = a.expiresOn && a.expiresOn.slice(0, 10) >= today && a.expiresOn.slice(0, 10) <= soon && a.status !== "EXPIRED" && a.status !== "TERMINATED";
                  return (
                    <tr key={a.id} className="align-top">
                      <td className="max-w-md py-2 pr-4">
                        {staff ? (
                          <Link to={`/agreements/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                            {a.title}
                          </Link>
                        ) : (
                          <span className="font-medium">{a.title}</span>
                        )}
                        <div className="text-xs text-slate-600">{a.parties.map((x) => x.organisation.shortName).join(", ")}</div>
                      </td>
                      <td className="py-2 pr-4">{AGREEMENT_TYPE_LABELS[a.type]}</td>
                      <td className="py-2 pr-4">{AGREEMENT_STATUS_LABELS[a.status]}</td>
                      <td className="whitespace-nowrap py-2 pr-4">{a.signedOn ? formatDate(a.signedOn, a.signedPrecision as Precision) : "Not recorded"}</td>
                      <td className="whitespace-nowrap py-2">
                        {formatDate(a.expiresOn)} {expiring ? <Badge tone="amber">Expires within 90 days</Badge> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <MoreLink shown={agreements.length} total={counts.agreements} noun="agreements" to={`/agreements?programme=${p.id}`} staff={staff} code={p.code} />
      </Section>

      <Section title={`Activities (${formatNumber(counts.activities)})`} actions={add(`/activities/new?programme=${p.id}`, "Add activity")}>
        {activities.length < counts.activities ? (
          <p className="mb-3 text-sm text-slate-700">The {formatNumber(activities.length)} most recent and upcoming activities.</p>
        ) : null}
        <ProgrammeTimeline activities={activities} linkable={staff} today={today} />
        <MoreLink shown={activities.length} total={counts.activities} noun="activities" to={`/activities?programme=${p.id}`} staff={staff} code={p.code} />
      </Section>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Deliverables (${formatNumber(counts.deliverables)})`} actions={add(`/deliverables/new?programme=${p.id}`, "Add deliverable")}>
          {deliverables.length === 0 ? (
            <p className="text-sm text-slate-600">No deliverables are owed under this programme.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {deliverables.map((d) => {
                const late = d.dueDate && d.dueDate.slice(0, 10) < today && isOpen(d.status);
                return (
                  <li key={d.id} className="py-2 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      {staff ? (
                        <Link to={`/deliverables/${d.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                          {d.title}
                        </Link>
                      ) : (
                        <span className="font-medium">{d.title}</span>
                      )}
                      <Badge tone={d.status === "ACCEPTED" ? "green" : "slate"}>{DELIVERABLE_STATUS_LABELS[d.status]}</Badge>
                      {late ? <Badge tone="red">Overdue</Badge> : null}
                    </div>
                    <div className="text-slate-600">
                      {d.dueDate ? `due ${formatDate(d.dueDate)}` : "no due date"}
                      {d.responsibleOrg ? ` · ${d.responsibleOrg.shortName}` : ""}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <MoreLink shown={deliverables.length} total={counts.deliverables} noun="deliverables" to={`/deliverables?programme=${p.id}`} staff={staff} code={p.code} />
        </Section>
        <Section title={`Outcomes agreed at activities (${formatNumber(counts.outcomes)})`}>
          {outcomes.length === 0 ? (
            <p className="text-sm text-slate-600">No outcomes recorded. Record what a workshop or meeting agreed from the activity's page.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {outcomes.map((o) => (
                <li key={o.id} className="py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="blue">{OUTCOME_TYPE_LABELS[o.type]}</Badge>
                    <Badge tone={o.followUpStatus === "DONE" ? "green" : o.followUpStatus === "NOT_STARTED" && !o.deliverable ? "amber" : "slate"}>
                      {FOLLOW_UP_LABELS[o.followUpStatus]}
                    </Badge>
                  </div>
                  <p className="mt-1">
                    {staff ? (
                      <Link to={`/outcomes/${o.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                        {o.text}
                      </Link>
                    ) : (
                      o.text
                    )}
                  </p>
                  <p className="text-slate-600">
                    at {o.activity.title}
                    {o.deliverable ? ` · carried out by “${o.deliverable.title}” (${DELIVERABLE_STATUS_LABELS[o.deliverable.status]})` : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <MoreLink shown={outcomes.length} total={counts.outcomes} noun="outcomes" to={`/outcomes?programme=${p.id}`} staff={staff} code={p.code} />
        </Section>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Indicators (${indicators.length})`} actions={add(`/indicators/new?programme=${p.id}`, "Add indicator")}>
          {indicators.length === 0 ? (
            <p className="text-sm text-slate-600">No indicators yet.</p>
          ) : (
            <ul className="space-y-3">
              {indicators.map((i) => {
                const latest = [...i.periods].reverse().find((x) => x.actualValue !== null || x.targetValue !== null);
                const target = latest?.targetValue ? Number(latest.targetValue) : null;
                const actual = latest?.actualValue ? Number(latest.actualValue) : null;
                const share = target && actual !== null ? Math.round((actual / target) * 1000) / 10 : null;
                return (
                  <li key={i.id} className="text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      {staff ? (
                        <Link to={`/indicators/${i.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                          {i.title}
                        </Link>
                      ) : (
                        <span className="font-medium">{i.title}</span>
                      )}
                      <Badge>{RESULT_TYPE_LABELS[i.resultType]}</Badge>
                    </div>
                    <p className="text-slate-600">
                      {latest
                        ? `${formatDateRange(latest.periodStart, latest.periodEnd)}: target ${target === null ? "—" : formatNumber(target)}, actual ${actual === null ? "—" : formatNumber(actual)}${i.unitLabel ? ` ${i.unitLabel}` : ""}${share !== null ? ` (${share}% of target)` : ""}`
                        : `Baseline ${i.baselineValue ? formatNumber(Number(i.baselineValue)) : "—"}${i.baselineYear ? ` (${i.baselineYear})` : ""}; no period recorded`}
                    </p>
                    {share !== null ? (
                      <div className="mt-1 h-2 w-full max-w-sm rounded bg-slate-200" aria-hidden="true">
                        <div className="h-2 rounded bg-brand-600" style={{ width: `${Math.min(100, share)}%` }} />
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </Section>
        <Section title="Funding" actions={add(`/funding/new?programme=${p.id}`, "Add funding line")}>
          {funding.length === 0 ? (
            <p className="text-sm text-slate-600">No budget lines, commitments or disbursements recorded.</p>
          ) : (
            <table className="min-w-full text-sm">
              <caption className="sr-only">Funding totals by kind and currency</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-4 font-medium">Kind</th>
                  <th scope="col" className="py-1 pr-4 text-right font-medium">Total</th>
                  <th scope="col" className="py-1 text-right font-medium">Lines</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {funding.map((f) => (
                  <tr key={`${f.kind}-${f.currency}`}>
                    <td className="py-1 pr-4">{FUNDING_KIND_LABELS[f.kind]}</td>
                    <td className="py-1 pr-4 text-right tabular-nums">{formatMoney(f.amount, f.currency)}</td>
                    <td className="py-1 text-right tabular-nums">{f.lines}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {staff ? (
            <p className="mt-3 text-sm">
              <Link to={`/funding?programme=${p.id}`} className="text-brand-700 underline">
                See every funding line
              </Link>
            </p>
          ) : null}
        </Section>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Section title={`Documents (${live(p.documents).length})`} actions={add(`/documents/new?programme=${p.id}`, "Upload a document")}>
          <LinkedList
            items={live(p.documents).map((d) => ({
              to: staff ? `/documents/${d.id}` : `/documents/${d.id}/download`,
              title: d.title,
              meta: `${d.originalName} · ${d.categoryCode}${d.shareable ? " · shared with partners" : ""}`,
            }))}
            empty="No documents attached."
          />
        </Section>
        {staff ? (
          <Section title="History">
            <HistoryList items={history} labels={PROGRAMME_FIELD_LABELS} />
          </Section>
        ) : null}
      </div>
    </div>
  );
}
