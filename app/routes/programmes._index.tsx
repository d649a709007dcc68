import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { organisationsWithRoles, programmeColumns } from "~/components/programme-admin/programme-columns";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { listProgrammeRows, PROGRAMME_LIST } from "~/models/programme-admin.server";
import { listFilterOptions } from "~/models/reference.server";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Programmes"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  const columns = programmeColumns(t, createFormatter(t));
  // Titles in the reader's language where the records have them, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    PROGRAMME_LIST,
    (scope, query, all) => listProgrammeRows(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns, filename: "concord-programmes", sheet: t("programmes.list.sheet") },
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, options: list.extra, title: t("programmes.list.title") });
});

export default function Programmes() {
  const { rows, total, query, options } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = programmeColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "country", label: t("programmes.filter.country"), options: options.countries },
    { kind: "select", name: "status", label: t("programmes.filter.status"), options: t.options("programmeStatus") },
    { kind: "select", name: "organisation", label: t("programmes.filter.organisation"), options: options.organisations },
    { kind: "date", name: "from", label: t("programmes.filter.from") },
    { kind: "date", name: "to", label: t("programmes.filter.to") },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("programmes.list.title")}
        description={t("programmes.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/programmes/new">{t("programmes.list.new")}</ActionLink>
          </>
        }
      />
      <ListToolbar
        q={query.q}
        filters={filters}
        values={query.filters}
        searchLabel={t("programmes.list.search")}
        archived={query.archived}
      />
      <DataTable
        caption={query.archived ? t("programmes.list.archivedCaption") : t("programmes.list.title")}
        columns={columns}
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
            const organisations = organisationsWithRoles(r, t);
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
        empty={
          <ListEmpty
            query={query}
            one={t("programmes.list.one")}
            many={t("programmes.list.many")}
            create={{ to: "/programmes/new", label: t("programmes.list.createFirst"), hint: t("programmes.list.createHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
