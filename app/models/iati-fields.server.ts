import { prisma } from "~/utils/db.server";

/**
 * Programmes that cannot publish their recipient countries yet: several
 * countries and at least one without a share (IATI: "When multiple recipient
 * countries are declared, each must have a percentage"). Their form asks for
 * the shares at the next save; until then the IATI readiness page lists them
 * (issue 17). Archived programmes are left out (never published).
 */
export async function programmesMissingCountryShares(): Promise<{ id: string; code: string; title: string; countries: string[] }[]> {
  const rows = await prisma.programme.findMany({
    where: { archivedAt: null, countries: { some: { percentage: null } } },
    select: { id: true, code: true, title: true, countries: { select: { countryCode: true }, orderBy: { countryCode: "asc" } } },
    orderBy: { code: "asc" },
  });
  return rows.filter((p) => p.countries.length > 1).map((p) => ({ id: p.id, code: p.code, title: p.title, countries: p.countries.map((c) => c.countryCode) }));
}
