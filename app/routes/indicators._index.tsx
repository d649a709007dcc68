import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { baselineText, INDICATOR_COLUMNS } from "~/components/indicators/indicator-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { INDICATOR_LIST, listIndicators } from "~/models/indicator.server";
import { listFilterOptions } from "~/models/reference.server";
import { optionsFrom } from "~/utils/labels-extra";
import { formatMeasure, INDICATOR_MEASURE_SHORT, RESULT_TYPE_LABELS } from "~/utils/labels-results";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Indicators · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, INDICATOR_LIST, listIndicators, { columns: INDICATOR_COLUMNS, filename: "concord-indicators" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
}

const figure = (v: string | null | undefined) => (v ? formatMeasure(v) : "—");

export default function Indicators() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "type", label: "Result type", options: optionsFrom(RESULT_TYPE_LABELS) },
    { kind: "select", name: "measure", label: "Measure", options: optionsFrom(INDICATOR_MEASURE_SHORT) },
    { kind: "date", name: "from", label: "With a period from" },
    { kind: "date", name: "to", label: "With a period until" },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Indicators"
        description="The results framework: what each programme measures, its baseline, and targets and actual values period by period."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/indicators/new">New indicator</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search titles, units, programmes and countries" archived={query.archived} />
      <DataTable
        caption="Indicators"
        columns={INDICATOR_COLUMNS}
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
            <span className="whitespace-nowrap">{r.baselineValue || r.baselineYear ? baselineText(r.baselineValue ? formatMeasure(r.baselineValue) : null, r.baselineYear) : "—"}</span>
          ),
          latestTarget: (r) => <span className="whitespace-nowrap">{figure(r.latest?.targetValue)}</span>,
          latestActual: (r) => <span className="whitespace-nowrap">{figure(r.latest?.actualValue)}</span>,
          percent: (r) => (r.latest?.percent ? `${r.latest.percent}%` : "—"),
        }}
        empty={<ListEmpty query={query} one="indicator" many="indicators" create={{ to: "/indicators/new", label: "Record the first indicator", hint: ", e.g. the number of people reached each year, with its baseline and targets." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
