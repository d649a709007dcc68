import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePartner } from "~/auth/auth.server";
import { DeadlineMarker, ReportStatusBadge } from "~/components/reporting/report-badges";
import { useFormat, useT } from "~/i18n/context";
import { requestTranslator } from "~/i18n/request.server";
import { portalReports } from "~/models/progress-report-list.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.pageTitle ?? "Reports"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request }: LoaderFunctionArgs) {
  const { scope, user } = await requirePartner(request);
  const t = await requestTranslator(request);
  const { first, rest, today } = await portalReports(scope, t.locale, user.role);
  const row = (r: (typeof first)[number]) => ({
    id: r.id,
    path: r.path,
    title: `${r.requirement.title} #${r.sequence}`,
    programme: r.programme.title,
    country: r.countryCode ? t.label("country", r.countryCode) : null,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueDate: r.dueDate,
    status: r.status,
    reason: r.reason,
  });
  return json({ first: first.map(row), rest: rest.map(row), today: today.toISOString(), pageTitle: t("reporting.portal.title") });
});

type Row = ReturnType<typeof useLoaderData<typeof loader>>["first"][number];

function ReportList({ rows, today, label }: { rows: Row[]; today: string; label: string }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
          <div className="min-w-0">
            <Link to={r.path} className="font-medium text-brand-700 underline">
              {r.title}
            </Link>
            <p className="text-sm text-slate-600">
              {r.programme}
              {r.country ? ` · ${r.country}` : ""} · {t("reporting.period", { from: fmt.date(r.periodStart), to: fmt.date(r.periodEnd) })}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <ReportStatusBadge status={r.status} />
            <DeadlineMarker report={r} today={today} />
            <span className="whitespace-nowrap text-slate-700">
              {t("reporting.col.due")}: {fmt.date(r.dueDate)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function PortalReports() {
  const { first, rest, today } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">{t("portal.title")}</p>
        <h1 className="text-2xl font-bold">{t("reporting.portal.title")}</h1>
        <p className="mt-1 max-w-3xl text-slate-700">{t("reporting.portal.intro")}</p>
      </div>
      {first.length + rest.length === 0 ? (
        <p className="text-sm text-slate-600">{t("reporting.portal.empty")}</p>
      ) : (
        <>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{t("reporting.portal.first")}</h2>
            {first.length ? <ReportList rows={first} today={today} label={t("reporting.portal.first")} /> : <p className="text-sm text-slate-600">{t("reporting.portal.noneFirst")}</p>}
          </section>
          {rest.length ? (
            <section className="space-y-2">
              <h2 className="text-lg font-semibold">{t("reporting.portal.rest")}</h2>
              <ReportList rows={rest} today={today} label={t("reporting.portal.rest")} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
