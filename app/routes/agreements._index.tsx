import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AGREEMENT_COLUMNS } from "~/components/agreements/agreement-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { AGREEMENT_LIST, listAgreements } from "~/models/agreement.server";
import { listFilterOptions } from "~/models/reference.server";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Agreements · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, AGREEMENT_LIST, listAgreements, { columns: AGREEMENT_COLUMNS, filename: "concord-agreements" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
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
            <CsvLink total={total} xlsx />
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
          title: (r) => <TitleLink to={`/agreements/${r.id}`} title={r.title} archived={r.archivedAt} />,
        }}
        empty={<ListEmpty query={query} one="agreement" many="agreements" create={{ to: "/agreements/new", label: "Record the first agreement", hint: ", e.g. an MoU signed during a visit." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
