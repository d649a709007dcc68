import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { baselineText, indicatorColumns } from "~/components/indicators/indicator-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { ImportLinks } from "~/components/imports/import-links";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { INDICATOR_LIST, listIndicators } from "~/models/indicator.server";
import { listFilterOptions } from "~/models/reference.server";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { formatPercent } from "~/utils/labels-results";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Indicators"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  // Titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    INDICATOR_LIST,
    (scope, query, all) => listIndicators(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns: indicatorColumns(t, createFormatter(t)), filename: "concord-indicators" },
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, title: t("indicators.list.title") });
});

export default function Indicators() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const figure = (v: string | null | undefined) => (v ? fmt.measure(v) : "—");
  const columns = indicatorColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("indicators.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("indicators.filter.country"), options: options.countries },
    { kind: "select", name: "type", label: t("indicators.filter.type"), options: t.options("resultType") },
    { kind: "select", name: "measure", label: t("indicators.filter.measure"), options: t.options("indicatorMeasureShort") },
    { kind: "date", name: "from", label: t("indicators.filter.from") },
    { kind: "date", name: "to", label: t("indicators.filter.to") },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("indicators.list.title")}
        description={t("indicators.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="indicatorPeriods" />
            <ActionLink to="/indicators/new">{t("indicators.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("indicators.list.search")} archived={query.archived} />
      <DataTable
        caption={t("indicators.list.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => <TitleLink to={`/indicators/${r.id}`} title={r.title} archived={r.archivedAt} />,
          programme: (r) => (
            <Link to={`/programmes/${r.programme.code}`} className="break-keep text-brand-700 underline-offset-2 hover:underline">
              {r.programme.title}
            </Link>
          ),
          baseline: (r) => (
            <span className="whitespace-nowrap">{r.baselineValue || r.baselineYear ? baselineText(r.baselineValue ? fmt.measure(r.baselineValue) : null, r.baselineYear) : "—"}</span>
          ),
          latestTarget: (r) => <span className="whitespace-nowrap">{figure(r.latest?.targetValue)}</span>,
          latestActual: (r) => <span className="whitespace-nowrap">{figure(r.latest?.actualValue)}</span>,
          percent: (r) => (r.latest?.percent ? formatPercent(r.latest.percent, fmt.locale) : "—"),
        }}
        empty={
          <ListEmpty
            query={query}
            one={t("indicators.list.one")}
            many={t("indicators.list.many")}
            create={{ to: "/indicators/new", label: t("indicators.list.createLabel"), hint: t("indicators.list.createHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
