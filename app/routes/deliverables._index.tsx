import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { deliverableColumns } from "~/components/deliverables/deliverable-columns";
import { OverdueBadge } from "~/components/deliverables/overdue-badge";
import { TitleLink } from "~/components/lists/list-parts";
import { ImportLinks } from "~/components/imports/import-links";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink } from "~/components/records/record-parts";
import { withNodes } from "~/components/ui/rich-text";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { DELIVERABLE_LIST, listDeliverables } from "~/models/deliverable.server";
import { listFilterOptions } from "~/models/reference.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Deliverables"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  const columns = deliverableColumns(t, createFormatter(t));
  // Titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    DELIVERABLE_LIST,
    (scope, query, all) => listDeliverables(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns, filename: "concord-deliverables", sheet: t("deliverables.list.sheet") },
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, title: t("deliverables.list.title") });
});

export default function Deliverables() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = deliverableColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("deliverables.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("deliverables.filter.country"), options: options.countries },
    { kind: "select", name: "status", label: t("deliverables.filter.status"), options: t.options("deliverableStatus") },
    { kind: "select", name: "organisation", label: t("deliverables.filter.responsible"), options: options.organisations },
    { kind: "date", name: "from", label: t("deliverables.filter.from") },
    { kind: "date", name: "to", label: t("deliverables.filter.to") },
    { kind: "select", name: "due", label: t("deliverables.filter.due"), options: t.options("deliverableDue") },
  ];
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  const onlyOverdue = !query.q && !query.archived && Object.keys(query.filters).join() === "due" && query.filters.due === "overdue";
  return (
    <div className="space-y-4">
      <ListHeader
        title={
          query.filters.due === "overdue"
            ? t("deliverables.list.titleOverdue")
            : query.filters.due === "next30"
              ? t("deliverables.list.titleNext30")
              : t("deliverables.list.title")
        }
        description={t("deliverables.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="deliverables" />
            <ActionLink to="/deliverables/new">{t("deliverables.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("deliverables.list.search")} archived={query.archived} />
      <DataTable
        caption={t("deliverables.list.title")}
        columns={columns}
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
          dueDate: (r) => <span className="whitespace-nowrap">{fmt.date(r.dueDate)}</span>,
          overdue: (r) => (r.overdue ? <OverdueBadge /> : t("deliverables.no")),
        }}
        empty={
          filtered ? (
            withNodes(t(onlyOverdue ? "deliverables.list.emptyOverdue" : "deliverables.list.emptyFiltered"), {
              link: (
                <Link to="?" className="text-brand-700 underline">
                  {t("deliverables.list.clearFilters")}
                </Link>
              ),
            })
          ) : (
            withNodes(t("deliverables.list.emptyNone"), {
              link: (
                <Link to="/deliverables/new" className="text-brand-700 underline">
                  {t("deliverables.list.createFirst")}
                </Link>
              ),
            })
          )
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
