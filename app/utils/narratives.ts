// A record's texts in other languages (IATI narratives), as the forms edit
// them: the title and description in Russian and Korean. Client-safe.

export const NARRATIVE_LOCALES = ["ru", "ko"] as const;
export type NarrativeLocale = (typeof NARRATIVE_LOCALES)[number];
export type NarrativeForm = Record<NarrativeLocale, { title?: string; description?: string }>;
type Stored = Record<string, Record<string, unknown>>;

function storedOf(value: unknown): Stored {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Stored = {};
  for (const [locale, entry] of Object.entries(value)) {
    if (entry && typeof entry === "object" && !Array.isArray(entry)) out[locale] = { ...(entry as Record<string, unknown>) };
  }
  return out;
}

/** The form's values for the stored translations ("" for none). */
export function narrativeDefaults(stored: unknown): Record<NarrativeLocale, { title: string; description: string }> {
  const s = storedOf(stored);
  const text = (locale: string, field: string) => (typeof s[locale]?.[field] === "string" ? (s[locale][field] as string) : "");
  return {
    ru: { title: text("ru", "title"), description: text("ru", "description") },
    ko: { title: text("ko", "title"), description: text("ko", "description") },
  };
}

/**
 * The stored translations with the form's title and description for each of
 * its languages (a blank field removes that text); other fields and other
 * languages stay as they were. A language left with nothing is dropped.
 */
export function mergeNarratives(stored: unknown, form: Partial<NarrativeForm> | undefined): Stored {
  const out = storedOf(stored);
  for (const locale of NARRATIVE_LOCALES) {
    const entry = { ...(out[locale] ?? {}) };
    for (const field of ["title", "description"] as const) {
      const value = form?.[locale]?.[field];
      if (value) entry[field] = value;
      else delete entry[field];
    }
    if (Object.keys(entry).length) out[locale] = entry;
    else delete out[locale];
  }
  return out;
}
