import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/context";

// Issue 18: a programme's approved progress reports, as a donor's programme
// card lists them (donors see no other state of a report).

export type ApprovedReportLink = { id: string; title: string; periodStart: string; periodEnd: string };

export function ApprovedReports({ code, reports }: { code: string; reports: ApprovedReportLink[] }) {
  const t = useT();
  const fmt = useFormat();
  const headingId = `approved-reports-${code}`;
  return (
    <section aria-labelledby={headingId} className="mt-5 border-t border-slate-200 pt-4">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">{t("progressReport.donor.heading")}</h3>
      {reports.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("progressReport.donor.none")}</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {reports.map((r) => (
            <li key={r.id}>
              <Link to={`/progress-reports/${r.id}`} className="text-brand-700 underline">
                {t("progressReport.heading", { title: r.title, from: fmt.date(r.periodStart), to: fmt.date(r.periodEnd) })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
