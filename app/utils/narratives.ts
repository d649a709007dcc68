// A record's texts in other languages (IATI narratives), as the forms edit
// them: the title and description (or the record's own text fields) in
// Russian and Korean. Client-safe.

export const NARRATIVE_LOCALES = ["ru", "ko"] as const;
export type NarrativeLocale = (typeof NARRATIVE_LOCALES)[number];
export type NarrativeForm = Record<NarrativeLocale, Record<string, string | undefined>>;
const DEFAULT_FIELDS = ["title", "description"] as const;
type Stored = Record<string, Record<string, unknown>>;

function storedOf(value: unknown): Stored {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Stored = {};
  for (const [locale, entry] of Object.entries(value)) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) out[locale] = { ...(entry as Record<string, unknown>) };
  }
  return out;
}

/** The form's values for the stored translations of these fields ("" for none). */
export function narrativeDefaults(stored: unknown, fields: readonly string[] = DEFAULT_FIELDS): Record<NarrativeLocale, Record<string, string>> {
  const s = storedOf(stored);
  const text = (locale: string, field: string) => (typeof s[locale]?.[field] === "string" ? (s[locale][field] as string) : "");
  const one = (locale: NarrativeLocale) => Object.fromEntries(fields.map((f) => [f, text(locale, f)]));
  return { ru: one("ru"), ko: one("ko") };
}

/**
 * The stored translations with the form's title and description for each of
 * its languages (a blank field removes that text); other fields and other
 * languages stay as they were. A language left with nothing is dropped.
 */
export function mergeNarratives(stored: unknown, form: Partial<NarrativeForm> | undefined, fields: readonly string[] = DEFAULT_FIELDS): Stored {
  const out = storedOf(stored);
  for (const locale of NARRATIVE_LOCALES) {
    const entry = { ...(out[locale] ?? {}) };
    for (const field of fields) {
      const value = form?.[locale]?.[field];
      if (value) entry[field] = value;
      else delete entry[field];
    }
    if (Object.keys(entry).length) out[locale] = entry;
    else delete out[locale];
  }
  return out;
}

/** Translations as the audit trail stores them: "ru title: …" lines, sorted. */
export function translationsText(value: unknown): string[] {
  return Object.entries(storedOf(value))
    .flatMap(([locale, entry]) => Object.entries(entry).map(([field, text]) => `${locale} ${field}: ${String(text)}`))
    .sort();
}
