import type { Formatter } from "~/i18n/format";
import type { MessageKey, Translator } from "~/i18n/translate";
import { documentCategoryText, formatFileSize } from "~/utils/labels-document";
import type { Column } from "~/utils/list-query";

export type DocumentListRow = {
  id: string;
  title: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  categoryCode: string;
  documentDate: string | Date | null;
  createdAt: string | Date;
  shareable: boolean;
  archivedAt: string | Date | null;
  programme: { code: string; title: string; countries: { countryCode: string }[] };
  agreement: { id: string; title: string } | null;
  activity: { id: string; title: string } | null;
  deliverable: { id: string; title: string } | null;
  outcome: { id: string; text: string } | null;
};

/** The records a document is attached to, narrowest last, as [kind, title, path]; the kind in the reader's language. */
export function attachments(
  t: Translator,
  r: Pick<DocumentListRow, "agreement" | "activity" | "deliverable" | "outcome">,
): [string, string, string][] {
  const out: [string, string, string][] = [];
  const kind = (key: MessageKey) => t(key);
  if (r.agreement) out.push([kind("documents.attached.agreement"), r.agreement.title, `/agreements/${r.agreement.id}`]);
  if (r.activity) out.push([kind("documents.attached.activity"), r.activity.title, `/activities/${r.activity.id}`]);
  if (r.deliverable) out.push([kind("documents.attached.deliverable"), r.deliverable.title, `/deliverables/${r.deliverable.id}`]);
  if (r.outcome) out.push([kind("documents.attached.outcome"), r.outcome.text, `/outcomes/${r.outcome.id}`]);
  return out;
}

/** The document list's columns: the table shows them and the CSV holds exactly them. */
export function documentColumns(t: Translator, fmt: Formatter): Column<DocumentListRow>[] {
  return [
    { key: "title", header: t("documents.col.title"), text: (r) => r.title, sortKey: "title" },
    { key: "file", header: t("documents.col.file"), text: (r) => r.originalName },
    { key: "category", header: t("documents.col.category"), text: (r) => documentCategoryText(t, r.categoryCode), sortKey: "category" },
    {
      key: "attachedTo",
      header: t("documents.col.attachedTo"),
      text: (r) =>
        attachments(t, r)
          .map(([kind, title]) => t("documents.attached.item", { kind, title }))
          .join("; ") || t("documents.attached.programme"),
    },
    { key: "programme", header: t("documents.col.programme"), text: (r) => r.programme.title },
    { key: "countries", header: t("documents.col.countries"), text: (r) => r.programme.countries.map((c) => t.label("country", c.countryCode)).join(", ") },
    { key: "documentDate", header: t("documents.col.dated"), text: (r) => (r.documentDate ? fmt.date(r.documentDate) : ""), sortKey: "date" },
    { key: "uploaded", header: t("documents.col.uploaded"), text: (r) => fmt.date(r.createdAt) },
    { key: "size", header: t("documents.col.size"), text: (r) => formatFileSize(r.sizeBytes, t.locale), sortKey: "size", align: "right" },
    { key: "shareable", header: t("documents.col.shareable"), text: (r) => (r.shareable ? t("documents.yes") : t("documents.no")) },
  ];
}
