import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { OUTCOME_COLUMNS, outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { listOutcomes, OUTCOME_LIST } from "~/models/outcome.server";
import { listFilterOptions } from "~/models/reference.server";
import { formatDate } from "~/utils/format";
import { optionsFrom } from "~/utils/labels-extra";
import { FOLLOW_UP_STATUS_LABELS, OUTCOME_FOLLOW_UP_FILTER_LABELS, OUTCOME_TYPE_LABELS } from "~/utils/labels-outcome";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Outcomes · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, OUTCOME_LIST, listOutcomes, { columns: OUTCOME_COLUMNS, filename: "concord-outcomes" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra });
}

const link = "text-brand-700 underline-offset-2 hover:underline";

export default function Outcomes() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: options.programmes },
    { kind: "select", name: "country", label: "Country", options: options.countries },
    { kind: "select", name: "type", label: "Type", options: optionsFrom(OUTCOME_TYPE_LABELS) },
    { kind: "select", name: "status", label: "Follow-up status", options: optionsFrom(FOLLOW_UP_STATUS_LABELS) },
    { kind: "select", name: "organisation", label: "Responsible", options: options.organisations },
    { kind: "date", name: "from", label: "Due from" },
    { kind: "date", name: "to", label: "Due until" },
    { kind: "select", name: "followUp", label: "Follow-up", options: optionsFrom(OUTCOME_FOLLOW_UP_FILTER_LABELS) },
  ];
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  const onlyMissing = !query.q && !query.archived && Object.keys(query.filters).join() === "followUp" && query.filters.followUp === "missing";
  return (
    <div className="space-y-4">
      <ListHeader
        title={query.filters.followUp === "missing" ? "Outcomes without follow-up" : "Outcomes"}
        description="What workshops and meetings agreed, and how each is followed up."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/outcomes/new">New outcome</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search outcomes, activities, organisations and countries" archived={query.archived} />
      <DataTable
        caption="Outcomes"
        columns={OUTCOME_COLUMNS}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          text: (r) => (
            <div className="min-w-[16rem] max-w-prose">
              <Link to={`/outcomes/${r.id}`} className={`font-medium ${link}`}>
                {outcomeExcerpt(r.text, 200)}
              </Link>
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">Archived</Badge></span> : null}
            </div>
          ),
          activity: (r) => (
            <Link to={`/activities/${r.activity.id}`} className={link}>
              {r.activity.title}
            </Link>
          ),
          programme: (r) => (
            <Link to={`/programmes/${r.activity.programme.code}`} className={link}>
              {r.activity.programme.title}
            </Link>
          ),
          dueDate: (r) => <span className="whitespace-nowrap">{formatDate(r.dueDate)}</span>,
          deliverable: (r) =>
            r.deliverable ? (
              <Link to={`/deliverables/${r.deliverable.id}`} className={link}>
                {r.deliverable.title}
              </Link>
            ) : (
              "None yet"
            ),
        }}
        empty={
          filtered ? (
            <>
              {onlyMissing ? "Every outcome has a follow-up. " : "No outcome matches these filters. "}
              <Link to="?" className="text-brand-700 underline">Clear the filters</Link> to see all outcomes.
            </>
          ) : (
            <>
              No outcomes yet. Record what a workshop or meeting agreed from the activity's page, or{" "}
              <Link to="/outcomes/new" className="text-brand-700 underline">record an outcome</Link> here.
            </>
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
