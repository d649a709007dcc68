import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { attachments, documentColumns } from "~/components/documents/document-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { DOCUMENT_LIST, listDocuments } from "~/models/document.server";
import { listFilterOptions } from "~/models/reference.server";
import { useFormat, useT } from "~/i18n/context";
import { createFormatter } from "~/i18n/format";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestTranslator } from "~/i18n/request.server";
import { documentCategoryOptions } from "~/utils/labels-document";
import { staffListLoader } from "~/utils/list-loader.server";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && "title" in data ? data.title : "Documents"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await requestTranslator(request);
  // Linked records' titles in the reader's language where the rows carry their narratives, on the page and in the downloads alike.
  const list = await staffListLoader(
    { request, context },
    DOCUMENT_LIST,
    (scope, query, all) => listDocuments(scope, query, all).then((r) => inReaderLanguage(r, t.locale)),
    { columns: documentColumns(t, createFormatter(t)), filename: "concord-documents" },
    () => listFilterOptions(t.locale),
  );
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, programmes: list.extra.programmes, title: t("documents.list.title") });
});

export default function Documents() {
  const { rows, total, query, programmes } = useLoaderData<typeof loader>();
  const t = useT();
  const fmt = useFormat();
  const columns = documentColumns(t, fmt);
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: t("documents.filter.programme"), options: programmes },
    { kind: "select", name: "category", label: t("documents.filter.category"), options: documentCategoryOptions(t, false) },
    {
      kind: "select",
      name: "shareable",
      label: t("documents.filter.shareable"),
      options: [
        { value: "yes", label: t("documents.filter.shareableYes") },
        { value: "no", label: t("documents.filter.shareableNo") },
      ],
    },
    { kind: "date", name: "from", label: t("documents.filter.from") },
    { kind: "date", name: "to", label: t("documents.filter.to") },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title={t("documents.list.title")}
        description={t("documents.list.description")}
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/documents/new">{t("documents.list.upload")}</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel={t("documents.list.search")} archived={query.archived} />
      <DataTable
        caption={t("documents.list.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        sort={query.sort}
        dir={query.dir}
        render={{
          title: (r) => (
            <div className="min-w-[12rem]">
              <TitleLink to={`/documents/${r.id}`} title={r.title} archived={r.archivedAt} />
            </div>
          ),
          file: (r) => (
            <a href={`/documents/${r.id}/download`} className="inline-block min-w-[10rem] text-brand-700 underline-offset-2 [overflow-wrap:anywhere] hover:underline">
              {r.originalName}
            </a>
          ),
          attachedTo: (r) => {
            const linked = attachments(t, r);
            if (linked.length === 0) return <span className="text-slate-600">{t("documents.attached.programme")}</span>;
            return (
              <ul className="min-w-[12rem] space-y-0.5">
                {linked.map(([kind, title, to]) => (
                  <li key={to}>
                    <span className="text-slate-600">{kind}:</span>{" "}
                    <Link to={to} className="text-brand-700 underline-offset-2 hover:underline">
                      {title.length > 80 ? `${title.slice(0, 77)}…` : title}
                    </Link>
                  </li>
                ))}
              </ul>
            );
          },
          programme: (r) => (
            <Link to={`/programmes/${r.programme.code}`} className="text-brand-700 underline-offset-2 hover:underline">
              {r.programme.title}
            </Link>
          ),
          shareable: (r) => (r.shareable ? <Badge tone="green">{t("documents.yes")}</Badge> : <span className="text-slate-600">{t("documents.no")}</span>),
        }}
        empty={
          <ListEmpty
            query={query}
            one={t("documents.list.one")}
            many={t("documents.list.many")}
            create={{ to: "/documents/new", label: t("documents.list.createLabel"), hint: t("documents.list.createHint") }}
          />
        }
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
