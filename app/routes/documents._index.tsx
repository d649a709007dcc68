import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { attachments, DOCUMENT_COLUMNS } from "~/components/documents/document-columns";
import { ListEmpty, TitleLink } from "~/components/lists/list-parts";
import { CsvLink, DataTable, ListHeader, ListToolbar, Pagination, type FilterDef } from "~/components/lists/list-view";
import { ActionLink, Notice } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import { DOCUMENT_LIST, listDocuments } from "~/models/document.server";
import { listFilterOptions } from "~/models/reference.server";
import { DOCUMENT_CATEGORY_OPTIONS } from "~/utils/labels-document";
import { staffListLoader } from "~/utils/list-loader.server";

export const meta: MetaFunction = () => [{ title: "Documents · Concord" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const list = await staffListLoader({ request, context }, DOCUMENT_LIST, listDocuments, { columns: DOCUMENT_COLUMNS, filename: "concord-documents" }, listFilterOptions);
  if ("file" in list) return list.file;
  return json({ ...list.page, query: list.query, programmes: list.extra.programmes });
}

export default function Documents() {
  const { rows, total, query, programmes } = useLoaderData<typeof loader>();
  const filters: FilterDef[] = [
    { kind: "select", name: "programme", label: "Programme", options: programmes },
    { kind: "select", name: "category", label: "Category", options: DOCUMENT_CATEGORY_OPTIONS.map((o) => ({ value: o.value, label: o.label.replace(/ \((Activity|Organisation) Level\)$/, "") })) },
    { kind: "select", name: "shareable", label: "Shared with partners", options: [{ value: "yes", label: "Yes" }, { value: "no", label: "No (internal)" }] },
    { kind: "date", name: "from", label: "Dated from" },
    { kind: "date", name: "to", label: "Dated until" },
  ];
  return (
    <div className="space-y-4">
      <Notice />
      <ListHeader
        title="Documents"
        description="Signed agreements, reports, minutes and evidence, attached to programmes and their records. Dates are the document's own date, or the upload date when it has none."
        actions={
          <>
            <CsvLink total={total} xlsx />
            <ActionLink to="/documents/new">Upload a document</ActionLink>
          </>
        }
      />
      <ListToolbar q={query.q} filters={filters} values={query.filters} searchLabel="Search titles, file names, descriptions, programmes and countries" archived={query.archived} />
      <DataTable
        caption="Documents"
        columns={DOCUMENT_COLUMNS}
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
            const linked = attachments(r);
            if (linked.length === 0) return <span className="text-slate-600">Programme</span>;
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
          shareable: (r) => (r.shareable ? <Badge tone="green">Yes</Badge> : <span className="text-slate-600">No</span>),
        }}
        empty={<ListEmpty query={query} one="document" many="documents" create={{ to: "/documents/new", label: "Upload the first one", hint: ", e.g. a signed MoU, or use “Upload a document” on an agreement or activity." }} />}
      />
      <Pagination page={query.page} perPage={query.perPage} total={total} />
    </div>
  );
}
