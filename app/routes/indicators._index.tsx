import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { baselineText, INDICATOR_COLUMNS } from "~/components/indicators/indicator-columns";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { INDICATOR_LIST, listIndicators } from "~/models/indicator.server";
import { listFilterOptions } from "~/models/reference.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { optionsFrom } from "~/utils/labels-extra";
import { formatMeasure, INDICATOR_MEASURE_SHORT, RESULT_TYPE_LABELS } from "~/utils/labels-results";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "Indicators · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, INDICATOR_LIST);
  if (url.searchParams.get("format") === "csv") {
    const { rows } = await listIndicators(scope, query, true);
    return csvResponse(toCsv(INDICATOR_COLUMNS, rows), datedFilename("concord-indicators", "csv"));
  }
  const [{ rows, total }, options] = await Promise.all([listIndicators(scope, query), listFilterOptions()]);
  return json({ rows, total, query, options });
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
            <CsvLink total={total} />
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
          title: (r) => (
            <>
              <Link to={`/indicators/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {r.title}
              </Link>
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">Archived</Badge></span> : null}
            </>
          ),
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
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>No indicator matches these filters. <Link to="?" className="text-brand-700 underline">Clear the filters</Link> to see them all.</>
          ) : query.archived ? (
            <>No archived indicators.</>
          ) : (
            <>No indicators yet. <Link to="/indicators/new" className="text-brand-700 underline">Record the first indicator</Link>, e.g. the number of people reached each year, with its baseline and targets.</>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
