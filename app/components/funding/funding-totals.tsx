import { useFormat, useT } from "~/i18n/context";

export type FundingTotalView = { currency: string; kind: string; lines: number; amount: string };

/**
 * Totals of the filtered funding lines, per currency and kind. Amounts in
 * different currencies, or of different kinds (a commitment and the
 * disbursements against it), are never added together.
 */
export function FundingTotals({ totals, total }: { totals: FundingTotalView[]; total: number }) {
  const t = useT();
  const fmt = useFormat();
  if (totals.length === 0) return null;
  const currencies = [...new Set(totals.map((line) => line.currency))];
  return (
    <section aria-labelledby="funding-totals" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="funding-totals" className="text-base font-semibold">
        {t("funding.totals.title")}
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        {t("funding.totals.intro", { count: total })}
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full max-w-2xl text-sm">
          <caption className="sr-only">{t("funding.totals.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1.5 pr-4 text-left font-medium text-slate-700">{t("funding.totals.currency")}</th>
              <th scope="col" className="py-1.5 pr-4 text-left font-medium text-slate-700">{t("funding.totals.kind")}</th>
              <th scope="col" className="py-1.5 pr-4 text-right font-medium text-slate-700">{t("funding.totals.lines")}</th>
              <th scope="col" className="py-1.5 text-right font-medium text-slate-700">{t("funding.totals.total")}</th>
            </tr>
          </thead>
          {currencies.map((currency) => {
            const rows = totals.filter((line) => line.currency === currency);
            return (
              <tbody key={currency} className="border-b border-slate-100 last:border-0">
                {rows.map((line, i) => (
                  <tr key={line.kind}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={rows.length} className="py-1.5 pr-4 text-left align-top font-semibold">
                        {currency}
                      </th>
                    ) : null}
                    <td className="py-1.5 pr-4">{t.label("fundingKind", line.kind)}</td>
                    <td className="py-1.5 pr-4 text-right tabular-nums">{fmt.number(line.lines)}</td>
                    <td className="py-1.5 text-right font-medium tabular-nums">
                      {t("funding.totals.amount", { amount: fmt.amountNumber(line.amount, line.currency), currency: line.currency })}
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
