import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ACTIVITY_COLUMNS } from "~/components/activities/activity-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { listFilterOptions } from "~/models/reference.server";
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Activities · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, ACTIVITY_LIST, listActivities, { columns: ACTIVITY_COLUMNS, filename: "concord-activities" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
}

export default function Activities() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "kind", label: "Kind", options: optionsFrom(ACTIVITY_KIND_LABELS) },
    { kind: "select", name: "status", label: "Status", options: optionsFrom(ACTIVITY_STATUS_LABELS) },
    { kind: "select", name: "organisation", label: "Organisation (any role)", options: options.organisations },
    { kind: "date", name: "from", label: "Starts from" },
    { kind: "date", name: "to", label: "Starts until" },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Activities"
        description="Study visits, training courses, consultancies, workshops, conferences, policy dialogues, expert exchanges and high-level meetings."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/activities/new">New activity</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel="Search titles, places, organisations and countries"
        archived={query.archived}
      />
      <DataTable
        caption="Activities"
        columns={ACTIVITY_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => <TitleLink to={`/activities/${r.id}`} title={r.title} archived={r.archivedAt} />,
          programme: (r) => (
            <abbr title={r.programme.title} className="no-underline">
              {r.programme.code}
            </abbr>
          ),
        }}
        empty={<ListEmpty query={query} one="activity" many="activities" create={{ to: "/activities/new", label: "Record the first activity", hint: ", e.g. a study visit or a training course." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
