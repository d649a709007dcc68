import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { activityColumns } from "~/components/activities/activity-columns";
import { ImportLinks } from "~/components/imports/import-links";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { ACTIVITY_EXPORT_BATCH, ACTIVITY_LIST, listActivities } from "~/models/activity.server";
import { listFilterOptions } from "~/models/reference.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Activities"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  const columns = activityColumns(t, createFormatter(t));
  // Titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    ACTIVITY_LIST,
    (scope, query, all) => listActivities(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns, filename: "concord-activities", sheet: t("activities.list.sheet") },
    () => listFilterOptions(t.locale),
    // The exports read a bounded batch at a time (memory: see the constant).
    { batchSize: ACTIVITY_EXPORT_BATCH },
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, title: t("activities.list.title") });
});

export default function Activities() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = activityColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("activities.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("activities.filter.country"), options: options.countries },
    { kind: "select", name: "kind", label: t("activities.filter.kind"), options: t.options("activityKind") },
    { kind: "select", name: "status", label: t("activities.filter.status"), options: t.options("activityStatus") },
    { kind: "select", name: "organisation", label: t("activities.filter.organisation"), options: options.organisations },
    { kind: "date", name: "from", label: t("activities.filter.from") },
    { kind: "date", name: "to", label: t("activities.filter.to") },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("activities.list.title")}
        description={t("activities.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="activities" />
            <ActionLink to="/activities/new">{t("activities.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel={t("activities.list.search")}
        archived={query.archived}
      />
      <DataTable
        caption={t("activities.list.title")}
        columns={columns}
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
        empty={
          <ListEmpty
            query={query}
            one={t("activities.list.one")}
            many={t("activities.list.many")}
            create={{ to: "/activities/new", label: t("activities.list.createFirst"), hint: t("activities.list.createHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
