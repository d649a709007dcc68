import { z } from "zod";
import { DOCUMENT_CATEGORY_CODES, DOCUMENT_LANGUAGE_CODES } from "~/utils/labels-document";
import { checkbox, enumField, optionalDate, optionalId, optionalText, requiredText } from "./fields";

// A document's metadata. The file itself is not part of the schema: the
// action streams it to disk while parsing the multipart body and the model
// checks its content (app/models/file-store.server.ts).

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const DOCUMENT_LINK_FIELDS = ["agreementId", "activityId", "deliverableId", "outcomeId"] as const;

const metadata = {
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  title: requiredText("a title", 300),
  categoryCode: enumField(DOCUMENT_CATEGORY_CODES, "Choose a document category from the IATI list."),
  description: optionalText("the description", 5000),
  languageCode: z.preprocess(blankToUndefined, enumField(DOCUMENT_LANGUAGE_CODES, "Choose a language from the list.").optional()),
  documentDate: optionalDate("the document date"),
  shareable: checkbox(),
};

/**
 * Upload and edit: the metadata and what the document is attached to. A
 * document always belongs to a programme; the narrower link (an agreement,
 * activity, deliverable or outcome) decides which, and the model checks the
 * links agree with each other.
 */
export const DocumentFormSchema = z
  .object({
    ...metadata,
    programmeId: optionalId(),
    agreementId: optionalId(),
    activityId: optionalId(),
    deliverableId: optionalId(),
    outcomeId: optionalId(),
  })
  .superRefine((d, ctx) => {
    if (!d.programmeId && !DOCUMENT_LINK_FIELDS.some((f) => d[f])) {
      ctx.addIssue({ code: "custom", path: ["programmeId"], message: "Choose the programme (or the record) this document belongs to." });
    }
    if (d.documentDate && d.documentDate.getTime() > Date.now() + 366 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["documentDate"], message: "The document date is more than a year in the future; check the year." });
    }
  });

export type DocumentForm = z.infer<typeof DocumentFormSchema>;

/** Field names as people read them (history, conflicts); client-safe. */
export const DOCUMENT_FIELD_LABELS: Record<string, string> = {
  title: "Title", categoryCode: "Category", description: "Description", languageCode: "Language",
  documentDate: "Document date", shareable: "Shareable with partners", programmeId: "Programme",
  agreementId: "Agreement", activityId: "Activity", deliverableId: "Deliverable", outcomeId: "Outcome",
  file: "File", originalName: "File name", sha256: "SHA-256", mimeType: "Type", sizeBytes: "Size",
};
