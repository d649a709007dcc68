import { prisma } from "~/utils/db.server";

export async function countryNames(codes: string[]): Promise<string[]> {
  const rows = await prisma.country.findMany({ where: { code: { in: codes } }, orderBy: { nameEn: "asc" } });
  return rows.map((r) => r.nameEn);
}
