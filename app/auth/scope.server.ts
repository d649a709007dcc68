import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { SessionUser } from "./session.server";

// A scope says which records a user may see. Every model function takes one
// and builds its `where` from it, so a record outside the scope is simply
// not found (404), never "forbidden" — and nobody learns that it exists.

export type Scope =
  | { kind: "staff" }
  | { kind: "partner"; countries: string[] }
  | { kind: "donor"; organisationIds: string[] };

export async function loadScope(user: Pick<SessionUser, "id" | "role">): Promise<Scope> {
  switch (user.role) {
    case "ADMIN":
    case "STAFF":
      return { kind: "staff" };
    case "PARTNER": {
      const rows = await prisma.userCountry.findMany({ where: { userId: user.id }, select: { countryCode: true } });
      return { kind: "partner", countries: rows.map((r) => r.countryCode) };
    }
    case "DONOR": {
      const rows = await prisma.userOrganisation.findMany({
        where: { userId: user.id },
        select: { organisationId: true },
      });
      return { kind: "donor", organisationIds: rows.map((r) => r.organisationId) };
    }
  }
}

/** The programmes a scope may see. Archived programmes are for staff only. */
export function programmeWhere(scope: Scope): Prisma.ProgrammeWhereInput {
  switch (scope.kind) {
    case "staff":
      return {};
    case "partner":
      return { archivedAt: null, countries: { some: { countryCode: { in: scope.countries } } } };
    case "donor":
      return {
        archivedAt: null,
        organisations: { some: { role: "FUNDING", organisationId: { in: scope.organisationIds } } },
      };
  }
}

/**
 * Records that belong to a programme (agreements, activities, deliverables,
 * indicators, funding, documents): visible when their programme is, and never
 * archived for partners and donors.
 */
export function programmeChildWhere(scope: Scope): { programme: Prisma.ProgrammeWhereInput; archivedAt?: null } {
  return scope.kind === "staff"
    ? { programme: programmeWhere(scope) }
    : { programme: programmeWhere(scope), archivedAt: null };
}
