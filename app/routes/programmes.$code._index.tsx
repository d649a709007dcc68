import { programmeBudget, programmeDates } from "~/components/programmes/programme-facts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff, requireUser } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
import { IatiPublicationPanel } from "~/components/programmes/iati-publication-panel";
import { programmePublication, publishProgramme, withdrawProgramme } from "~/models/iati-publication.server";
import { DomainError } from "~/utils/errors.server";
import { redirectWithNotice } from "~/utils/flash.server";
import { ProgrammeDownloads } from "~/components/ui/download-link";
import { isStaffRole } from "~/auth/permissions";
import { ProgrammeTimeline } from "~/components/programmes/programme-timeline";
import { ActionLink, Facts, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge, StatCard } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import type { Formatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { message, type Translator } from "~/i18n/translate";
import { listHistory } from "~/models/history.server";
import { getPublisher } from "~/models/publisher.server";
import { assertPublishable } from "~/iati/readiness.server";
import { programmeCounts, programmeFundingTotals, programmeSections, requireProgramme } from "~/models/programme.server";
import { HistoryList } from "~/components/records/record-parts";
import type { Precision } from "~/utils/format";
import { withDomainErrors } from "~/utils/respond.server";
import { iatiClassificationFacts } from "~/components/programme-admin/iati-classification-fields";
import { KeepOfflineSlot } from "~/offline/slots";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme.title} · Concord` : "Programme · Concord" },
];

const DAY = 86_400_000;

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, user } = await requireUser(request);
  // Partners follow their programmes in the progress portal.
  if (scope.kind === "partner") throw redirect(`/portal/programmes/${encodeURIComponent(params.code ?? "")}`);
  const stored = await requireProgramme(scope, params.code ?? "");
  const staff = scope.kind === "staff";
  const [counts, storedSections, funding, history, locale, publication, publisher] = await Promise.all([
    programmeCounts(scope, stored.id),
    programmeSections(scope, stored.id),
    programmeFundingTotals(stored.id),
    staff ? listHistory("Programme", stored.id, 20) : Promise.resolve([]),
    requestLocale(request),
    staff ? programmePublication(stored.id) : Promise.resolve(null),
    // The IATI file needs the centre's publisher settings: until they exist, the page says so instead of a link.
    getPublisher(),
  ]);
  // Titles and texts in the reader's language where the records have them.
  const programme = inReaderLanguage(stored, locale);
  const sections = inReaderLanguage(storedSections, locale);
  return json({
    programme,
    counts,
    sections,
    funding,
    history,
    publication,
    staff: isStaffRole(user.role),
    today: new Date().toISOString().slice(0, 10),
    iatiReady: publisher !== null,
  });
});

/** Staff publish the programme to the public IATI file or withdraw it (the IATI publication panel). */
export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const p = await requireProgramme(ctx.scope, params.code ?? "");
  const intent = (await request.formData()).get("intent");
  if (intent !== "iatiPublish" && intent !== "iatiWithdraw") {
    return json({ iatiError: message("iatiPublish.v.chooseIntent") }, { status: 400 });
  }
  try {
    if (intent === "iatiPublish") {
      await assertPublishable(p.id);
      await publishProgramme(ctx, p.id);
    }
    else await withdrawProgramme(ctx, p.id);
  } catch (error) {
    // A refusal (no publisher settings, archived, identifier taken) is shown in the panel.
    if (error instanceof DomainError && (error.code === "invalid" || error.code === "conflict")) {
      return json({ iatiError: error.message }, { status: error.code === "invalid" ? 400 : 409 });
    }
    throw error;
  }
  throw await redirectWithNotice(`/programmes/${encodeURIComponent(p.code)}`, "saved");
});


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

type SectionName = "agreements" | "activities" | "deliverables" | "outcomes";

const ALL_KEYS = {
  agreements: "programmes.page.more.agreements",
  activities: "programmes.page.more.activities",
  deliverables: "programmes.page.more.deliverables",
  outcomes: "programmes.page.more.outcomes",
} as const;

const WORKBOOK_KEYS = {
  agreements: "programmes.page.moreWorkbook.agreements",
  activities: "programmes.page.moreWorkbook.activities",
  deliverables: "programmes.page.moreWorkbook.deliverables",
  outcomes: "programmes.page.moreWorkbook.outcomes",
} as const;

/** "Showing 20 of 312 · All 312 activities" under a section cut to its first records. */
function MoreLink({ shown, total, section, to, staff, code }: { shown: number; total: number; section: SectionName; to: string; staff: boolean; code: string }) {
  const t = useT();
  if (total <= shown) return null;
  return (
    <p className="mt-3 text-sm text-slate-700">
      {t("programmes.page.showing", { shown, count: total })}{" "}
      {staff ? (
        <Link to={to} className="font-medium text-brand-700 underline underline-offset-2">
          {t(ALL_KEYS[section], { count: total })}
        </Link>
      ) : (
        <a href={`/reports/programmes/${encodeURIComponent(code)}.xlsx`} download className="font-medium text-brand-700 underline underline-offset-2">
          {t(WORKBOOK_KEYS[section], { count: total })}
        </a>
      )}
    </p>
  );
}

/** "12220 — Basic health care", in the reader's language. */
function sectorName(t: Translator, code: string): string {
  const name = t.label("sector", code);
  return name && name !== code ? `${code} — ${name}` : code;
}

/** The latest period of an indicator in words. */
function indicatorLine(
  t: Translator,
  fmt: Formatter,
  i: { unitLabel: string | null; baselineValue: unknown; baselineYear: number | null },
  latest: { periodStart: string; periodEnd: string } | undefined,
  target: number | null,
  actual: number | null,
  share: number | null,
): string {
  if (!latest) {
    const baseline = i.baselineValue ? fmt.number(Number(i.baselineValue)) : "—";
    return i.baselineYear
      ? t("programmes.page.indicator.baselineYear", { baseline, year: String(i.baselineYear) })
      : t("programmes.page.indicator.baseline", { baseline });
  }
  const line = t("programmes.page.indicator.values", {
    period: fmt.dateRange(latest.periodStart, latest.periodEnd),
    target: target === null ? "—" : fmt.number(target),
    actual: actual === null ? "—" : fmt.number(actual),
  });
  const unit = i.unitLabel ? ` ${i.unitLabel}` : "";
  const ofTarget = share !== null ? ` ${t("programmes.page.indicator.share", { share: fmt.number(share) })}` : "";
  return `${line}${unit}${ofTarget}`;
}

export default function ProgrammePage() {
  const { programme: p, counts, sections, funding, history, publication, staff, today, iatiReady } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const fmt = useFormat();
  const fieldLabels = Object.fromEntries(t.options("programmeField").map((o) => [o.value, o.label]));
  const live = <T extends { archivedAt: string | null }>(rows: T[]) => rows.filter((r) => !r.archivedAt);
  const { agreements, activities, deliverables, outcomes } = sections;
  const indicators = live(p.indicators);
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
            <Badge tone="green">{t.label("programmeStatus", p.status)}</Badge>
            {p.facts.start || p.facts.end ? <span>{programmeDates(t, fmt, p.facts)}</span> : null}
            <span aria-hidden="true">·</span>
            <span>{p.countries.map((c) => t.label("country", c.countryCode)).join(", ") || t("programmes.page.noCountry")}</span>
          </>
        }
        actions={
          <>
            <ProgrammeDownloads
              code={p.code}
              labels={{ pdf: t("programmes.page.reportPdf"), xlsx: t("programmes.page.workbook"), csv: t("programmes.page.csv"), iati: t("programmes.page.iati") }}
              iatiUnavailable={iatiReady ? undefined : t("iatiExport.unavailable")}
            />
            {staff ? (
              <>
                <ActionLink to={`/programmes/${p.code}/edit`}>{t("programmes.page.edit")}</ActionLink>
                <LifecycleActions archived={Boolean(p.archivedAt)} action={`/programmes/${p.code}/lifecycle`} />
              </>
            ) : null}
          </>
        }
      />
      {p.archivedAt ? null : <KeepOfflineSlot code={p.code} />}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t("programmes.page.summary")}>
        <StatCard label={t("programmes.page.stat.agreements")} value={fmt.number(counts.agreements)} />
        <StatCard label={t("programmes.page.stat.activities")} value={fmt.number(counts.activities)} />
        <StatCard label={t("programmes.page.stat.participants")} value={fmt.number(counts.participants)} />
        <StatCard label={t("programmes.page.stat.deliverablesOpen")} value={fmt.number(counts.deliverablesOpen)} />
        <StatCard
          label={t("programmes.page.stat.deliverablesOverdue")}
          value={fmt.number(counts.deliverablesOverdue)}
          tone={counts.deliverablesOverdue ? "warning" : "default"}
        />
        <StatCard
          label={t("programmes.page.stat.outcomesFollowedUp")}
          value={t("programmes.page.stat.outOf", { done: counts.outcomesFollowedUp, count: counts.outcomes })}
        />
      </dl>
      {staff && !p.archivedAt ? <p className="text-sm"><Link to={`/account/calendar?programme=${encodeURIComponent(p.code)}`} className="text-brand-700 underline">{t("calendarFeed.programmeLink")}</Link></p> : null}

      {publication ? <IatiPublicationPanel data={publication} archived={Boolean(p.archivedAt)} error={actionData?.iatiError} /> : null}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Section title={t("programmes.page.about")}>
          {p.description ? (
            <p className="whitespace-pre-line text-sm text-slate-800">{p.description}</p>
          ) : (
            <p className="text-sm text-slate-600">{t("programmes.page.noDescription")}</p>
          )}
          {p.objectives ? (
            <>
              <h3 className="mt-4 text-sm font-semibold">{t("programmes.page.objectives")}</h3>
              <p className="whitespace-pre-line text-sm text-slate-800">{p.objectives}</p>
            </>
          ) : null}
          {p.sourceNote ? <p className="mt-4 text-xs text-slate-600">{t("programmes.page.source", { note: p.sourceNote })}</p> : null}
        </Section>
        <Section title={t("programmes.page.organisations")}>
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
                <span className="text-slate-600">— {o.roles.map((r) => t.label("organisationRole", r)).join(", ")}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title={t("programmes.page.budgetAndSectors")}>
          <Facts
            items={[
              [t("programmes.page.budget"), programmeBudget(t, fmt, p.facts)],
              [t("programmes.page.iatiIdentifier"), p.iatiIdentifier],
              ...iatiClassificationFacts(t, p),
            ]}
          />
          {p.sectors.length ? (
            <ul className="mt-3 text-sm">
              {p.sectors.map((s) => (
                <li key={s.sectorCode}>
                  {sectorName(t, s.sectorCode)} — {fmt.number(Number(s.percentage))}%
                </li>
              ))}
            </ul>
          ) : null}
        </Section>
      </div>

      <Section
        title={t("programmes.page.agreements", { count: counts.agreements })}
        actions={add(`/agreements/new?programme=${p.id}`, t("programmes.page.addAgreement"))}
      >
        {agreements.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t("programmes.page.noAgreements")}
            {staff ? ` ${t("programmes.page.noAgreementsHint")}` : ""}
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("programmes.page.agreementsCaption")}</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-4 font-medium">{t("programmes.page.col.agreement")}</th>
                  <th scope="col" className="py-1 pr-4 font-medium">{t("programmes.page.col.type")}</th>
                  <th scope="col" className="py-1 pr-4 font-medium">{t("programmes.page.col.status")}</th>
                  <th scope="col" className="py-1 pr-4 font-medium">{t("programmes.page.col.signed")}</th>
                  <th scope="col" className="py-1 font-medium">{t("programmes.page.col.expires")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {agreements.map((a) => {
                  const expiring = a.expiring;
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
                      <td className="py-2 pr-4">{t.label("agreementType", a.type)}</td>
                      <td className="py-2 pr-4">{t.label("agreementStatus", a.status)}</td>
                      <td className="whitespace-nowrap py-2 pr-4">
                        {a.signedOn ? fmt.date(a.signedOn, a.signedPrecision as Precision) : t("programmes.page.notRecorded")}
                      </td>
                      <td className="whitespace-nowrap py-2">
                        {fmt.date(a.expiresOn)} {expiring ? <Badge tone="amber">{t("programmes.page.expiresSoon")}</Badge> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <MoreLink shown={agreements.length} total={counts.agreements} section="agreements" to={`/agreements?programme=${p.id}`} staff={staff} code={p.code} />
      </Section>

      <Section
        title={t("programmes.page.activities", { count: counts.activities })}
        actions={add(`/activities/new?programme=${p.id}`, t("programmes.page.addActivity"))}
      >
        {activities.length < counts.activities ? (
          <p className="mb-3 text-sm text-slate-700">{t("programmes.page.latestActivities", { count: activities.length })}</p>
        ) : null}
        <ProgrammeTimeline activities={activities} linkable={staff} today={today} />
        <MoreLink shown={activities.length} total={counts.activities} section="activities" to={`/activities?programme=${p.id}`} staff={staff} code={p.code} />
      </Section>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("programmes.page.deliverables", { count: counts.deliverables })}
          actions={add(`/deliverables/new?programme=${p.id}`, t("programmes.page.addDeliverable"))}
        >
          {deliverables.length === 0 ? (
            <p className="text-sm text-slate-600">{t("programmes.page.noDeliverables")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {deliverables.map((d) => {
                const late = d.overdue;
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
                      <Badge tone={d.status === "ACCEPTED" ? "green" : "slate"}>{t.label("deliverableStatus", d.status)}</Badge>
                      {late ? <Badge tone="red">{t("programmes.page.overdue")}</Badge> : null}
                    </div>
                    <div className="text-slate-600">
                      {d.dueDate ? t("programmes.page.due", { date: fmt.date(d.dueDate) }) : t("programmes.page.noDueDate")}
                      {d.responsibleOrg ? ` · ${d.responsibleOrg.shortName}` : ""}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <MoreLink shown={deliverables.length} total={counts.deliverables} section="deliverables" to={`/deliverables?programme=${p.id}`} staff={staff} code={p.code} />
        </Section>
        <Section title={t("programmes.page.outcomes", { count: counts.outcomes })}>
          {outcomes.length === 0 ? (
            <p className="text-sm text-slate-600">{t("programmes.page.noOutcomes")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {outcomes.map((o) => (
                <li key={o.id} className="py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="blue">{t.label("outcomeType", o.type)}</Badge>
                    <Badge tone={o.followUpStatus === "DONE" ? "green" : o.followUpStatus === "NOT_STARTED" && !o.deliverable ? "amber" : "slate"}>
                      {t.label("followUp", o.followUpStatus)}
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
                    {t("programmes.page.outcomeAt", { activity: o.activity.title })}
                    {o.deliverable
                      ? ` · ${t("programmes.page.carriedOutBy", { deliverable: o.deliverable.title, status: t.label("deliverableStatus", o.deliverable.status) })}`
                      : ""}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <MoreLink shown={outcomes.length} total={counts.outcomes} section="outcomes" to={`/outcomes?programme=${p.id}`} staff={staff} code={p.code} />
        </Section>
      </div>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("programmes.page.indicators", { count: indicators.length })}
          actions={add(`/indicators/new?programme=${p.id}`, t("programmes.page.addIndicator"))}
        >
          {indicators.length === 0 ? (
            <p className="text-sm text-slate-600">{t("programmes.page.noIndicators")}</p>
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
                      <Badge>{t.label("resultType", i.resultType)}</Badge>
                    </div>
                    <p className="text-slate-600">{indicatorLine(t, fmt, i, latest, target, actual, share)}</p>
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
        <Section title={t("programmes.page.funding")} actions={add(`/funding/new?programme=${p.id}`, t("programmes.page.addFunding"))}>
          {funding.length === 0 ? (
            <p className="text-sm text-slate-600">{t("programmes.page.noFunding")}</p>
          ) : (
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t("programmes.page.fundingCaption")}</caption>
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-4 font-medium">{t("programmes.page.col.kind")}</th>
                  <th scope="col" className="py-1 pr-4 text-right font-medium">{t("programmes.page.col.total")}</th>
                  <th scope="col" className="py-1 text-right font-medium">{t("programmes.page.col.lines")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {funding.map((f) => (
                  <tr key={`${f.kind}-${f.currency}`}>
                    <td className="py-1 pr-4">{t.label("fundingKind", f.kind)}</td>
                    <td className="py-1 pr-4 text-right tabular-nums">{fmt.money(f.amount, f.currency)}</td>
                    <td className="py-1 text-right tabular-nums">{fmt.number(f.lines)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {staff ? (
            <p className="mt-3 text-sm">
              <Link to={`/funding?programme=${p.id}`} className="text-brand-700 underline">
                {t("programmes.page.allFunding")}
              </Link>
            </p>
          ) : null}
        </Section>
        {staff ? (
          <Section title={t("reporting.programme.section")}>
            <Link to={`/programmes/${p.code}/reporting`} className="text-sm text-brand-700 underline">
              {t("reporting.programme.link")}
            </Link>
          </Section>
        ) : null}
      </div>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <Section
          title={t("programmes.page.documents", { count: live(p.documents).length })}
          actions={add(`/documents/new?programme=${p.id}`, t("programmes.page.uploadDocument"))}
        >
          <LinkedList
            items={live(p.documents).map((d) => ({
              to: staff ? `/documents/${d.id}` : `/documents/${d.id}/download`,
              title: d.title,
              meta: `${d.originalName} · ${d.categoryCode}${d.shareable ? ` · ${t("programmes.page.shared")}` : ""}`,
            }))}
            empty={t("programmes.page.noDocuments")}
          />
        </Section>
        {staff ? (
          <Section title={t("programmes.page.history")}>
            <HistoryList items={history} labels={fieldLabels} />
          </Section>
        ) : null}
      </div>
    </div>
  );
}
