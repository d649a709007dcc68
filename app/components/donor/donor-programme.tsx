import { Link } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/card";
import { useFormat, useT } from "~/i18n/context";
import type { Formatter } from "~/i18n/format";
import { ApprovedReports, type ApprovedReportLink } from "~/components/progress-reports/approved-reports";
import { numberFormat } from "~/utils/format";

// One funded programme on the donor home: funding committed vs disbursed,
// results, and the report downloads. Types are the loader's JSON.

export type DonorProgrammeView = {
  code: string;
  title: string;
  status: string;
  /** ISO country codes. */
  countries: string[];
  funders: string[];
  span: { from: string; to: string };
  funding: { year: number; currency: string; committed: string; disbursed: string }[];
  indicators: {
    id: string;
    title: string;
    measure: string;
    unit: string | null;
    periodStart: string | null;
    periodEnd: string | null;
    target: number | null;
    actual: number | null;
  }[];
  /** Issue 18: the programme's approved progress reports (absent: not listed). */
  progressReports?: ApprovedReportLink[];
};

const figure = (fmt: Formatter, n: number | null, unit: string | null) => {
  if (n === null) return "—";
  const value = numberFormat(fmt.locale, 4).format(n);
  return unit === "%" ? `${value}%` : `${value}${unit ? ` ${unit}` : ""}`;
};

export function DonorProgramme({ programme }: { programme: DonorProgrammeView }) {
  const t = useT();
  const p = programme;
  const headingId = `programme-${p.code}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold text-slate-900 [overflow-wrap:anywhere]">
            <Link to={`/programmes/${encodeURIComponent(p.code)}`} className="text-brand-800 underline-offset-2 hover:underline">
              {p.title}
            </Link>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            <span className="font-mono">{p.code}</span>
            {p.countries.length ? ` · ${p.countries.map((c) => t.label("country", c)).join(", ")}` : ""}
            {p.funders.length ? ` · ${t("donor.programme.fundedBy", { funders: p.funders.join(", ") })}` : ""}
          </p>
        </div>
        <Badge tone="blue">{t.label("programmeStatus", p.status)}</Badge>
      </div>

      <div className="mt-4 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <FundingTable code={p.code} rows={p.funding} />
        <ResultsTable code={p.code} rows={p.indicators} />
      </div>

      {p.progressReports ? <ApprovedReports code={p.code} reports={p.progressReports} /> : null}
      <ReportDownloads code={p.code} span={p.span} />
    </section>
  );
}

function FundingTable({ code, rows }: { code: string; rows: DonorProgrammeView["funding"] }) {
  const t = useT();
  const fmt = useFormat();
  return (
    // min-w-0: a grid column may shrink below the table's width, so the table scrolls inside it.
    <div className="min-w-0">
      <h3 className="text-sm font-semibold text-slate-900">{t("donor.funding.heading")}</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("donor.funding.empty")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("donor.funding.caption", { code })}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("donor.funding.year")}</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("donor.funding.currency")}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("donor.funding.committed")}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("donor.funding.disbursed")}</th>
                <th scope="col" className="py-1.5 text-right font-medium">{t("donor.funding.share")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const committed = Number(r.committed);
                const disbursed = Number(r.disbursed);
                return (
                  <tr key={`${r.year}-${r.currency}`} className="border-b border-slate-100">
                    <th scope="row" className="py-1.5 pr-3 text-left font-normal">{r.year}</th>
                    <td className="py-1.5 pr-3">{r.currency}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{fmt.money(r.committed, r.currency)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{fmt.money(r.disbursed, r.currency)}</td>
                    <td className="py-1.5 text-right tabular-nums">
                      {committed > 0 ? t("donor.funding.percent", { share: fmt.number(Math.round((disbursed / committed) * 100)) }) : "—"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ResultsTable({ code, rows }: { code: string; rows: DonorProgrammeView["indicators"] }) {
  const t = useT();
  const fmt = useFormat();
  return (
    // min-w-0: a grid column may shrink below the table's width, so the table scrolls inside it.
    <div className="min-w-0">
      <h3 className="text-sm font-semibold text-slate-900">{t("donor.results.heading")}</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("donor.results.empty")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("donor.results.caption", { code })}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("donor.results.indicator")}</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">{t("donor.results.period")}</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("donor.results.target")}</th>
                <th scope="col" className="py-1.5 text-right font-medium">{t("donor.results.actual")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal [overflow-wrap:anywhere]">{i.title}</th>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {i.periodEnd ? fmt.dateRange(i.periodStart, i.periodEnd) : <span className="text-slate-600">{t("donor.results.noValues")}</span>}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{i.measure === "QUALITATIVE" ? "—" : figure(fmt, i.target, i.unit)}</td>
                  <td className="py-1.5 text-right tabular-nums">{i.measure === "QUALITATIVE" ? "—" : figure(fmt, i.actual, i.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * A plain GET form: the browser downloads the file, with or without
 * JavaScript. The other buttons send the same dates to the workbook and CSV
 * URLs; the IATI file covers the whole programme.
 */
function ReportDownloads({ code, span }: { code: string; span: { from: string; to: string } }) {
  const t = useT();
  const fmt = useFormat();
  const base = `/reports/programmes/${encodeURIComponent(code)}`;
  const fromId = `report-from-${code}`;
  const toId = `report-to-${code}`;
  return (
    <form method="get" action={`${base}.pdf`} className="mt-5 border-t border-slate-200 pt-4" aria-label={t("donor.reports.label", { code })}>
      <h3 className="text-sm font-semibold text-slate-900">{t("donor.reports.heading")}</h3>
      <p className="mt-0.5 text-sm text-slate-600">{t("donor.reports.intro", { from: fmt.date(span.from), to: fmt.date(span.to) })}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={fromId} className="block text-sm font-medium text-slate-800">
            {t("donor.reports.from")}
          </label>
          <input
            id={fromId}
            type="date"
            name="from"
            defaultValue={span.from}
            required
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
          />
        </div>
        <div>
          <label htmlFor={toId} className="block text-sm font-medium text-slate-800">
            {t("donor.reports.to")}
          </label>
          <input
            id={toId}
            type="date"
            name="to"
            defaultValue={span.to}
            required
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
          />
        </div>
        <button
          type="submit"
          className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("donor.reports.pdf")}
        </button>
        {([["xlsx", t("donor.reports.xlsx")], ["csv", t("donor.reports.csv")]] as const).map(([ext, label]) => (
          <button key={ext} type="submit" formAction={`${base}.${ext}`} className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            {label}
          </button>
        ))}
        <a
          href={`/reports/iati.xml?programme=${encodeURIComponent(code)}`}
          // No download attribute: a refusal (no publisher settings yet) shows as a page; the file still downloads (attachment).
          className="inline-flex min-h-[2.5rem] items-center rounded-md px-2 py-2 text-sm font-semibold text-brand-700 underline underline-offset-2"
        >
          {t("donor.reports.iati")}
        </a>
      </div>
    </form>
  );
}

export function DonorProgrammeList({ programmes }: { programmes: DonorProgrammeView[] }) {
  const t = useT();
  if (programmes.length === 0) {
    return (
      <Card>
        <p className="text-slate-700">{t("donor.empty")}</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {programmes.map((p) => (
        <DonorProgramme key={p.code} programme={p} />
      ))}
    </div>
  );
}
