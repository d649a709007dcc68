import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListEmpty } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ORGANISATION_COLUMNS } from "~/components/organisations/organisation-columns";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listOrganisations, ORGANISATION_LIST, organisationCountryOptions } from "~/models/organisation-admin.server";
import { ORGANISATION_TYPE_OPTIONS } from "~/utils/codelists";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Organisations · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, ORGANISATION_LIST, (_scope, query, all) => listOrganisations(query, all), { columns: ORGANISATION_COLUMNS, filename: "concord-organisations" }, organisationCountryOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, countries: list.extra });
}

export default function Organisations() {
  const { rows, total, query, countries } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "country", label: "Country", options: countries },
    { kind: "select", name: "type", label: "Type (IATI)", options: ORGANISATION_TYPE_OPTIONS },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Organisations"
        description="Funders, partner ministries, institutes and multilaterals, with the programmes and agreements they take part in."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/organisations/new">New organisation</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search names, descriptions and countries" archived={query.archived} />
      <DataTable
        caption={query.archived ? "Archived organisations" : "Organisations"}
        columns={ORGANISATION_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          shortName: (r) => (
            <>
              <Link to={`/organisations/${r.id}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
                {r.shortName}
              </Link>
              {r.archivedAt ? (
                <span className="ml-2">
                  <Badge tone="amber">Archived</Badge>
                </span>
              ) : null}
            </>
          ),
          iatiRef: (r) => (r.iatiRef ? <span className="whitespace-nowrap">{r.iatiRef}</span> : "—"),
        }}
        empty={<ListEmpty query={query} one="organisation" many="organisations" create={{ to: "/organisations/new", label: "Add the first organisation", hint: ", e.g. the funder or the partner ministry of a programme." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
