import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DELIVERABLE_COLUMNS } from "~/components/deliverables/deliverable-columns";
import { OverdueBadge } from "~/components/deliverables/overdue-badge";
import { TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { DELIVERABLE_LIST, listDeliverables } from "~/models/deliverable.server";
import { listFilterOptions } from "~/models/reference.server";
import { formatDate } from "~/utils/format";
import { DELIVERABLE_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { DELIVERABLE_DUE_LABELS } from "~/utils/labels-outcome";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Deliverables · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, DELIVERABLE_LIST, listDeliverables, { columns: DELIVERABLE_COLUMNS, filename: "concord-deliverables" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
}

export default function Deliverables() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "status", label: "Status", options: optionsFrom(DELIVERABLE_STATUS_LABELS) },
    { kind: "select", name: "organisation", label: "Responsible", options: options.organisations },
    { kind: "date", name: "from", label: "Due from" },
    { kind: "date", name: "to", label: "Due until" },
    { kind: "select", name: "due", label: "Deadline", options: optionsFrom(DELIVERABLE_DUE_LABELS) },
  ];
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  const onlyOverdue = !query.q && !query.archived && Object.keys(query.filters).join() === "due" && query.filters.due === "overdue";
  return (
    <div className="space-y-4">
      <ListHeader
        title={query.filters.due === "overdue" ? "Overdue deliverables" : query.filters.due === "next30" ? "Deliverables due in the next 30 days" : "Deliverables"}
        description="What programmes owe: reports, drafts, curricula. Overdue means past its due date and not yet submitted."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/deliverables/new">New deliverable</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search titles, descriptions, organisations and countries" archived={query.archived} />
      <DataTable
        caption="Deliverables"
        columns={DELIVERABLE_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => <TitleLink to={`/deliverables/${r.id}`} title={r.title} archived={r.archivedAt} />,
          programme: (r) => (
            <Link to={`/programmes/${r.programme.code}`} className="text-brand-700 underline-offset-2 hover:underline">
              {r.programme.title}
            </Link>
          ),
          agreement: (r) =>
            r.agreement ? (
              <Link to={`/agreements/${r.agreement.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {r.agreement.title}
              </Link>
            ) : (
              "—"
            ),
          activity: (r) =>
            r.activity ? (
              <Link to={`/activities/${r.activity.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {r.activity.title}
              </Link>
            ) : (
              "—"
            ),
          dueDate: (r) => <span className="whitespace-nowrap">{formatDate(r.dueDate)}</span>,
          overdue: (r) => (r.overdue ? <OverdueBadge /> : "No"),
        }}
        empty={
          filtered ? (
            <>
              {onlyOverdue ? "Nothing is overdue. " : "No deliverable matches these filters. "}
              <Link to="?" className="text-brand-700 underline">Clear the filters</Link> to see all deliverables.
            </>
          ) : (
            <>
              No deliverables yet. <Link to="/deliverables/new" className="text-brand-700 underline">Record the first deliverable</Link>, e.g. a
              report owed under an agreement, or create one from a workshop outcome.
            </>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
