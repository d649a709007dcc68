import categories from "~/data/iati-document-categories.json";

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

/** Options grouped the way IATI groups them (activity level, organisation level). */
export const DOCUMENT_CATEGORY_OPTIONS = DOCUMENT_CATEGORIES.map((c) => ({
  value: c.code,
  label: `${c.code} — ${c.name} (${(categories.categories as Record<string, string>)[c.category] ?? c.category})`,
}));

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

/** Languages documents of the centre are written in (ISO 639-1). */
export const DOCUMENT_LANGUAGE_LABELS: Record<string, string> = {
  en: "English",
  ru: "Russian (русский)",
  ko: "Korean (한국어)",
  kk: "Kazakh (қазақ тілі)",
  ky: "Kyrgyz (кыргызча)",
  uz: "Uzbek (oʻzbekcha)",
  tg: "Tajik (тоҷикӣ)",
  be: "Belarusian (беларуская)",
  uk: "Ukrainian (українська)",
  mn: "Mongolian (монгол)",
  az: "Azerbaijani (azərbaycanca)",
  hy: "Armenian (հայերեն)",
  ka: "Georgian (ქართული)",
  vi: "Vietnamese (Tiếng Việt)",
  km: "Khmer (ខ្មែរ)",
  lo: "Lao (ລາວ)",
  id: "Indonesian (Bahasa Indonesia)",
  fr: "French (français)",
  es: "Spanish (español)",
  zh: "Chinese (中文)",
  ar: "Arabic (العربية)",
};

export const DOCUMENT_LANGUAGE_CODES = Object.keys(DOCUMENT_LANGUAGE_LABELS) as [string, ...string[]];

/** What the upload form says it accepts. */
export const ACCEPTED_FILE_TYPES_TEXT = "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument text or spreadsheet (ODT, ODS), PNG or JPEG images, and plain text or CSV in UTF-8";

/** The file input's accept attribute (a hint for the file picker; the server checks the content). */
export const ACCEPT_ATTRIBUTE = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Short names of stored MIME types for lists. */
export function fileKindLabel(mimeType: string): string {
  const base = mimeType.split(";")[0].trim();
  const map: Record<string, string> = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "text/plain": "Text",
    "text/csv": "CSV",
  };
  return map[base] ?? base;
}
