import { prisma } from "~/utils/db.server";

export async function organisationNames(ids: string[]): Promise<string[]> {
  const rows = await prisma.organisation.findMany({ where: { id: { in: ids } }, orderBy: { shortName: "asc" } });
  return rows.map((r) => r.shortName);
}
