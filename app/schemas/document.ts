import { z } from "zod";
import { message as m, type MessageKey, type Translator } from "~/i18n/translate";
import { DOCUMENT_CATEGORY_CODES, DOCUMENT_LANGUAGE_CODES } from "~/utils/labels-document";
import { checkbox, enumField, narratives, optionalDate, optionalId, optionalText, requiredText, withRules } from "./fields";

// A document's metadata. The file itself is not part of the schema: the
// action streams it to disk while parsing the multipart body and the model
// checks its content (app/models/file-store.server.ts).

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const DOCUMENT_LINK_FIELDS = ["agreementId", "activityId", "deliverableId", "outcomeId"] as const;

const metadata = {
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  title: requiredText("documents.v.title", 300),
  categoryCode: enumField(DOCUMENT_CATEGORY_CODES, m("documents.v.category")),
  description: optionalText("documents.v.description", 5000),
  languageCode: z.preprocess(blankToUndefined, enumField(DOCUMENT_LANGUAGE_CODES, m("documents.v.language")).optional()),
  documentDate: optionalDate("documents.v.documentDate"),
  shareable: checkbox(),
  /** Issue 17: served to anyone at /public/documents/<id> and linked from the public IATI files. */
  isPublic: checkbox(),
  /** The title and description in Russian and Korean (IATI narratives). */
  translations: narratives(300, 5000),
};

/**
 * Upload and edit: the metadata and what the document is attached to. A
 * document always belongs to a programme; the narrower link (an agreement,
 * activity, deliverable or outcome) decides which, and the model checks the
 * links agree with each other.
 */
export const DocumentFormSchema = withRules(
  z.object({
    ...metadata,
    programmeId: optionalId(),
    agreementId: optionalId(),
    activityId: optionalId(),
    deliverableId: optionalId(),
    outcomeId: optionalId(),
  }),
  (d, ctx) => {
    if (!d.programmeId && !DOCUMENT_LINK_FIELDS.some((f) => d[f])) {
      ctx.addIssue({ code: "custom", path: ["programmeId"], message: m("documents.v.belongsTo") });
    }
    if (d.isPublic && !d.shareable) {
      ctx.addIssue({ code: "custom", path: ["isPublic"], message: m("iatiPublish.v.publicNotShareable") });
    }
    if (d.documentDate && d.documentDate.getTime() > Date.now() + 366 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["documentDate"], message: m("documents.v.dateFuture") });
    }
  },
);

export type DocumentForm = z.infer<typeof DocumentFormSchema>;

const FIELD_KEYS = {
  title: "documents.field.title", categoryCode: "documents.field.categoryCode", description: "documents.field.description",
  languageCode: "documents.field.languageCode", documentDate: "documents.field.documentDate", shareable: "documents.field.shareable",
  programmeId: "documents.field.programmeId", agreementId: "documents.field.agreementId", activityId: "documents.field.activityId",
  deliverableId: "documents.field.deliverableId", outcomeId: "documents.field.outcomeId", file: "documents.field.file", isPublic: "iatiPublish.field.isPublic",
  translations: "documents.field.translations", originalName: "documents.field.originalName", mimeType: "documents.field.mimeType", sizeBytes: "documents.field.sizeBytes",
} as const satisfies Record<string, MessageKey>;

/** Field names as people read them (history, conflicts), in the reader's language; client-safe. */
export function documentFieldLabels(t: Translator): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(FIELD_KEYS).map(([field, key]) => [field, t(key)])), sha256: "SHA-256" };
}
