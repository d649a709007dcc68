import { BarChart } from "~/components/charts/bar-chart";
import { ChartFigure, ChartTable } from "~/components/charts/chart-figure";
import { GroupedBarChart } from "~/components/charts/grouped-bar-chart";
import { StackedBarChart } from "~/components/charts/stacked-bar-chart";
import { useFormat, useT } from "~/i18n/context";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";
import type { Translator } from "~/i18n/translate";
import { ACTIVITY_KINDS } from "~/schemas/activity";
import { DELIVERABLE_STATUSES } from "~/schemas/deliverable";
import type { DeliverableStatusRow, FundingRow, KindYearRow, ParticipantsRow } from "~/models/portfolio.server";

// The portfolio's charts, each a ChartFigure with its data table. The rows
// arrive aggregated from the database (portfolio.server.ts); this file only
// arranges them, in the reader's language.

/** What portfolio.server.ts's SQL names a funding line without a provider. */
const NO_PROVIDER = "Provider not recorded";

const yearLabel = (t: Translator, year: number | null) => (year === null ? t("portfolio.undated") : String(year));

function Empty({ children }: { children: string }) {
  return <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">{children}</p>;
}

export function ActivitiesByKindChart({ rows }: { rows: KindYearRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const n = (value: number) => fmt.number(value);
  const kinds = ACTIVITY_KINDS.filter((k) => rows.some((r) => r.kind === k));
  const years = [...new Set(rows.map((r) => r.year))];
  const cell = (year: number | null, kind: string) => rows.find((r) => r.year === year && r.kind === kind)?.count ?? 0;
  const data = years.map((year) => ({ label: yearLabel(t, year), values: kinds.map((k) => cell(year, k)) }));
  const total = rows.reduce((a, r) => a + r.count, 0);
  const kindTotals = kinds.map((k) => rows.filter((r) => r.kind === k).reduce((a, r) => a + r.count, 0));
  const series = kinds.map((k) => t.label("activityKind", k));
  const busiest = data.map((d) => ({ label: d.label, total: d.values.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total)[0];
  const summary = total
    ? t("portfolio.activities.summary", {
        activities: t("portfolio.count.activities", { count: total }),
        years: t("portfolio.count.years", { count: years.length }),
        busiest: busiest.label,
        most: busiest.total,
      })
    : t("portfolio.activities.summaryNone");
  return (
    <ChartFigure
      id="activities"
      caption={t("portfolio.activities.caption")}
      note={t("portfolio.activities.note")}
      legend={series}
      table={
        <ChartTable
          caption={t("portfolio.activities.caption")}
          columns={[t("portfolio.col.year"), ...series, t("portfolio.col.total")]}
          rows={[
            ...data.map((d) => [d.label, ...d.values.map(n), n(d.values.reduce((a, b) => a + b, 0))]),
            [t("portfolio.allYears"), ...kindTotals.map(n), n(total)],
          ]}
        />
      }
    >
      {total ? <StackedBarChart series={series} rows={data} summary={summary} format={n} /> : <Empty>{t("portfolio.activities.empty")}</Empty>}
    </ChartFigure>
  );
}

export function DeliverablesChart({ rows, overdue, today }: { rows: DeliverableStatusRow[]; overdue: number; today: string }) {
  const t = useT();
  const fmt = useFormat();
  const n = (value: number) => fmt.number(value);
  // The stored values in their usual order; the names in the reader's language.
  const statuses = DELIVERABLE_STATUSES.map((value) => ({ value, label: t.label("deliverableStatus", value) }));
  const counts = statuses.map((s) => rows.find((r) => r.status === s.value)?.count ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const bars = [
    ...statuses.map((s, i) => ({ label: s.label, value: counts[i], display: n(counts[i]) })),
    { label: t("portfolio.deliverables.overdue"), value: overdue, display: n(overdue), colour: "#D55E00" },
  ];
  const summary = total
    ? t("portfolio.deliverables.summary", {
        deliverables: t("portfolio.count.deliverables", { count: total }),
        statuses: statuses.map((s, i) => t("portfolio.deliverables.statusCount", { status: s.label, count: counts[i] })).join(", "),
        overdue,
      })
    : t("portfolio.deliverables.summaryNone");
  return (
    <ChartFigure
      id="deliverables"
      caption={t("portfolio.deliverables.caption")}
      note={t("portfolio.deliverables.note", { date: fmt.date(today) })}
      table={
        <ChartTable
          caption={t("portfolio.deliverables.caption")}
          columns={[t("portfolio.col.status"), t("portfolio.col.deliverables")]}
          rows={[...bars.map((b) => [b.label, b.display]), [t("portfolio.deliverables.all"), n(total)]]}
        />
      }
    >
      {total ? <BarChart bars={bars} summary={summary} /> : <Empty>{t("portfolio.deliverables.empty")}</Empty>}
    </ChartFigure>
  );
}

const sexValues = (r: ParticipantsRow) => [r.female, r.male, r.other, r.notDisaggregated];

export function ParticipantsChart({ total, byYear }: { total: ParticipantsRow; byYear: ParticipantsRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const n = (value: number) => fmt.number(value);
  const sexSeries = [t("portfolio.sex.female"), t("portfolio.sex.male"), t("portfolio.sex.other"), t("portfolio.sex.notDisaggregated")];
  const data = [{ label: t("portfolio.allYears"), values: sexValues(total) }, ...byYear.map((r) => ({ label: yearLabel(t, r.year), values: sexValues(r) }))];
  const summary = total.total
    ? t("portfolio.participants.summary", {
        participants: t("portfolio.count.participants", { count: total.total }),
        female: total.female,
        male: total.male,
        other: total.other,
        rest: total.notDisaggregated,
      })
    : t("portfolio.participants.summaryNone");
  return (
    <ChartFigure
      id="participants"
      caption={t("portfolio.participants.caption")}
      note={t("portfolio.participants.note")}
      legend={sexSeries}
      table={
        <ChartTable
          caption={t("portfolio.participants.caption")}
          columns={[t("portfolio.col.year"), ...sexSeries, t("portfolio.col.total")]}
          rows={[...byYear, { ...total, year: -1 }].map((r) => [r.year === -1 ? t("portfolio.allYears") : yearLabel(t, r.year), ...sexValues(r).map(n), n(r.total)])}
        />
      }
    >
      {total.total ? (
        <StackedBarChart series={sexSeries} rows={data} summary={summary} format={n} />
      ) : (
        <Empty>{t("portfolio.participants.empty")}</Empty>
      )}
    </ChartFigure>
  );
}

/** "₩32B", "$1.3M": short enough to sit beside a bar; the table has the exact amounts. */
function compactMoney(amount: string, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(
    Number(amount),
  );
}

export function FundingCharts({ rows }: { rows: FundingRow[] }) {
  const t = useT();
  const fmt = useFormat();
  const currencies = [...new Set(rows.map((r) => r.currency))];
  if (!currencies.length) {
    return (
      <ChartFigure id="funding" caption={t("portfolio.funding.captionNone")} table={<p className="text-slate-600">{t("portfolio.funding.tableNone")}</p>}>
        <Empty>{t("portfolio.funding.empty")}</Empty>
      </ChartFigure>
    );
  }
  const fundingSeries = [t("portfolio.funding.commitment"), t("portfolio.funding.disbursement")];
  const provider = (r: FundingRow) => (r.provider === NO_PROVIDER ? t("portfolio.funding.noProvider") : r.provider);
  return (
    <>
      {currencies.map((currency) => {
        const lines = rows.filter((r) => r.currency === currency);
        const label = (r: FundingRow) => `${provider(r)} · ${r.year ?? t("portfolio.funding.noYear")}`;
        const committed = lines.reduce((a, r) => a + Number(r.commitment), 0);
        const disbursed = lines.reduce((a, r) => a + Number(r.disbursement), 0);
        const summary = t("portfolio.funding.summary", {
          currency,
          donors: t("portfolio.count.donors", { count: new Set(lines.map((r) => r.provider)).size }),
          committed: fmt.money(committed, currency),
          disbursed: fmt.money(disbursed, currency),
        });
        return (
          <ChartFigure
            key={currency}
            id={`funding-${currency}`}
            caption={t("portfolio.funding.caption", { currency })}
            note={t("portfolio.funding.note", { currency })}
            legend={fundingSeries}
            table={
              <ChartTable
                caption={t("portfolio.funding.caption", { currency })}
                columns={[t("portfolio.funding.donorYear"), ...fundingSeries]}
                rows={lines.map((r) => [label(r), fmt.money(r.commitment, currency), fmt.money(r.disbursement, currency)])}
              />
            }
          >
            <GroupedBarChart
              series={fundingSeries}
              summary={summary}
              rows={lines.map((r) => ({
                label: label(r),
                values: [Number(r.commitment), Number(r.disbursement)],
                display: [compactMoney(r.commitment, currency, t.locale), compactMoney(r.disbursement, currency, t.locale)],
              }))}
            />
          </ChartFigure>
        );
      })}
    </>
  );
}
