import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ActionLink, Notice, Section } from "~/components/records/record-parts";
import { DeadlineMarker, ReportStatusBadge } from "~/components/reporting/report-badges";
import { Badge } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { progressReportPath } from "~/models/progress-report-scope.server";
import { programmeReporting } from "~/models/reporting-requirement.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Reporting"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope, user } = await requireStaff(request);
  const t = await requestTranslator(request);
  const { programme, requirements, today } = await programmeReporting(scope, params.code ?? "", t.locale);
  const countryName = (code: string | null) => (code ? t.label("country", code) : null);
  return json({
    programme: { code: programme.code, title: programme.title, archived: Boolean(programme.archivedAt) },
    requirements: requirements.map((r) => ({
      ...r,
      countryName: countryName(r.reporterCountryCode),
      reports: r.reports.map((p) => ({ ...p, path: progressReportPath(user.role, p.id) })),
    })),
    today: today.toISOString(),
    pageTitle: t("reporting.page.title", { programme: programme.title }),
  });
});

export default function ProgrammeReporting() {
  const { programme, requirements, today } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to={`/programmes/${programme.code}`} className="text-brand-700 underline">
          {t("reporting.page.back")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">{programme.title}</p>
          <h1 className="text-2xl font-bold">{t("reporting.page.heading")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("reporting.page.intro")}</p>
        </div>
        {programme.archived ? null : <ActionLink to={`/programmes/${programme.code}/reporting/new`}>{t("reporting.page.new")}</ActionLink>}
      </div>
      <Notice />
      {requirements.length === 0 ? <p className="text-sm text-slate-600">{t("reporting.page.empty")}</p> : null}
      {requirements.map((r) => {
        const reporter = [t(`reporting.reporter.${r.reporter}`), r.countryName, r.reporterOrganisation?.shortName].filter(Boolean).join(" · ");
        return (
          <Section key={r.id} title={r.title} actions={<ActionLink to={`/reporting-requirements/${r.id}/edit`}>{t("reporting.page.edit")}</ActionLink>}>
            <div className="mb-3 space-y-1 text-sm text-slate-700">
              {r.archivedAt ? <Badge tone="amber">{t("reporting.page.archived")}</Badge> : null}
              <p>
                {t("reporting.page.facts", {
                  frequency: t(`reporting.frequency.${r.frequency}`),
                  days: r.dueDays,
                  from: fmt.date(r.startDate),
                  to: fmt.date(r.endDate),
                })}
              </p>
              <p>
                {t("reporting.page.reporter")}: {reporter}
                {r.agreement ? (
                  <>
                    {" · "}
                    {t("reporting.page.agreement")}:{" "}
                    <Link to={`/agreements/${r.agreement.id}`} className="text-brand-700 underline">
                      {r.agreement.title}
                    </Link>
                  </>
                ) : null}
              </p>
            </div>
            {r.reports.length === 0 ? (
              <p className="text-sm text-slate-600">{t("reporting.page.noPeriods")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">{r.title}</caption>
                  <thead>
                    <tr className="text-left text-slate-600">
                      <th scope="col" className="py-1 pr-4 font-medium">{t("reporting.col.period")}</th>
                      <th scope="col" className="py-1 pr-4 font-medium">{t("reporting.col.due")}</th>
                      <th scope="col" className="py-1 pr-4 font-medium">{t("reporting.col.status")}</th>
                      <th scope="col" className="py-1 pr-4 font-medium">{t("reporting.col.deadline")}</th>
                      <th scope="col" className="py-1 pr-4 font-medium">{t("reporting.col.reporter")}</th>
                      <th scope="col" className="py-1 font-medium">{t("reporting.col.report")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {r.reports.map((p) => (
                      <tr key={p.id}>
                        <td className="whitespace-nowrap py-1 pr-4">{t("reporting.period", { from: fmt.date(p.periodStart), to: fmt.date(p.periodEnd) })}</td>
                        <td className="whitespace-nowrap py-1 pr-4">{fmt.date(p.dueDate)}</td>
                        <td className="py-1 pr-4"><ReportStatusBadge status={p.status} /></td>
                        <td className="py-1 pr-4"><DeadlineMarker report={p} today={today} /></td>
                        <td className="py-1 pr-4">{reporter}</td>
                        <td className="py-1">
                          <Link to={p.path} className="text-brand-700 underline">
                            {t("reporting.open", { n: p.sequence })}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        );
      })}
    </div>
  );
}
