import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { AGREEMENT_COLUMNS } from "~/components/agreements/agreement-columns";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { AGREEMENT_LIST, listAgreements } from "~/models/agreement.server";
import { listFilterOptions } from "~/models/reference.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "Agreements · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, AGREEMENT_LIST);
  if (url.searchParams.get("format") === "csv") {
    const { rows } = await listAgreements(scope, query, true);
    return csvResponse(toCsv(AGREEMENT_COLUMNS, rows), datedFilename("concord-agreements", "csv"));
  }
  const [{ rows, total }, options] = await Promise.all([listAgreements(scope, query), listFilterOptions()]);
  return json({ rows, total, query, options });
}

export default function Agreements() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "type", label: "Type", options: optionsFrom(AGREEMENT_TYPE_LABELS) },
    { kind: "select", name: "status", label: "Status", options: optionsFrom(AGREEMENT_STATUS_LABELS) },
    { kind: "select", name: "organisation", label: "Party", options: options.organisations },
    { kind: "date", name: "from", label: "Signed from" },
    { kind: "date", name: "to", label: "Signed until" },
    { kind: "select", name: "expiring", label: "Expiring within", options: [{ value: "30", label: "30 days" }, { value: "90", label: "90 days" }, { value: "365", label: "a year" }] },
  ];
  return (
    <div className="space-y-4">
      <ListHeader
        title="Agreements"
        description="MoUs, implementation plans, contracts, designations and their amendments."
        actions={
          <>
            <CsvLink total={total} />
            <ActionLink to="/agreements/new">New agreement</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search titles, parties and countries" archived={query.archived} />
      <DataTable
        caption="Agreements"
        columns={AGREEMENT_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => (
            <>
              <Link to={`/agreements/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {r.title}
              </Link>
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">Archived</Badge></span> : null}
            </>
          ),
        }}
        empty={
          query.q || Object.keys(query.filters).length ? (
            <>No agreement matches these filters. <Link to="?" className="text-brand-700 underline">Clear the filters</Link> to see them all.</>
          ) : (
            <>No agreements yet. <Link to="/agreements/new" className="text-brand-700 underline">Record the first agreement</Link>, e.g. an MoU signed during a visit.</>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
