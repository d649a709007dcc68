import { Link } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/card";
import { formatDate, formatDateRange, formatMoney } from "~/utils/format";
import { PROGRAMME_STATUS_LABELS } from "~/utils/labels";

// One funded programme on the donor home: funding committed vs disbursed,
// results, and the report downloads. Types are the loader's JSON.

export type DonorProgrammeView = {
  code: string;
  title: string;
  status: string;
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
};

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });
const figure = (n: number | null, unit: string | null) =>
  n === null ? "—" : unit === "%" ? `${numberFormat.format(n)}%` : `${numberFormat.format(n)}${unit ? ` ${unit}` : ""}`;

export function DonorProgramme({ programme }: { programme: DonorProgrammeView }) {
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
            {p.countries.length ? ` · ${p.countries.join(", ")}` : ""}
            {p.funders.length ? ` · funded by ${p.funders.join(", ")}` : ""}
          </p>
        </div>
        <Badge tone="blue">{PROGRAMME_STATUS_LABELS[p.status] ?? p.status}</Badge>
      </div>

      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <FundingTable code={p.code} rows={p.funding} />
        <ResultsTable code={p.code} rows={p.indicators} />
      </div>

      <ReportDownloads code={p.code} span={p.span} />
    </section>
  );
}

function FundingTable({ code, rows }: { code: string; rows: DonorProgrammeView["funding"] }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Funding committed and disbursed</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No commitment or disbursement has been recorded for this programme yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Funding of {code} committed and disbursed, by year and currency</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">Year</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Currency</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Committed</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Disbursed</th>
                <th scope="col" className="py-1.5 text-right font-medium">Share disbursed</th>
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
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatMoney(r.committed, r.currency)}</td>
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatMoney(r.disbursed, r.currency)}</td>
                    <td className="py-1.5 text-right tabular-nums">{committed > 0 ? `${Math.round((disbursed / committed) * 100)}%` : "—"}</td>
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
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Results</h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No indicator has been defined for this programme yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Indicators of {code}: latest target and actual value</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-1.5 pr-3 font-medium">Indicator</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Latest period</th>
                <th scope="col" className="py-1.5 pr-3 text-right font-medium">Target</th>
                <th scope="col" className="py-1.5 text-right font-medium">Actual</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1.5 pr-3 text-left font-normal [overflow-wrap:anywhere]">{i.title}</th>
                  <td className="py-1.5 pr-3 whitespace-nowrap">
                    {i.periodEnd ? formatDateRange(i.periodStart, i.periodEnd) : <span className="text-slate-600">No values yet</span>}
                  </td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{i.measure === "QUALITATIVE" ? "—" : figure(i.target, i.unit)}</td>
                  <td className="py-1.5 text-right tabular-nums">{i.measure === "QUALITATIVE" ? "—" : figure(i.actual, i.unit)}</td>
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
 * JavaScript. The second button posts the same dates to the workbook URL.
 */
function ReportDownloads({ code, span }: { code: string; span: { from: string; to: string } }) {
  const base = `/reports/programmes/${encodeURIComponent(code)}`;
  const fromId = `report-from-${code}`;
  const toId = `report-to-${code}`;
  return (
    <form method="get" action={`${base}.pdf`} className="mt-5 border-t border-slate-200 pt-4" aria-label={`Reports for ${code}`}>
      <h3 className="text-sm font-semibold text-slate-900">Reports</h3>
      <p className="mt-0.5 text-sm text-slate-600">
        Choose a reporting period; it starts as the programme&apos;s whole span ({formatDate(span.from)} – {formatDate(span.to)}).
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={fromId} className="block text-sm font-medium text-slate-800">
            From
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
            To
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
          Programme report (PDF)
        </button>
        <button
          type="submit"
          formAction={`${base}.xlsx`}
          className="inline-flex min-h-[2.5rem] items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Workbook (XLSX)
        </button>
      </div>
    </form>
  );
}

export function DonorProgrammeList({ programmes }: { programmes: DonorProgrammeView[] }) {
  if (programmes.length === 0) {
    return (
      <Card>
        <p className="text-slate-700">
          No programme funded by your organisation has been recorded yet. If you expected one here, ask the programme team to record your
          organisation as a funder of it.
        </p>
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
