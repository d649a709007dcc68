import { BarChart } from "~/components/charts/bar-chart";
import { ChartFigure, ChartTable } from "~/components/charts/chart-figure";
import { GroupedBarChart } from "~/components/charts/grouped-bar-chart";
import { StackedBarChart } from "~/components/charts/stacked-bar-chart";
import type { DeliverableStatusRow, FundingRow, KindYearRow, ParticipantsRow } from "~/models/portfolio.server";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";
import { ACTIVITY_KIND_LABELS, DELIVERABLE_STATUS_LABELS } from "~/utils/labels";

// The portfolio's charts, each a ChartFigure with its data table. The rows
// arrive aggregated from the database (portfolio.server.ts); this file only
// arranges them.

export const UNDATED_LABEL = "Date not recorded";
const yearLabel = (year: number | null) => (year === null ? UNDATED_LABEL : String(year));
const n = (value: number) => formatNumber(value);
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

function Empty({ children }: { children: string }) {
  return <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">{children}</p>;
}

export function ActivitiesByKindChart({ rows }: { rows: KindYearRow[] }) {
  const kinds = Object.keys(ACTIVITY_KIND_LABELS).filter((k) => rows.some((r) => r.kind === k));
  const years = [...new Set(rows.map((r) => r.year))];
  const cell = (year: number | null, kind: string) => rows.find((r) => r.year === year && r.kind === kind)?.count ?? 0;
  const data = years.map((year) => ({ label: yearLabel(year), values: kinds.map((k) => cell(year, k)) }));
  const total = rows.reduce((a, r) => a + r.count, 0);
  const kindTotals = kinds.map((k) => rows.filter((r) => r.kind === k).reduce((a, r) => a + r.count, 0));
  const series = kinds.map((k) => ACTIVITY_KIND_LABELS[k] ?? k);
  const busiest = data.map((d) => ({ label: d.label, total: d.values.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total)[0];
  const summary = total
    ? `Bar chart: ${plural(total, "activity", "activities")} over ${plural(years.length, "year", "years")}; the most in ${busiest.label} (${n(busiest.total)}).`
    : "Bar chart: no activities.";
  return (
    <ChartFigure
      id="activities"
      caption="Activities by kind and year"
      note="Year of the actual start, or else of the planned start."
      legend={series}
      table={
        <ChartTable
          caption="Activities by kind and year"
          columns={["Year", ...series, "Total"]}
          rows={[
            ...data.map((d) => [d.label, ...d.values.map(n), n(d.values.reduce((a, b) => a + b, 0))]),
            ["All years", ...kindTotals.map(n), n(total)],
          ]}
        />
      }
    >
      {total ? <StackedBarChart series={series} rows={data} summary={summary} format={n} /> : <Empty>No activities in this selection.</Empty>}
    </ChartFigure>
  );
}

export function DeliverablesChart({ rows, overdue, today }: { rows: DeliverableStatusRow[]; overdue: number; today: string }) {
  const statuses = Object.keys(DELIVERABLE_STATUS_LABELS);
  const counts = statuses.map((s) => rows.find((r) => r.status === s)?.count ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const bars = [
    ...statuses.map((s, i) => ({ label: DELIVERABLE_STATUS_LABELS[s], value: counts[i], display: n(counts[i]) })),
    { label: "Overdue", value: overdue, display: n(overdue), colour: "#D55E00" },
  ];
  const summary = total
    ? `Bar chart: ${plural(total, "deliverable", "deliverables")}: ${statuses.map((s, i) => `${DELIVERABLE_STATUS_LABELS[s]} ${n(counts[i])}`).join(", ")}; ${n(overdue)} overdue.`
    : "Bar chart: no deliverables.";
  return (
    <ChartFigure
      id="deliverables"
      caption="Deliverables by status"
      note={`Overdue: due before ${formatDate(today)} and neither submitted nor accepted (also counted in their status).`}
      table={
        <ChartTable
          caption="Deliverables by status"
          columns={["Status", "Deliverables"]}
          rows={[...bars.map((b) => [b.label, b.display]), ["All deliverables", n(total)]]}
        />
      }
    >
      {total ? <BarChart bars={bars} summary={summary} /> : <Empty>No deliverables in this selection.</Empty>}
    </ChartFigure>
  );
}

const SEX_SERIES = ["Female", "Male", "Other or not recorded", "Not disaggregated"];
const sexValues = (r: ParticipantsRow) => [r.female, r.male, r.other, r.notDisaggregated];

export function ParticipantsChart({ total, byYear }: { total: ParticipantsRow; byYear: ParticipantsRow[] }) {
  const data = [{ label: "All years", values: sexValues(total) }, ...byYear.map((r) => ({ label: yearLabel(r.year), values: sexValues(r) }))];
  const summary = total.total
    ? `Bar chart: ${plural(total.total, "participant", "participants")}: ${n(total.female)} female, ${n(total.male)} male, ${n(total.other)} other or not recorded, ${n(total.notDisaggregated)} not disaggregated by sex.`
    : "Bar chart: no participants recorded.";
  return (
    <ChartFigure
      id="participants"
      caption="Participants by sex"
      note="Not disaggregated: the part of an activity's total with no by-sex figures."
      legend={SEX_SERIES}
      table={
        <ChartTable
          caption="Participants by sex"
          columns={["Year", ...SEX_SERIES, "Total"]}
          rows={[...byYear, { ...total, year: -1 }].map((r) => [r.year === -1 ? "All years" : yearLabel(r.year), ...sexValues(r).map(n), n(r.total)])}
        />
      }
    >
      {total.total ? <StackedBarChart series={SEX_SERIES} rows={data} summary={summary} format={n} /> : <Empty>No participants recorded in this selection.</Empty>}
    </ChartFigure>
  );
}

const FUNDING_SERIES = ["Commitment", "Disbursement"];

/** "₩32B", "$1.3M": short enough to sit beside a bar; the table has the exact amounts. */
function compactMoney(amount: string, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(Number(amount));
}

export function FundingCharts({ rows }: { rows: FundingRow[] }) {
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (!currencies.length) {
    return (
      <ChartFigure id="funding" caption="Funding by donor and year" table={<p className="text-slate-600">No commitments or disbursements.</p>}>
        <Empty>No commitments or disbursements recorded in this selection.</Empty>
      </ChartFigure>
    );
  }
  return (
    <>
      {currencies.map((currency) => {
        const lines = rows.filter((r) => r.currency === currency);
        const label = (r: FundingRow) => `${r.provider} · ${r.year ?? "Year not recorded"}`;
        const committed = lines.reduce((a, r) => a + Number(r.commitment), 0);
        const disbursed = lines.reduce((a, r) => a + Number(r.disbursement), 0);
        const summary = `Bar chart in ${currency}: commitments and disbursements of ${plural(new Set(lines.map((r) => r.provider)).size, "donor", "donors")} by year; ${formatMoney(committed, currency)} committed, ${formatMoney(disbursed, currency)} disbursed.`;
        return (
          <ChartFigure
            key={currency}
            id={`funding-${currency}`}
            caption={`Funding in ${currency} by donor and year`}
            note={`Amounts in ${currency} only; other currencies have their own chart. Year: fiscal year, or else the transaction's year.`}
            legend={FUNDING_SERIES}
            table={
              <ChartTable
                caption={`Funding in ${currency} by donor and year`}
                columns={["Donor · year", "Commitment", "Disbursement"]}
                rows={lines.map((r) => [label(r), formatMoney(r.commitment, currency), formatMoney(r.disbursement, currency)])}
              />
            }
          >
            <GroupedBarChart
              series={FUNDING_SERIES}
              summary={summary}
              rows={lines.map((r) => ({
                label: label(r),
                values: [Number(r.commitment), Number(r.disbursement)],
                display: [compactMoney(r.commitment, currency), compactMoney(r.disbursement, currency)],
              }))}
            />
          </ChartFigure>
        );
      })}
    </>
  );
}
