import { formatAmountNumber, FUNDING_KIND_LABELS } from "~/utils/labels-results";

export type FundingTotalView = { currency: string; kind: string; lines: number; amount: string };

/**
 * Totals of the filtered funding lines, per currency and kind. Amounts in
 * different currencies, or of different kinds (a commitment and the
 * disbursements against it), are never added together.
 */
export function FundingTotals({ totals, total }: { totals: FundingTotalView[]; total: number }) {
  if (totals.length === 0) return null;
  const currencies = [...new Set(totals.map((t) => t.currency))];
  return (
    <section aria-labelledby="funding-totals" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="funding-totals" className="text-base font-semibold">
        Totals by currency and kind
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        All {total} {total === 1 ? "line" : "lines"} that match the filters, on every page. Currencies are not converted.
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full max-w-2xl text-sm">
          <caption className="sr-only">Totals of the filtered funding lines by currency and kind</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1.5 pr-4 text-left font-medium text-slate-700">Currency</th>
              <th scope="col" className="py-1.5 pr-4 text-left font-medium text-slate-700">Kind</th>
              <th scope="col" className="py-1.5 pr-4 text-right font-medium text-slate-700">Lines</th>
              <th scope="col" className="py-1.5 text-right font-medium text-slate-700">Total</th>
            </tr>
          </thead>
          {currencies.map((currency) => {
            const rows = totals.filter((t) => t.currency === currency);
            return (
              <tbody key={currency} className="border-b border-slate-100 last:border-0">
                {rows.map((t, i) => (
                  <tr key={t.kind}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={rows.length} className="py-1.5 pr-4 text-left align-top font-semibold">
                        {currency}
                      </th>
                    ) : null}
                    <td className="py-1.5 pr-4">{FUNDING_KIND_LABELS[t.kind] ?? t.kind}</td>
                    <td className="py-1.5 pr-4 text-right tabular-nums">{t.lines}</td>
                    <td className="py-1.5 text-right font-medium tabular-nums">
                      {formatAmountNumber(t.amount, t.currency)} {t.currency}
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
