import { Prisma, type ActivityKind, type ActivityOrganisationRole, type ActivityStatus, type DeliverableStatus, type OutcomeType } from "@prisma/client";
import { programmeChildScopeSql, type Scope } from "~/auth/scope.server";
import { prisma } from "~/utils/db.server";

// The IATI file's two largest reads, a batch's cooperation activities (with
// their organisations, outcomes, country name and participant-group sums) and
// its deliverables, as one SQL statement each instead of Prisma's findMany.
//
// Why (docs/performance.md, issue 17 sessions 12): on the bench portfolio
// (22,000 activities, 80,000 organisation links, 33,000 outcomes and
// deliverables) most of the garbage still promoted during the download was
// Prisma's data mapper building these rows: every DateTime goes through a
// normalised string, a `{ $type, value }` wrapper and a Date (~800 bytes
// each, ~300,000 of them), and each relation is stitched in JavaScript. The
// rows of a batch live while its programmes are written, so everything they
// hold is promoted. Here a row carries only flat values the database already
// formatted: a date as its "YYYY-MM-DD" text (the UTC day Prisma's Date
// would give), a last-update as epoch milliseconds, a decimal as float8
// (the columns are Decimal(9,6): nine digits print the same as Prisma's
// Decimal), JSON and the nested lists as one text each, parsed when the
// activity is written (young garbage, gone before the next scavenge).
//
// The selection is exactly the findMany's: the same columns and order, and
// the scope as programmeChildScopeSql, which tests/db/scope.test.ts proves
// equal to programmeChildWhere.

/** A calendar day: a Date (UTC midnight, from Prisma) or its "YYYY-MM-DD" text (from these reads). */
export type Day = Date | string;

/** Epoch milliseconds of a day (a "YYYY-MM-DD" text is UTC midnight, as Date.parse reads a date-only form). */
export const dayTime = (d: Day): number => (typeof d === "string" ? Date.parse(d) : d.getTime());

/** A point in time: a Date or epoch milliseconds. */
export type Instant = Date | number;
export const instantTime = (d: Instant): number => (typeof d === "number" ? d : d.getTime());

export type OutcomeRow = {
  id: string;
  type: OutcomeType;
  text: string;
  lang: string;
  translations: Prisma.JsonValue;
  updatedAt: number;
};

export type ActivityRow = {
  id: string;
  programmeId: string;
  kind: ActivityKind;
  title: string;
  description: string | null;
  countryCode: string | null;
  /** The country's English name (Country.nameEn). */
  countryName: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  status: ActivityStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  /** The day it was registered. */
  createdAt: string;
  lang: string;
  /** The translations as JSON text (translationsOf parses it). */
  translations: string;
  updatedAt: number;
  /** "orgId role orgId role ...", ordered by organisation and role (activityOrganisations splits it). */
  organisations: string | null;
  /** The live outcomes in scope as a JSON array, ordered by creation (activityOutcomes parses it). */
  outcomes: string | null;
  /** Sums of its participant groups, only when participantsTotal is not recorded and it has groups. */
  groupsTotal: number | null;
  groupsFemale: number | null;
  groupsMale: number | null;
};

export type DeliverableRow = {
  id: string;
  programmeId: string;
  agreementId: string | null;
  activityId: string | null;
  title: string;
  description: string | null;
  dueDate: string | null;
  status: DeliverableStatus;
  submittedAt: string | null;
  acceptedAt: string | null;
  lang: string;
  translations: string;
  updatedAt: number;
};

/** The scope conditions of an export, built once so that every batch sends the same SQL text. */
export type RowScope = { activity: Prisma.Sql; outcome: Prisma.Sql; deliverable: Prisma.Sql };

/** childWhere(selection, kind) of iati.server.ts in SQL, on the aliases the reads below use. */
export function rowScope(scope: Scope | null): RowScope {
  const live = (alias: string) => Prisma.raw(`${alias}."archivedAt" IS NULL`);
  const own = (kind: "activity" | "outcome" | "deliverable", alias: string) =>
    scope ? Prisma.sql`(${live(alias)} AND ${programmeChildScopeSql(scope, kind, alias)})` : live(alias);
  return { activity: own("activity", "a"), outcome: own("outcome", "o"), deliverable: own("deliverable", "d") };
}

