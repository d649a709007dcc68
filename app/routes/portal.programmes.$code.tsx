import { programmeDates } from "~/components/programmes/programme-facts";
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
import { ProgrammeDownloads } from "~/components/ui/download-link";
import { useFormat, useT } from "~/i18n/context";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import type { Translator } from "~/i18n/translate";
import { getPortalProgramme } from "~/models/portal.server";
import { startOfToday } from "~/models/deliverable.server";
import type { Precision } from "~/utils/format";
import { KeepOfflineSlot } from "~/offline/slots";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Programme · Progress portal · Concord" }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requirePartner(request);
  const [stored, t] = await Promise.all([getPortalProgramme(scope, params.code ?? ""), requestTranslator(request)]);
  if (!stored) throw new Response("Programme not found", { status: 404 });
  // Titles and texts in the partner's language where the records have them.
  const found = readerView(stored, t.locale);
  const pageTitle = t("portal.pageTitle", { title: found.programme.title });
  return json({ ...found, today: startOfToday().toISOString().slice(0, 10), pageTitle });
});

export default function ProgrammeProgress() {
  const { programme: p, agreements, activities, deliverables, outcomes, indicators, documents, participants, today } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const held = activities.filter((a) => a.status === "COMPLETED").length;
  const planned = activities.filter((a) => a.status === "PLANNED" || a.status === "ONGOING" || a.status === "POSTPONED").length;
  const open = deliverables.filter((d) => d.open).length;
  const overdue = deliverables.filter((d) => d.overdue).length;
  const trained = participants.reduce((n, r) => n + r.total, 0);
  const funders = p.organisations.filter((o) => o.role === "FUNDING").map((o) => o.organisation.shortName);
  const implementers = p.organisations.filter((o) => o.role === "IMPLEMENTING").map((o) => o.organisation.shortName);
  return (
    <div className="space-y-6">
      <nav aria-label={t("portal.breadcrumb")} className="text-sm">
        <Link to="/portal" className="text-brand-700 underline">
          {t("portal.title")}
        </Link>{" "}
        <span aria-hidden="true">›</span> <span className="text-slate-600">{p.code}</span>
      </nav>
      <div className="space-y-2">
        <h1 className="break-words text-2xl font-bold">{p.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <Badge tone={p.status === "IMPLEMENTATION" ? "green" : "slate"}>{t.label("programmeStatus", p.status)}</Badge>
          <span>{p.countries.map((c) => t.label("country", c.countryCode)).join(", ")}</span>
          <span aria-hidden="true">·</span>
          <span>{programmeDates(t, fmt, p.facts)}</span>
          {funders.length ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{t("portal.fundedBy", { names: funders.join(", ") })}</span>
            </>
          ) : null}
          {implementers.length ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{t("portal.implementedBy", { names: implementers.join(", ") })}</span>
            </>
          ) : null}
        </div>
        {p.description ? <p className="max-w-3xl whitespace-pre-line break-words text-slate-800">{p.description}</p> : null}
        <div role="group" aria-label={t("portal.programme.downloads")} className="flex flex-wrap gap-2 pt-1">
          <ProgrammeDownloads
            code={p.code}
            labels={{ pdf: t("portal.programme.reportPdf"), xlsx: t("portal.programme.workbook"), csv: t("portal.programme.csv"), iati: t("portal.programme.iati") }}
          />
        </div>
        <KeepOfflineSlot code={p.code} />
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label={t("portal.programme.glance")}>
        <StatCard label={t("portal.programme.activitiesHeld")} value={fmt.number(held)} />
        <StatCard label={t("portal.programme.activitiesPlanned")} value={fmt.number(planned)} />
        <StatCard label={t("portal.programme.openDeliverables")} value={fmt.number(open)} />
        <StatCard label={t("portal.programme.overdueDeliverables")} value={fmt.number(overdue)} tone={overdue ? "warning" : "default"} />
        <StatCard label={t("portal.programme.participantsTrained")} value={fmt.number(trained)} />
      </dl>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title={t("portal.programme.activities", { count: activities.length })}>
            <ProgrammeTimeline activities={activities} linkable={false} today={today} />
          </Section>
          <Section title={t("portal.programme.outcomes", { count: outcomes.length })}>
            <OutcomeList outcomes={outcomes} />
          </Section>
          <Section title={t("portal.programme.deliverables", { count: deliverables.length })}>
            <DeliverableGroups deliverables={deliverables} />
          </Section>
        </div>
        <div className="space-y-6">
          <Section title={t("portal.programme.agreements", { count: agreements.length })}>
            {agreements.length === 0 ? (
              <p className="text-sm text-slate-600">{t("portal.programme.noAgreements")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {agreements.map((a) => (
                  <li key={a.id} className="py-2">
                    <p className="break-words font-medium">{a.title}</p>
                    <p className="text-slate-600">
                      {[
                        t.label("agreementType", a.type),
                        t.label("agreementStatus", a.status),
                        a.signedOn ? t("portal.programme.signed", { date: fmt.date(a.signedOn, a.signedPrecision as Precision) }) : null,
                        a.expiresOn ? t("portal.programme.until", { date: fmt.date(a.expiresOn) }) : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t("portal.programme.documents", { count: documents.length })}>
            {documents.length === 0 ? (
              <p className="text-sm text-slate-600">{t("portal.programme.noDocuments")}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {documents.map((d) => (
                  <li key={d.id} className="py-2">
                    <a href={`/documents/${d.id}/download`} className="break-words font-medium text-brand-700 underline-offset-2 hover:underline">
                      {d.title}
                    </a>
                    <p className="break-all text-slate-600">
                      {d.originalName} · {formatBytes(t, d.sizeBytes)}
                      {d.documentDate ? ` · ${fmt.date(d.documentDate)}` : ""}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>

      <Section title={t("portal.programme.participantsHeading")}>
        {participants.length === 0 ? (
          <p className="text-sm text-slate-600">{t("portal.programme.noParticipants")}</p>
        ) : (
          <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
            <ParticipantsChart rows={participants} />
            <ParticipantsTable rows={participants} />
          </div>
        )}
        <p className="mt-3 text-xs text-slate-600">{t("portal.programme.participantsNote")}</p>
      </Section>

      <section aria-labelledby="indicators-heading" className="space-y-3">
        <h2 id="indicators-heading" className="text-lg font-semibold">
          {t("portal.programme.indicators", { count: indicators.length })}
        </h2>
        {indicators.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">
            {t("portal.programme.noIndicators")}
          </p>
        ) : (
          indicators.map((i) => (
            <Section key={i.id} title={i.title}>
              <p className="-mt-2 mb-3 text-sm text-slate-600">
                {[
                  t.label("resultType", i.resultType),
                  i.unitLabel ? t("portal.programme.measuredIn", { unit: i.unitLabel }) : null,
                  i.measure === "PERCENTAGE" ? t("portal.programme.percentage") : null,
                  i.ascending ? null : t("portal.programme.lowerIsBetter"),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {i.description ? <p className="mb-3 whitespace-pre-line break-words text-sm text-slate-800">{i.description}</p> : null}
              {i.periods.length === 0 && i.baselineValue === null ? (
                <p className="text-sm text-slate-600">{t("portal.programme.noBaseline")}</p>
              ) : (
                <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
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

const sizeFormats = new Map<string, Intl.NumberFormat>();
function sizeNumber(locale: Locale, n: number, digits: number): string {
  const key = `${locale}:${digits}`;
  let f = sizeFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    sizeFormats.set(key, f);
  }
  return f.format(n);
}

/** "512 B", "14 KB", "2.5 MB" (the decimal sign and unit names of the language). */
function formatBytes(t: Translator, n: number): string {
  if (n < 1024) return t("portal.size.bytes", { n: sizeNumber(t.locale, n, 0) });
  if (n < 1024 * 1024) return t("portal.size.kilobytes", { n: sizeNumber(t.locale, Math.round(n / 1024), 0) });
  return t("portal.size.megabytes", { n: sizeNumber(t.locale, n / 1024 / 1024, 1) });
}
