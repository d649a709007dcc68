import { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { sqlAlias } from "~/utils/sql.server";
import type { SessionUser } from "./session.server";

// A scope says which records a user may see. Every model function takes one
// and builds its `where` from it, so a record outside the scope is simply
// not found (404), never "forbidden" — and nobody learns that it exists.

export type Scope =
  | { kind: "staff" }
  | { kind: "partner"; countries: string[] }
  | { kind: "donor"; organisationIds: string[] };

/**
 * The signed-in user's scope. Read on every partner and donor request, so as
 * SQL: Prisma's query compiler cost about 0.5 ms of the server's CPU for each
 * of these one-line reads (docs/performance.md, "Session 18").
 */
export async function loadScope(user: Pick<SessionUser, "id" | "role">): Promise<Scope> {
  switch (user.role) {
    case "ADMIN":
    case "STAFF":
      return { kind: "staff" };
    case "PARTNER": {
      const rows = await prisma.$queryRaw<{ code: string }[]>`
        SELECT "countryCode" AS code FROM "UserCountry" WHERE "userId" = ${user.id} ORDER BY "countryCode"`;
      return { kind: "partner", countries: rows.map((r) => r.code) };
    }
    case "DONOR": {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        SELECT "organisationId" AS id FROM "UserOrganisation" WHERE "userId" = ${user.id} ORDER BY "organisationId"`;
      return { kind: "donor", organisationIds: rows.map((r) => r.id) };
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

/** The kinds of record that belong to a programme and are scoped through it. */
export type ChildKind = "agreement" | "activity" | "deliverable" | "outcome" | "indicator" | "funding" | "document";

type ChildWhere = {
  agreement: Prisma.AgreementWhereInput;
  activity: Prisma.ActivityWhereInput;
  deliverable: Prisma.DeliverableWhereInput;
  outcome: Prisma.OutcomeWhereInput;
  indicator: Prisma.IndicatorWhereInput;
  funding: Prisma.FundingLineWhereInput;
  document: Prisma.DocumentWhereInput;
};

/**
 * Records that belong to a programme (agreements, activities, deliverables,
 * outcomes, indicators, funding, documents): visible when their programme is,
 * never archived for partners and donors, and, for a partner, only those that
 * concern its countries (partnerCountryWhere). Outcomes reach their programme
 * through their activity. programmeChildScopeSql says the same in SQL.
 */
export function programmeChildWhere<K extends ChildKind>(scope: Scope, kind: K): ChildWhere[K];
export function programmeChildWhere(scope: Scope, kind: ChildKind): unknown {
  if (kind === "outcome") {
    const activity = programmeChildWhere(scope, "activity");
    return scope.kind === "staff" ? { activity } : { archivedAt: null, activity };
  }
  if (scope.kind === "staff") return { programme: programmeWhere(scope) };
  const own = { programme: programmeWhere(scope), archivedAt: null };
  return scope.kind === "partner" ? { AND: [own, partnerCountryWhere(scope.countries, kind)] } : own;
}

// ---------------------------------------------------------------------------
// Partners in a programme shared by several countries
// (docs/decisions/0011-partner-country-visibility.md)
//
// A record "names" a country through its organisations and its location:
//   agreement   - a party's organisation
//   activity    - its country, an organisation or participant group's
//                 organisation, or an agreement it carries out
//   deliverable - its activity or its agreement
//   outcome     - its activity
//   indicator   - its agreement
//   funding     - the receiving organisation
//   document    - the record it is attached to
// A partner sees a record when the programme has no country outside the
// partner's, or the record names one of the partner's countries, or it names
// no country at all (it is shared by the whole programme).

type OrgMatch = { countryCode: { in: string[] } | { not: null } };

const agreementNames = (m: OrgMatch): Prisma.AgreementWhereInput => ({ parties: { some: { organisation: m } } });

const activityNames = (m: OrgMatch): Prisma.ActivityWhereInput => ({
  OR: [
    m,
    { organisations: { some: { organisation: m } } },
    { participantGroups: { some: { organisation: m } } },
    { agreements: { some: { agreement: agreementNames(m) } } },
  ],
});

const deliverableNames = (m: OrgMatch): Prisma.DeliverableWhereInput => ({
  OR: [{ activity: activityNames(m) }, { agreement: agreementNames(m) }],
});

const NAMES: { [K in Exclude<ChildKind, "outcome">]: (m: OrgMatch) => ChildWhere[K] } = {
  agreement: agreementNames,
  activity: activityNames,
  deliverable: deliverableNames,
  indicator: (m) => ({ agreement: agreementNames(m) }),
  funding: (m) => ({ receiver: m }),
  document: (m) => ({
    OR: [
      { agreement: agreementNames(m) },
      { activity: activityNames(m) },
      { deliverable: deliverableNames(m) },
      { outcome: { activity: activityNames(m) } },
    ],
  }),
};

function partnerCountryWhere<K extends Exclude<ChildKind, "outcome">>(countries: string[], kind: K): ChildWhere[K];
function partnerCountryWhere(countries: string[], kind: Exclude<ChildKind, "outcome">): unknown {
  const names = NAMES[kind] as (m: OrgMatch) => unknown;
  return {
    OR: [
      { programme: { countries: { every: { countryCode: { in: countries } } } } },
      names({ countryCode: { in: countries } }),
      { NOT: names({ countryCode: { not: null } }) },
    ],
  };
}

/**
 * programmeWhere(scope) as a SQL condition on the "Programme" row aliased
 * `alias`, for the aggregates that run as one raw statement. It must say
 * exactly what programmeWhere says (tests/db/scope-sql.test.ts compares them).
 */
export function programmeScopeSql(scope: Scope, alias: string): Prisma.Sql {
  const p = sqlAlias(alias);
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

/**
 * programmeChildWhere(scope, kind) as a SQL condition on the row of that kind
 * aliased `alias` ("Agreement", "Activity", "Deliverable", "Outcome",
 * "Indicator", "FundingLine" or "Document"), for the aggregates that run as
 * one raw statement. It must say exactly what programmeChildWhere says
 * (tests/db/scope.test.ts compares them for every kind).
 */
export function programmeChildScopeSql(scope: Scope, kind: ChildKind, alias: string): Prisma.Sql {
  const r = sqlAlias(alias);
  if (scope.kind === "staff") return Prisma.sql`TRUE`;
  if (kind === "outcome") {
    const a = nextAlias("oa");
    return Prisma.sql`(${r}."archivedAt" IS NULL AND EXISTS (
      SELECT 1 FROM "Activity" ${Prisma.raw(a)} WHERE ${Prisma.raw(a)}.id = ${r}."activityId" AND ${programmeChildScopeSql(scope, "activity", a)}))`;
  }
  const p = nextAlias("sp");
  const own = Prisma.sql`${r}."archivedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "Programme" ${Prisma.raw(p)} WHERE ${Prisma.raw(p)}.id = ${r}."programmeId" AND ${programmeScopeSql(scope, p)})`;
  if (scope.kind === "donor" || scope.countries.length === 0) return Prisma.sql`(${own})`;
  const inCountries = Prisma.sql`IN (${Prisma.join(scope.countries)})`;
  const pc = nextAlias("pc");
  return Prisma.sql`(${own} AND (
    NOT EXISTS (SELECT 1 FROM "ProgrammeCountry" ${Prisma.raw(pc)} WHERE ${Prisma.raw(pc)}."programmeId" = ${r}."programmeId"
      AND ${Prisma.raw(pc)}."countryCode" NOT ${inCountries})
    OR ${NAMES_SQL[kind](r, inCountries)}
    OR NOT ${NAMES_SQL[kind](r, Prisma.sql`IS NOT NULL`)}))`;
}

// Subquery aliases must not collide when the fragments nest.
let aliasCounter = 0;
const nextAlias = (prefix: string) => `${prefix}${(aliasCounter = (aliasCounter + 1) % 1_000_000)}`;

/** EXISTS an organisation of country `m` in `table` rows whose `key` is `id`. */
function orgOfCountrySql(table: string, key: string, id: Prisma.Sql, m: Prisma.Sql): Prisma.Sql {
  const [t, o] = [nextAlias("t"), nextAlias("o")];
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${table}" ${t}`)} JOIN "Organisation" ${Prisma.raw(o)} ON ${Prisma.raw(o)}.id = ${Prisma.raw(t)}."organisationId"
    WHERE ${Prisma.raw(`${t}."${key}"`)} = ${id} AND ${Prisma.raw(o)}."countryCode" ${m})`;
}

const agreementNamesSql = (id: Prisma.Sql, m: Prisma.Sql) => orgOfCountrySql("AgreementParty", "agreementId", id, m);

function activityNamesSql(r: Prisma.Sql, m: Prisma.Sql): Prisma.Sql {
  const aa = nextAlias("aa");
  return Prisma.sql`(COALESCE(${r}."countryCode" ${m}, FALSE)
    OR ${orgOfCountrySql("ActivityOrganisation", "activityId", Prisma.sql`${r}.id`, m)}
    OR ${orgOfCountrySql("ActivityParticipantGroup", "activityId", Prisma.sql`${r}.id`, m)}
    OR EXISTS (SELECT 1 FROM "ActivityAgreement" ${Prisma.raw(aa)} WHERE ${Prisma.raw(aa)}."activityId" = ${r}.id
      AND ${agreementNamesSql(Prisma.raw(`${aa}."agreementId"`), m)}))`;
}

/** The activity with id `id` names a country `m` (false when there is none). */
function activityByIdNamesSql(id: Prisma.Sql, m: Prisma.Sql): Prisma.Sql {
  const a = nextAlias("a");
  return Prisma.sql`EXISTS (SELECT 1 FROM "Activity" ${Prisma.raw(a)} WHERE ${Prisma.raw(a)}.id = ${id} AND ${activityNamesSql(Prisma.raw(a), m)})`;
}

function deliverableNamesSql(r: Prisma.Sql, m: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${activityByIdNamesSql(Prisma.sql`${r}."activityId"`, m)} OR ${agreementNamesSql(Prisma.sql`${r}."agreementId"`, m)})`;
}

const NAMES_SQL: Record<Exclude<ChildKind, "outcome">, (r: Prisma.Sql, m: Prisma.Sql) => Prisma.Sql> = {
  agreement: (r, m) => agreementNamesSql(Prisma.sql`${r}.id`, m),
  activity: activityNamesSql,
  deliverable: deliverableNamesSql,
  indicator: (r, m) => agreementNamesSql(Prisma.sql`${r}."agreementId"`, m),
  funding: (r, m) => {
    const o = nextAlias("o");
    return Prisma.sql`EXISTS (SELECT 1 FROM "Organisation" ${Prisma.raw(o)} WHERE ${Prisma.raw(o)}.id = ${r}."receiverOrgId" AND ${Prisma.raw(o)}."countryCode" ${m})`;
  },
  document: (r, m) => {
    const [d, o] = [nextAlias("d"), nextAlias("oc")];
    return Prisma.sql`(${agreementNamesSql(Prisma.sql`${r}."agreementId"`, m)}
      OR ${activityByIdNamesSql(Prisma.sql`${r}."activityId"`, m)}
      OR EXISTS (SELECT 1 FROM "Deliverable" ${Prisma.raw(d)} WHERE ${Prisma.raw(d)}.id = ${r}."deliverableId" AND ${deliverableNamesSql(Prisma.raw(d), m)})
      OR EXISTS (SELECT 1 FROM "Outcome" ${Prisma.raw(o)} WHERE ${Prisma.raw(o)}.id = ${r}."outcomeId" AND ${activityByIdNamesSql(Prisma.raw(`${o}."activityId"`), m)}))`;
  },
};

/**
 * The record's own part of the partner rule above: the record aliased `alias`
 * names one of `countries`, or names no country at all. With its programme in
 * the partner's scope and the record live, the partner sees it when this
 * holds or the programme has no country outside the partner's
 * (app/auth/scope-probe.server.ts builds the bounded pages' checks from it).
 */
export function partnerRecordNamesSql(countries: string[], kind: Exclude<ChildKind, "outcome">, alias: string): Prisma.Sql {
  if (countries.length === 0) return Prisma.sql`FALSE`;
  const r = sqlAlias(alias);
  return Prisma.sql`(${NAMES_SQL[kind](r, Prisma.sql`IN (${Prisma.join(countries)})`)} OR NOT ${NAMES_SQL[kind](r, Prisma.sql`IS NOT NULL`)})`;
}
