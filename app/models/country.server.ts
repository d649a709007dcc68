import type { Translator } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";

/**
 * The names of these countries, sorted. With a translator, in its language
 * (the "country" group) and sorted by that name; without, the English names.
 */
export async function countryNames(codes: string[], t?: Translator): Promise<string[]> {
  const rows = await prisma.country.findMany({ where: { code: { in: codes } }, orderBy: { nameEn: "asc" } });
  if (!t) return rows.map((r) => r.nameEn);
  return rows.map((r) => t.label("country", r.code)).sort((a, b) => a.localeCompare(b, t.locale));
}
