import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { attachments } from "~/components/documents/document-columns";
import { ActionLink, Facts, HistoryList, LifecycleActions, LinkedList, Notice, RecordHeader, Section } from "~/components/records/record-parts";
import { Badge } from "~/components/ui/card";
import {
  deleteDocument,
  listDownloads,
  requireDocument,
  setDocumentArchived,
} from "~/models/document.server";
import { listHistory } from "~/models/history.server";
import { DOCUMENT_FIELD_LABELS } from "~/schemas/document";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { formatDate } from "~/utils/format";
import { documentCategoryLabel, DOCUMENT_LANGUAGE_LABELS, fileKindLabel, formatFileSize } from "~/utils/labels-document";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? "Document"} · Concord` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const document = await requireDocument(scope, params.id ?? "");
  const [history, downloads] = await Promise.all([listHistory("Document", document.id), listDownloads(document.id)]);
  // Downloads have their own list; the history shows changes.
  return json({ document, history: history.filter((h) => h.action !== "download"), downloads });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, scope } = await requireStaff(request);
  const document = await requireDocument(scope, params.id ?? "");
  const actor = { id: user.id, email: user.email };
  return lifecycleAction(request, {
    recordUrl: `/documents/${document.id}`,
    afterDelete: `/documents`,
    archive: (archived) => setDocumentArchived(actor, document.id, archived, context.clientIp),
    remove: () => deleteDocument(actor, document.id, context.clientIp),
  });
}

export default function DocumentPage() {
  const { document: d, history, downloads } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const linked = attachments(d);
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {actionData.formError}
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            Document · {documentCategoryLabel(d.categoryCode)} ·{" "}
            <Link to={`/programmes/${d.programme.code}`} className="text-brand-700 underline">
              {d.programme.title}
            </Link>
          </>
        }
        title={d.title}
        archived={Boolean(d.archivedAt)}
        badges={d.shareable ? <Badge tone="green">Shared with partners</Badge> : <Badge>Internal</Badge>}
        actions={
          <>
            <a
              href={`/documents/${d.id}/download`}
              className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
            >
              Download <span className="sr-only">{d.originalName}</span>
            </a>
            <ActionLink to={`/documents/${d.id}/edit`}>Edit details</ActionLink>
            <LifecycleActions archived={Boolean(d.archivedAt)} />
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title="File">
            <Facts
              items={[
                ["File name", <span key="n" className="[overflow-wrap:anywhere]">{d.originalName}</span>],
                ["Type", fileKindLabel(d.mimeType)],
                ["Size", formatFileSize(d.sizeBytes)],
                ["Category", documentCategoryLabel(d.categoryCode)],
                ["Document date", d.documentDate ? formatDate(d.documentDate) : "Not recorded"],
                ["Language", d.languageCode ? (DOCUMENT_LANGUAGE_LABELS[d.languageCode] ?? d.languageCode) : "Not recorded"],
                ["Uploaded", `${formatDate(d.createdAt)}${d.uploadedBy ? ` by ${d.uploadedBy.name}` : ""}`],
                ["SHA-256", <code key="h" className="break-all text-xs font-normal">{d.sha256}</code>],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{d.description}</p> : null}
          </Section>
          <Section title="History">
            <HistoryList items={history} labels={DOCUMENT_FIELD_LABELS} />
          </Section>
        </div>
        <div className="space-y-6">
          <Section title="Attached to">
            <LinkedList
              items={[
                { to: `/programmes/${d.programme.code}`, title: d.programme.title, meta: "Programme", archived: Boolean(d.programme.archivedAt) },
                ...linked.map(([kind, title, to]) => ({ to, title, meta: kind })),
              ]}
              empty="Not attached."
            />
          </Section>
          <Section title="Evidence">
            {d.evidenceFor ? (
              <p className="text-sm">
                This document is the evidence of the deliverable{" "}
                <Link to={`/deliverables/${d.evidenceFor.id}`} className="font-medium text-brand-700 underline">
                  {d.evidenceFor.title}
                </Link>
                . It cannot be deleted while it is.
              </p>
            ) : (
              <p className="text-sm text-slate-600">No deliverable uses this document as its evidence.</p>
            )}
          </Section>
          <Section title={`Downloads (${downloads.length}${downloads.length === 20 ? "+" : ""})`}>
            {downloads.length === 0 ? (
              <p className="text-sm text-slate-600">Nobody has downloaded it yet.</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {downloads.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium">{e.actorEmail ?? "Unknown"}</span> ·{" "}
                    <time dateTime={e.at}>{new Date(e.at).toUTCString().replace(" GMT", " UTC")}</time>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
