import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { organisationsWithRoles, PROGRAMME_COLUMNS } from "~/components/programme-admin/programme-columns";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { listProgrammeRows, PROGRAMME_LIST } from "~/models/programme-admin.server";
import { listFilterOptions } from "~/models/reference.server";
import { PROGRAMME_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Programmes · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, PROGRAMME_LIST, listProgrammeRows, { columns: PROGRAMME_COLUMNS, filename: "concord-programmes" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
}

export default function Programmes() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "country", label: "Partner country", options: options.countries },
    { kind: "select", name: "status", label: "Status", options: optionsFrom(PROGRAMME_STATUS_LABELS) },
    { kind: "select", name: "organisation", label: "Organisation (any role)", options: options.organisations },
    { kind: "date", name: "from", label: "Starting from" },
    { kind: "date", name: "to", label: "Starting until" },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Programmes"
        description="Every cooperation programme, with its partner countries, organisations, dates and budget."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/programmes/new">New programme</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel="Search titles, codes, descriptions, organisations and countries"
        archived={query.archived}
      />
      <DataTable
        caption={query.archived ? "Archived programmes" : "Programmes"}
        columns={PROGRAMME_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          code: (r) => <span className="whitespace-nowrap font-mono text-xs">{r.code}</span>,
          title: (r) => (
            <span className="block min-w-[12rem]">
              <TitleLink to={`/programmes/${r.code}`} title={r.title} archived={r.archivedAt} />
            </span>
          ),
          // Links each organisation; the text stays the same as the CSV's.
          organisations: (r) => {
            const organisations = organisationsWithRoles(r);
            if (organisations.length === 0) return "—";
            return (
              <span className="block min-w-[10rem]">
                {organisations.map((o, i) => (
                  <span key={o.id}>
                    {i > 0 ? "; " : ""}
                    <Link to={`/organisations/${o.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {o.shortName}
                    </Link>{" "}
                    <span className="text-slate-600">({o.roles.join(", ")})</span>
                  </span>
                ))}
              </span>
            );
          },
        }}
        empty={<ListEmpty query={query} one="programme" many="programmes" create={{ to: "/programmes/new", label: "Record the first programme", hint: " with its partner countries, funders and sectors." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
