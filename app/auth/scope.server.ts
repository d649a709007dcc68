import { Prisma } from "@prisma/client";
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

/**
 * programmeWhere(scope) as a SQL condition on the "Programme" row aliased
 * `alias`, for the aggregates that run as one raw statement. It must say
 * exactly what programmeWhere says (tests/db/scope-sql.test.ts compares them).
 */
export function programmeScopeSql(scope: Scope, alias: string): Prisma.Sql {
  const p = Prisma.raw(`"${alias.replace(/[^A-Za-z0-9_]/g, "")}"`);
  switch (scope.kind) {
    case "staff":
      return Prisma.sql`TRUE`;
    case "partner":
      if (scope.countries.length === 0) return Prisma.sql`FALSE`;
      return Prisma.sql`(${p}."archivedAt" IS NULL AND EXISTS (
        SELECT 1 FROM "ProgrammeCountry" sc WHERE sc."programmeId" = ${p}.id AND sc."countryCode" IN (${Prisma.join(scope.countries)})))`;
    case "donor":
      if (scope.organisationIds.length === 0) return Prisma.sql`FALSE`;
      return Prisma.sql`(${p}."archivedAt" IS NULL AND EXISTS (
        SELECT 1 FROM "ProgrammeOrganisation" so WHERE so."programmeId" = ${p}.id AND so.role = 'FUNDING'
          AND so."organisationId" IN (${Prisma.join(scope.organisationIds)})))`;
  }
}
