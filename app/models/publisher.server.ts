import { prisma } from "~/utils/db.server";

// The centre as IATI publisher (issue 17): one PublisherSettings row, edited
// by administrators. Every IATI file Concord writes names exactly this
// organisation as reporting-org, and activity identifiers are minted under
// its organisation identifier.

export type Publisher = {
  /** IATI organisation identifier, e.g. "KR-BRN-1234567890". */
  ref: string;
  /** IATI OrganisationType code. */
  type: string;
  /** Name in the default language. */
  name: string;
  /** Default language (ISO 639-1), the files' xml:lang. */
  lang: string;
  /** Names in other languages: { ru: "…", ko: "…" }. */
  names: Record<string, string>;
  defaultCurrency: string;
  /** Base of public URLs, no trailing slash, e.g. "https://concord.example.org". */
  publicBaseUrl: string;
  version: number;
  updatedAt: Date;
};

/** The publisher settings, or null while an administrator has not entered them. */
export async function getPublisher(): Promise<Publisher | null> {
  const row = await prisma.publisherSettings.findUnique({ where: { id: 1 } });
  if (!row) return null;
  const names: Record<string, string> = {};
  const tr = row.translations;
  if (tr && typeof tr === "object" && !Array.isArray(tr)) {
    for (const [locale, entry] of Object.entries(tr)) {
      const name = entry && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>).name : undefined;
      if (typeof name === "string" && name.trim()) names[locale] = name.trim();
    }
  }
  return {
    ref: row.orgRef,
    type: row.orgType,
    name: row.name,
    lang: row.lang,
    names,
    defaultCurrency: row.defaultCurrency,
    publicBaseUrl: row.publicBaseUrl.replace(/\/+$/, ""),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
