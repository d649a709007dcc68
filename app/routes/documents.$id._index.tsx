import { dateTimeFormat } from "~/i18n/intl";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/auth.server";
import { writeContext } from "~/auth/write-context.server";
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
import { useFormat, useT } from "~/i18n/context";
import { inReaderLanguage } from "~/i18n/narrative";
import { requestLocale } from "~/i18n/request.server";
import { documentFieldLabels } from "~/schemas/document";
import { lifecycleAction } from "~/utils/lifecycle.server";
import { documentCategoryText, fileKindLabel, formatFileSize } from "~/utils/labels-document";
import { withDomainErrors } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.document.title ?? "Document"} · Concord` }];

export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireStaff(request);
  const document = await requireDocument(scope, params.id ?? "");
  const [history, downloads, locale] = await Promise.all([listHistory("Document", document.id), listDownloads(document.id), requestLocale(request)]);
  // Downloads have their own list; the history shows changes. Titles (the
  // document's and its linked records') in the reader's language.
  return json({ document: inReaderLanguage(document, locale), history: history.filter((h) => h.action !== "download"), downloads });
});

export const action = /* @__PURE__ */ withDomainErrors(async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await writeContext(request, context, requireStaff);
  const { scope } = ctx;
  const document = await requireDocument(scope, params.id ?? "");
  return lifecycleAction(request, {
    recordUrl: `/documents/${document.id}`,
    afterDelete: `/documents`,
    archive: (archived) => setDocumentArchived(ctx, document.id, archived),
    remove: () => deleteDocument(ctx, document.id),
  });
});

export default function DocumentPage() {
  const { document: d, history, downloads } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ formError?: string | null }>();
  const t = useT();
  const fmt = useFormat();
  const linked = attachments(t, d);
  const category = documentCategoryText(t, d.categoryCode);
  // "{link}" in a sentence: the text before and after the link.
  const [evidenceBefore, evidenceAfter] = t("documents.detail.evidenceOf", { link: "\u0000" }).split("\u0000");
  // English keeps the format it always had ("Mon, 23 Nov 2026 16:30:55 UTC").
  const downloadTime = (at: string) =>
    fmt.locale === "en"
      ? new Date(at).toUTCString().replace(" GMT", " UTC")
      : dateTimeFormat(fmt.locale, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC", timeZoneName: "short" }).format(new Date(at));
  return (
    <div className="space-y-6">
      <Notice />
      {actionData?.formError ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {t.text(actionData.formError)}
        </div>
      ) : null}
      <RecordHeader
        kicker={
          <>
            {t("documents.detail.kicker", { category })} ·{" "}
            <Link to={`/programmes/${d.programme.code}`} className="text-brand-700 underline">
              {d.programme.title}
            </Link>
          </>
        }
        title={d.title}
        archived={Boolean(d.archivedAt)}
        badges={d.shareable ? <Badge tone="green">{t("documents.detail.shared")}</Badge> : <Badge>{t("documents.detail.internal")}</Badge>}
        actions={
          <>
            <a
              href={`/documents/${d.id}/download`}
              className="inline-flex min-h-[2.5rem] items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
            >
              {t("documents.detail.download")} <span className="sr-only">{d.originalName}</span>
            </a>
            <ActionLink to={`/documents/${d.id}/edit`}>{t("documents.detail.edit")}</ActionLink>
            <LifecycleActions archived={Boolean(d.archivedAt)} />
          </>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title={t("documents.detail.file")}>
            <Facts
              items={[
                [t("documents.detail.fileName"), <span key="n" className="[overflow-wrap:anywhere]">{d.originalName}</span>],
                [t("documents.detail.type"), fileKindLabel(d.mimeType, t)],
                [t("documents.detail.size"), formatFileSize(d.sizeBytes, fmt.locale)],
                [t("documents.detail.category"), category],
                [t("documents.detail.documentDate"), d.documentDate ? fmt.date(d.documentDate) : t("documents.detail.notRecorded")],
                [t("documents.detail.language"), d.languageCode ? t.label("documentLanguage", d.languageCode) : t("documents.detail.notRecorded")],
                [
                  t("documents.detail.uploaded"),
                  d.uploadedBy ? t("documents.detail.uploadedBy", { date: fmt.date(d.createdAt), name: d.uploadedBy.name }) : fmt.date(d.createdAt),
                ],
                ["SHA-256", <code key="h" className="break-all text-xs font-normal">{d.sha256}</code>],
              ]}
            />
            {d.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{d.description}</p> : null}
          </Section>
          <Section title={t("documents.detail.history")}>
            <HistoryList items={history} labels={documentFieldLabels(t)} />
          </Section>
        </div>
        <div className="space-y-6">
          <Section title={t("documents.detail.attachedTo")}>
            <LinkedList
              items={[
                { to: `/programmes/${d.programme.code}`, title: d.programme.title, meta: t("documents.attached.programme"), archived: Boolean(d.programme.archivedAt) },
                ...linked.map(([kind, title, to]) => ({ to, title, meta: kind })),
              ]}
              empty={t("documents.detail.notAttached")}
            />
          </Section>
          <Section title={t("documents.detail.evidence")}>
            {d.evidenceFor ? (
              <p className="text-sm">
                {evidenceBefore}
                <Link to={`/deliverables/${d.evidenceFor.id}`} className="font-medium text-brand-700 underline">
                  {d.evidenceFor.title}
                </Link>
                {evidenceAfter}
              </p>
            ) : (
              <p className="text-sm text-slate-600">{t("documents.detail.noEvidence")}</p>
            )}
          </Section>
          <Section title={t(downloads.length === 20 ? "documents.detail.downloadsMore" : "documents.detail.downloads", { count: downloads.length })}>
            {downloads.length === 0 ? (
              <p className="text-sm text-slate-600">{t("documents.detail.noDownloads")}</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {downloads.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium">{e.actorEmail ?? t("documents.detail.unknown")}</span> ·{" "}
                    <time dateTime={e.at}>{downloadTime(e.at)}</time>
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
