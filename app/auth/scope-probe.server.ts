import { Prisma } from "@prisma/client";
import { sqlAlias } from "~/utils/sql.server";
import { partnerRecordNamesSql, type ChildKind, type Scope } from "./scope.server";

// The partner rule of programmeChildScopeSql for a bounded set of rows (one
// programme's records, the records of the cards shown, a partner's overdue
// deliverables), split in its two parts so that each is decided where it is
// cheap: "the programme has no country outside the partner's" once per
// programme (partnerOwnsProgrammeSql), "the record names one of the partner's
// countries or none" row by row through the link tables' indexes
// (partnerRecordProbeSql). The caller keeps the rest of the rule: the record
// is live and its programme is in the scope.
//
// Why row by row: written straight into a WHERE, the rule's OR'd EXISTS
// checks are "simple" enough for PostgreSQL to offer a hashed form (the whole
// link table joined to Organisation once, then a hash lookup per row), and the
// planner takes it as soon as it expects a few hundred rows. That form read
// every ActivityOrganisation and AgreementParty row of the portfolio (240,947
// and 13,764 at the bench's 330 programmes) to check one programme's 200
// activities. A subquery with OFFSET is never turned into a join or a hash
// (PostgreSQL's simplify_EXISTS_query gives up on it), so the check below is a
// per-row subplan whose inner EXISTS see one row: index probes only.
// tests/db/scope-probe.test.ts compares both parts together with programmeChildWhere.

let counter = 0;

/**
 * For a partner: the record aliased `alias` (of a programme in the scope)
 * names one of the partner's countries or none, checked for this row alone.
 * TRUE for staff and donors, who see every live record of their programmes.
 */
export function partnerRecordProbeSql(scope: Scope, kind: Exclude<ChildKind, "outcome">, alias: string): Prisma.Sql {
  if (scope.kind !== "partner") return Prisma.sql`TRUE`;
  const row = `probe${(counter = (counter + 1) % 1_000_000)}`;
  return Prisma.sql`EXISTS (SELECT 1 FROM (SELECT ${sqlAlias(alias)}.* OFFSET 0) ${Prisma.raw(row)}
    WHERE ${partnerRecordNamesSql(scope.countries, kind, row)})`;
}

/**
 * For a partner: the programme aliased `alias` has no country outside the
 * partner's, so every live record of it is the partner's. FALSE for staff and
 * donors (partnerRecordProbeSql is TRUE for them).
 */
export function partnerOwnsProgrammeSql(scope: Scope, alias: string): Prisma.Sql {
  if (scope.kind !== "partner" || scope.countries.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "ProgrammeCountry" own_pc WHERE own_pc."programmeId" = ${sqlAlias(alias)}.id
    AND own_pc."countryCode" NOT IN (${Prisma.join(scope.countries)}))`;
}

/**
 * For a partner: the summary row aliased `row` ("ProgrammeFigures", one per
 * programme and set of countries its records name) counts records the partner
 * sees, its programme being `programme` (with the `own` column of
 * partnerOwnsProgrammeSql): every row of an own programme, else the rows that
 * name one of the partner's countries or none. TRUE for staff and donors.
 */
export function partnerFiguresRowSql(scope: Scope, programme: string, row: string): Prisma.Sql {
  if (scope.kind !== "partner") return Prisma.sql`TRUE`;
  if (scope.countries.length === 0) return Prisma.sql`FALSE`;
  const [p, f] = [sqlAlias(programme), sqlAlias(row)];
  return Prisma.sql`(${p}.own OR ${f}.countries = '{}' OR ${f}.countries && ARRAY[${Prisma.join(scope.countries)}]::text[])`;
}
