import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FUNDING_COLUMNS } from "~/components/funding/funding-columns";
import { FundingTotals } from "~/components/funding/funding-totals";
import { ListEmpty } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { FUNDING_LIST, fundingCurrencies, listFunding } from "~/models/funding.server";
import { listFilterOptions } from "~/models/reference.server";
import { formatDate } from "~/utils/format";
import { optionsFrom } from "~/utils/labels-extra";
import { formatAmountNumber, FUNDING_KIND_LABELS } from "~/utils/labels-results";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Funding · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, FUNDING_LIST, listFunding, { columns: FUNDING_COLUMNS, filename: "concord-funding" }, (scope) => Promise.all([listFilterOptions(), fundingCurrencies(scope)]));
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra[0], currencies: list.extra[1] });
}

const linkClass = "text-brand-700 underline-offset-2 hover:underline";

export default function Funding() {
  const { rows, total, totals, query, options, currencies } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "kind", label: "Kind", options: optionsFrom(FUNDING_KIND_LABELS) },
    { kind: "select", name: "organisation", label: "Provider or receiver", options: options.organisations },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "currency", label: "Currency", options: currencies.map((c: string) => ({ value: c, label: c })) },
    { kind: "date", name: "from", label: "Value date from" },
    { kind: "date", name: "to", label: "Value date until" },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Funding"
        description="Budgets and transactions: commitments, disbursements, expenditure and incoming funds, in their own currencies."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/funding/new">New funding line</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel="Search descriptions, providers, receivers, programmes and countries"
        archived={query.archived}
      />
      <FundingTotals totals={totals} total={total} />
      <DataTable
        caption="Funding lines"
        columns={FUNDING_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          valueDate: (r) => <span className="whitespace-nowrap">{formatDate(r.valueDate)}</span>,
          kind: (r) => (
            <>
              <Link to={`/funding/${r.id}`} className={`font-medium ${linkClass}`}>
                {FUNDING_KIND_LABELS[r.kind] ?? r.kind}
              </Link>
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">Archived</Badge></span> : null}
            </>
          ),
          programme: (r) => (
            <Link to={`/programmes/${r.programme.code}`} className={`break-keep ${linkClass}`}>
              {r.programme.title}
            </Link>
          ),
          provider: (r) => (r.provider ? <Link to={`/organisations/${r.provider.id}`} className={linkClass}>{r.provider.shortName}</Link> : "—"),
          receiver: (r) => (r.receiver ? <Link to={`/organisations/${r.receiver.id}`} className={linkClass}>{r.receiver.shortName}</Link> : "—"),
          dateOrPeriod: (r) =>
            r.kind === "BUDGET" ? (
              <span>{r.periodStart ? `${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)}` : "—"}</span>
            ) : (
              <span className="whitespace-nowrap">{formatDate(r.transactionDate)}</span>
            ),
          description: (r) => (r.description ? <span className="line-clamp-2 max-w-xs" title={r.description}>{r.description}</span> : "—"),
          amount: (r) => <span className="whitespace-nowrap font-medium">{formatAmountNumber(r.amount, r.currency)}</span>,
        }}
        empty={<ListEmpty query={query} one="funding line" many="funding lines" create={{ to: "/funding/new", label: "Record a budget or a transaction", hint: ", e.g. a disbursement to a partner." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
