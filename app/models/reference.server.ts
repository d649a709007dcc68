import { prisma } from "~/utils/db.server";

/** Choices for list filters: programmes, partner countries in use, organisations. */
export async function listFilterOptions() {
  const [programmes, countries, organisations] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, title: true }, orderBy: { title: "asc" } }),
    prisma.country.findMany({
      where: { OR: [{ programmes: { some: {} } }, { activities: { some: {} } }] },
      select: { code: true, nameEn: true },
      orderBy: { nameEn: "asc" },
    }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true }, orderBy: { shortName: "asc" } }),
  ]);
  return {
    programmes: programmes.map((p) => ({ value: p.id, label: p.title })),
    countries: countries.map((c) => ({ value: c.code, label: c.nameEn })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.shortName })),
  };
}

/** All countries for forms, by English name. */
export async function countryOptions() {
  const rows = await prisma.country.findMany({ select: { code: true, nameEn: true }, orderBy: { nameEn: "asc" } });
  return rows.map((c) => ({ value: c.code, label: c.nameEn }));
}
