import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fundingColumns } from "~/components/funding/funding-columns";
import { FundingTotals } from "~/components/funding/funding-totals";
import { ImportLinks } from "~/components/imports/import-links";
import { ListEmpty } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { FUNDING_LIST, fundingCurrencies, listFunding } from "~/models/funding.server";
import { listFilterOptions } from "~/models/reference.server";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";
import { isTransactionKind } from "~/schemas/funding";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Funding"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  // Programme titles in the reader's language where the rows carry the programmes' narratives, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    FUNDING_LIST,
    (scope, query, all) => listFunding(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns: fundingColumns(t, createFormatter(t)), filename: "concord-funding" },
    (scope) => Promise.all([listFilterOptions(t.locale), fundingCurrencies(scope)]),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra[0], currencies: list.extra[1], title: t("funding.list.title") });
});

const linkClass = "text-brand-700 underline-offset-2 hover:underline";

export default function Funding() {
  const { rows, total, totals, query, options, currencies } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = fundingColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("funding.filter.programme"), options: options.programmes },
    { kind: "select", name: "kind", label: t("funding.filter.kind"), options: t.options("fundingKind") },
    { kind: "select", name: "organisation", label: t("funding.filter.organisation"), options: options.organisations },
    { kind: "select", name: "country", label: t("funding.filter.country"), options: options.countries },
    { kind: "select", name: "currency", label: t("funding.filter.currency"), options: currencies.map((c: string) => ({ value: c, label: c })) },
    { kind: "date", name: "from", label: t("funding.filter.from") },
    { kind: "date", name: "to", label: t("funding.filter.to") },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("funding.list.title")}
        description={t("funding.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="funding" />
            <ActionLink to="/funding/new">{t("funding.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel={t("funding.list.search")}
        archived={query.archived}
      />
      <FundingTotals totals={totals} total={total} />
      <DataTable
        caption={t("funding.list.caption")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          valueDate: (r) => <span className="whitespace-nowrap">{fmt.date(r.valueDate)}</span>,
          kind: (r) => (
            <>
              <Link to={`/funding/${r.id}`} className={`font-medium ${linkClass}`}>
                {t.label("fundingKind", r.kind)}
              </Link>
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">{t("funding.list.archived")}</Badge></span> : null}
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
            !isTransactionKind(r.kind) ? (
              <span>{r.periodStart ? `${fmt.date(r.periodStart)} – ${fmt.date(r.periodEnd)}` : "—"}</span>
            ) : (
              <span className="whitespace-nowrap">{fmt.date(r.transactionDate)}</span>
            ),
          description: (r) => (r.description ? <span className="line-clamp-2 max-w-xs" title={r.description}>{r.description}</span> : "—"),
          amount: (r) => <span className="whitespace-nowrap font-medium">{fmt.amountNumber(r.amount, r.currency)}</span>,
        }}
        empty={
          <ListEmpty
            query={query}
            one={t("funding.list.one")}
            many={t("funding.list.many")}
            create={{ to: "/funding/new", label: t("funding.list.createLabel"), hint: t("funding.list.createHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
