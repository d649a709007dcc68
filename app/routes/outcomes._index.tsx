import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ImportLinks } from "~/components/imports/import-links";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { outcomeColumns, outcomeExcerpt } from "~/components/outcomes/outcome-columns";
import { ActionLink } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { withNodes } from "~/components/ui/rich-text";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { listOutcomes, OUTCOME_LIST } from "~/models/outcome.server";
import { listFilterOptions } from "~/models/reference.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Outcomes"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  const columns = outcomeColumns(t, createFormatter(t));
  // Texts and titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    OUTCOME_LIST,
    (scope, query, all) => listOutcomes(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns, filename: "concord-outcomes", sheet: t("outcomes.list.sheet") },
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, title: t("outcomes.list.title") });
});

const link = "text-brand-700 underline-offset-2 hover:underline";

export default function Outcomes() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = outcomeColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("outcomes.filter.programme"), options: options.programmes },
    { kind: "select", name: "country", label: t("outcomes.filter.country"), options: options.countries },
    { kind: "select", name: "type", label: t("outcomes.filter.type"), options: t.options("outcomeType") },
    { kind: "select", name: "status", label: t("outcomes.filter.status"), options: t.options("followUpStatus") },
    { kind: "select", name: "organisation", label: t("outcomes.filter.responsible"), options: options.organisations },
    { kind: "date", name: "from", label: t("outcomes.filter.from") },
    { kind: "date", name: "to", label: t("outcomes.filter.to") },
    { kind: "select", name: "followUp", label: t("outcomes.filter.followUp"), options: t.options("outcomeFollowUpFilter") },
  ];
  const filtered = Boolean(query.q) || Object.keys(query.filters).length > 0;
  const onlyMissing = !query.q && !query.archived && Object.keys(query.filters).join() === "followUp" && query.filters.followUp === "missing";
  return (
    <div className="space-y-4">
      <ListHeader
        title={query.filters.followUp === "missing" ? t("outcomes.list.titleMissing") : t("outcomes.list.title")}
        description={t("outcomes.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ImportLinks kind="outcomes" />
            <ActionLink to="/outcomes/new">{t("outcomes.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("outcomes.list.search")} archived={query.archived} />
      <DataTable
        caption={t("outcomes.list.title")}
        columns={columns}
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
              {r.archivedAt ? <span className="ml-2"><Badge tone="amber">{t("outcomes.archived")}</Badge></span> : null}
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
          dueDate: (r) => <span className="whitespace-nowrap">{fmt.date(r.dueDate)}</span>,
          deliverable: (r) =>
            r.deliverable ? (
              <Link to={`/deliverables/${r.deliverable.id}`} className={link}>
                {r.deliverable.title}
              </Link>
            ) : (
              t("outcomes.list.noneYet")
            ),
        }}
        empty={
          filtered ? (
            withNodes(t(onlyMissing ? "outcomes.list.emptyMissing" : "outcomes.list.emptyFiltered"), {
              link: (
                <Link to="?" className="text-brand-700 underline">
                  {t("outcomes.list.clearFilters")}
                </Link>
              ),
            })
          ) : (
            withNodes(t("outcomes.list.emptyNone"), {
              link: (
                <Link to="/outcomes/new" className="text-brand-700 underline">
                  {t("outcomes.list.recordOne")}
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
