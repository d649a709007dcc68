import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { ACTIVITY_COLUMNS } from "~/components/activities/activity-columns";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { listFilterOptions } from "~/models/reference.server";
import { csvResponse, datedFilename, toCsv } from "~/reports/csv.server";
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from "~/utils/labels";
import { optionsFrom } from "~/utils/labels-extra";
import { parseListQuery } from "~/utils/list-query";

export const meta: MetaFunction = () => [{ title: "Activities · Concord" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const url = new URL(request.url);
  const query = parseListQuery(url.searchParams, ACTIVITY_LIST);
  if (url.searchParams.get("format") === "csv") {
    const { rows } = await listActivities(scope, query, true);
    return csvResponse(toCsv(ACTIVITY_COLUMNS, rows), datedFilename("concord-activities", "csv"));
  }
  const [{ rows, total }, options] = await Promise.all([listActivities(scope, query), listFilterOptions()]);
  return json({ rows, total, query, options });
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
            <CsvLink total={total} />
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
          title: (r) => (
            <>
              <Link to={`/activities/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {r.title}
              </Link>
              {r.archivedAt ? (
                <span className="ml-2">
                  <Badge tone="amber">Archived</Badge>
                </span>
              ) : null}
            </>
          ),
          programme: (r) => (
            <abbr title={r.programme.title} className="no-underline">
              {r.programme.code}
            </abbr>
          ),
        }}
        empty={
          query.q || Object.keys(query.filters).length || query.archived ? (
            <>
              No activity matches these filters.{" "}
              <Link to="?" className="text-brand-700 underline">
                Clear the filters
              </Link>{" "}
              to see them all.
            </>
          ) : (
            <>
              No activities yet.{" "}
              <Link to="/activities/new" className="text-brand-700 underline">
                Record the first activity
              </Link>
              , e.g. a study visit or a training course.
            </>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