const day = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD')`);
const millis = (column: string) => Prisma.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/** The batch's live, non-cancelled cooperation activities in scope, ordered as the file lists them. */
export function readActivityRows(programmeIds: string[], scope: RowScope): Promise<ActivityRow[]> {
  return prisma.$queryRaw<ActivityRow[]>`
    SELECT a.id, a."programmeId", a.kind::text AS kind, a.title, a.description, a."countryCode", c."nameEn" AS "countryName",
      a.city, a.latitude::float8 AS latitude, a.longitude::float8 AS longitude, a.status::text AS status,
      ${day('a."plannedStart"')} AS "plannedStart", ${day('a."plannedEnd"')} AS "plannedEnd",
      ${day('a."actualStart"')} AS "actualStart", ${day('a."actualEnd"')} AS "actualEnd",
      a."participantsTotal", a."participantsFemale", a."participantsMale",
      ${day('a."createdAt"')} AS "createdAt", a.lang, a.translations::text AS translations, ${millis('a."updatedAt"')} AS "updatedAt",
      (SELECT string_agg(ao."organisationId" || ' ' || ao.role::text, ' ' ORDER BY ao."organisationId" ASC, ao.role ASC)
         FROM "ActivityOrganisation" ao WHERE ao."activityId" = a.id) AS organisations,
      (SELECT json_agg(json_build_object('id', o.id, 'type', o.type, 'text', o.text, 'lang', o.lang,
                 'translations', o.translations, 'updatedAt', round(extract(epoch from o."updatedAt") * 1000)::bigint)
               ORDER BY o."createdAt" ASC, o.id ASC)::text
         FROM "Outcome" o WHERE o."activityId" = a.id AND ${scope.outcome}) AS outcomes,
      g.total AS "groupsTotal", g.female AS "groupsFemale", g.male AS "groupsMale"
    FROM "Activity" a
    LEFT JOIN "Country" c ON c.code = a."countryCode"
    LEFT JOIN LATERAL (
      SELECT COALESCE(sum(pg.total), 0)::int AS total, COALESCE(sum(pg.female), 0)::int AS female, COALESCE(sum(pg.male), 0)::int AS male
        FROM "ActivityParticipantGroup" pg WHERE pg."activityId" = a.id HAVING count(*) > 0
    ) g ON a."participantsTotal" IS NULL
    WHERE a."programmeId" = ANY(${programmeIds}) AND a.status <> 'CANCELLED' AND ${scope.activity}
    ORDER BY a."startsOn" ASC, a.id ASC`;
}

/** The batch's live deliverables in scope, ordered as the file lists them. */
export function readDeliverableRows(programmeIds: string[], scope: RowScope): Promise<DeliverableRow[]> {
  return prisma.$queryRaw<DeliverableRow[]>`
    SELECT d.id, d."programmeId", d."agreementId", d."activityId", d.title, d.description, ${day('d."dueDate"')} AS "dueDate",
      d.status::text AS status, ${day('d."submittedAt"')} AS "submittedAt", ${day('d."acceptedAt"')} AS "acceptedAt",
      d.lang, d.translations::text AS translations, ${millis('d."updatedAt"')} AS "updatedAt"
    FROM "Deliverable" d
    WHERE d."programmeId" = ANY(${programmeIds}) AND ${scope.deliverable}
    ORDER BY d."dueDate" ASC, d.id ASC`;
}

/** An activity's organisation links, in the order read (organisation, role). */
export function activityOrganisations(a: Pick<ActivityRow, "organisations">): { organisationId: string; role: ActivityOrganisationRole }[] {
  if (!a.organisations) return [];
  const parts = a.organisations.split(" ");
  const out: { organisationId: string; role: ActivityOrganisationRole }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ organisationId: parts[i], role: parts[i + 1] as ActivityOrganisationRole });
  return out;
}

/** An activity's outcomes (parsed each time: the text is what the batch keeps). */
export function activityOutcomes(a: Pick<ActivityRow, "outcomes">): OutcomeRow[] {
  return a.outcomes ? (JSON.parse(a.outcomes) as OutcomeRow[]) : [];
}
