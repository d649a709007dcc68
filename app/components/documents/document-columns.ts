import { formatDate } from "~/utils/format";
import { documentCategoryLabel, formatFileSize } from "~/utils/labels-document";
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
  programme: { code: string; title: string; countries: { country: { nameEn: string } }[] };
  agreement: { id: string; title: string } | null;
  activity: { id: string; title: string } | null;
  deliverable: { id: string; title: string } | null;
  outcome: { id: string; text: string } | null;
};

/** The records a document is attached to, narrowest last, as [kind, title, path]. */
export function attachments(r: Pick<DocumentListRow, "agreement" | "activity" | "deliverable" | "outcome">): [string, string, string][] {
  const out: [string, string, string][] = [];
  if (r.agreement) out.push(["Agreement", r.agreement.title, `/agreements/${r.agreement.id}`]);
  if (r.activity) out.push(["Activity", r.activity.title, `/activities/${r.activity.id}`]);
  if (r.deliverable) out.push(["Deliverable", r.deliverable.title, `/deliverables/${r.deliverable.id}`]);
  if (r.outcome) out.push(["Outcome", r.outcome.text, `/outcomes/${r.outcome.id}`]);
  return out;
}

/** The document list's columns: the table shows them and the CSV holds exactly them. */
export const DOCUMENT_COLUMNS: Column<DocumentListRow>[] = [
  { key: "title", header: "Document", text: (r) => r.title, sortKey: "title" },
  { key: "file", header: "File", text: (r) => r.originalName },
  { key: "category", header: "Category", text: (r) => documentCategoryLabel(r.categoryCode), sortKey: "category" },
  { key: "attachedTo", header: "Attached to", text: (r) => attachments(r).map(([kind, title]) => `${kind}: ${title}`).join("; ") || "Programme" },
  { key: "programme", header: "Programme", text: (r) => r.programme.title },
  { key: "countries", header: "Countries", text: (r) => r.programme.countries.map((c) => c.country.nameEn).join(", ") },
  { key: "documentDate", header: "Dated", text: (r) => (r.documentDate ? formatDate(r.documentDate) : ""), sortKey: "date" },
  { key: "uploaded", header: "Uploaded", text: (r) => formatDate(r.createdAt) },
  { key: "size", header: "Size", text: (r) => formatFileSize(r.sizeBytes), sortKey: "size", align: "right" },
  { key: "shareable", header: "Shared with partners", text: (r) => (r.shareable ? "Yes" : "No") },
];
