import categories from "~/data/iati-document-categories";
import { INTL_LOCALE, type Locale } from "~/i18n/locales";
import type { MessageKey, Translator } from "~/i18n/translate";

// Labels and choices for documents (client-safe). The categories are the IATI
// 2.03 DocumentCategory codelist (app/data/iati-document-categories.json).

export type DocumentCategory = { code: string; name: string; category: string };

export const DOCUMENT_CATEGORIES: DocumentCategory[] = categories.items;

export const DOCUMENT_CATEGORY_CODES = DOCUMENT_CATEGORIES.map((c) => c.code) as [string, ...string[]];

export const DOCUMENT_CATEGORY_LABELS: Record<string, string> = Object.fromEntries(DOCUMENT_CATEGORIES.map((c) => [c.code, c.name]));

/** "A09 Memorandum of understanding (If agreed by all parties)"; the code alone when unknown. */
export function documentCategoryLabel(code: string): string {
  const name = DOCUMENT_CATEGORY_LABELS[code];
  return name ? `${code} ${name}` : code;
}

/** "A09 Memorandum of understanding (If agreed by all parties)" in the reader's language. */
export function documentCategoryText(t: Translator, code: string): string {
  const name = t.label("documentCategory", code);
  return name && name !== code ? `${code} ${name}` : code;
}

/** Options grouped the way IATI groups them (activity level, organisation level). */
export const DOCUMENT_CATEGORY_OPTIONS = DOCUMENT_CATEGORIES.map((c) => ({
  value: c.code,
  label: `${c.code} — ${c.name} (${(categories.categories as Record<string, string>)[c.category] ?? c.category})`,
}));

/** The category options in the reader's language; `withGroup` adds the IATI level in brackets. */
export function documentCategoryOptions(t: Translator, withGroup = true): { value: string; label: string }[] {
  return DOCUMENT_CATEGORIES.map((c) => {
    const group = c.category === "A" ? t("documents.categoryGroup.A") : c.category === "B" ? t("documents.categoryGroup.B") : c.category;
    const name = `${c.code} — ${t.label("documentCategory", c.code)}`;
    return { value: c.code, label: withGroup ? `${name} (${group})` : name };
  });
}

/**
 * The category a new document starts with, from what it is attached to:
 * an MoU-like agreement is A09, a contract A11, an implementation plan A02
 * (objectives), reports of activities, deliverables and outcomes A08
 * (results), anything else at programme level A07 (review and evaluation).
 * Staff can always choose another.
 */
export function defaultDocumentCategory(attachedTo: { agreementType?: string | null; activity?: boolean; deliverable?: boolean; outcome?: boolean }): string {
  switch (attachedTo.agreementType) {
    case "MOU":
    case "LETTER_OF_INTENT":
    case "CC_DESIGNATION":
      return "A09";
    case "CONTRACT":
    case "AMENDMENT":
      return "A11";
    case "IMPLEMENTATION_PLAN":
      return "A02";
  }
  if (attachedTo.deliverable || attachedTo.outcome || attachedTo.activity) return "A08";
  return "A07";
}

/**
 * Languages documents of the centre are written in (ISO 639-1); their names
 * are the "documentLanguage" group of the message catalogues.
 */
export const DOCUMENT_LANGUAGE_CODES = ["en", "ru", "ko", "kk", "ky", "uz", "tg", "be", "uk", "mn", "az", "hy", "ka", "vi", "km", "lo", "id", "fr", "es", "zh", "ar"] as [string, ...string[]];

/** What the upload form says it accepts (the text is "documents.form.acceptedTypes" in each language). */
export const ACCEPTED_FILE_TYPES_KEY = "documents.form.acceptedTypes" satisfies MessageKey;

/** The file input's accept attribute (a hint for the file picker; the server checks the content). */
export const ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * A file size: "812 B", "4.0 KB", "20.0 MB". Intl formats the number in the
 * reader's language; the unit is Intl's own in Russian ("4,0 кБ"). English and
 * Korean keep "KB" (Intl writes "kB" in English and "byte" in Korean).
 */
export function formatFileSize(bytes: number, locale: Locale = "en"): string {
  const [value, digits, unit, short] =
    bytes < 1024
      ? [bytes, 0, "byte", "B"]
      : bytes < 1024 * 1024
        ? [bytes / 1024, bytes < 10 * 1024 ? 1 : 0, "kilobyte", "KB"]
        : [bytes / (1024 * 1024), 1, "megabyte", "MB"];
  if (locale === "ru") {
    return new Intl.NumberFormat(INTL_LOCALE[locale], { style: "unit", unit, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  if (locale === "en") return `${(value as number).toFixed(digits as number)} ${short}`;
  const n = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: digits as number, maximumFractionDigits: digits as number }).format(value as number);
  return `${n} ${short}`;
}

// Product names stay as they are in every language; the others are messages.
const FILE_KINDS: Record<string, { name: string } | { key: MessageKey }> = {
  "application/pdf": { name: "PDF" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { name: "Word" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { name: "Excel" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { name: "PowerPoint" },
  "application/vnd.oasis.opendocument.text": { key: "documents.kind.odt" },
  "application/vnd.oasis.opendocument.spreadsheet": { key: "documents.kind.ods" },
  "image/png": { key: "documents.kind.png" },
  "image/jpeg": { key: "documents.kind.jpeg" },
  "text/plain": { key: "documents.kind.text" },
  "text/csv": { name: "CSV" },
};

/** Short names of stored MIME types for lists, in the reader's language. */
export function fileKindLabel(mimeType: string, t: Translator): string {
  const base = mimeType.split(";")[0].trim();
  const kind = FILE_KINDS[base];
  return !kind ? base : "key" in kind ? t(kind.key) : kind.name;
}
