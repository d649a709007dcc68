import { Prisma, type Activity } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildScopeSql, programmeChildWhere, type Scope } from "~/auth/scope.server";
import type { ActivityForm, NewActivityForm } from "~/schemas/activity";
import { activityOutcomeForm } from "~/schemas/outcome";
import { prisma, type Tx } from "~/utils/db.server";
import { sqlAlias } from "~/utils/sql.server";
import { message } from "~/i18n/translate";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { toDateInput } from "~/utils/format";
import { auditChange, auditChanges, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { countryOptions } from "./reference.server";
import { readerView } from "~/i18n/narrative";
import { applyEffectiveStatus, EFFECTIVE_STATUS_SELECT, startOfToday } from "./agreement.server";
import { enums as englishNames } from "~/i18n/messages/en/enums";
import { createOutcomeIn } from "./outcome.server";

// Client-safe (the record page shows them in the history); re-exported for the routes' actions.
export const ACTIVITY_FIELD_LABELS = englishNames.activityField;

// ---------------------------------------------------------------------------
// Participants: one rule for every figure that shows them (the home cards of
// staff, partners and donors, the programme page, the portal's chart and
// table, the portfolio). They are counted for the live activities in the
// scope that have taken place (completed or under way) and record a figure,
// dated or not; an
// activity's figure is its headline total, or the sum of its figures by sex
// when that is larger.

/** The activities whose participants count, as a SQL condition on the "Activity" row aliased `alias`. */
export function participantsCountedSql(scope: Scope, alias: string): Prisma.Sql {
  const a = sqlAlias(alias);
  return Prisma.sql`(${a}."archivedAt" IS NULL AND ${a}.status IN ('COMPLETED', 'ONGOING')
    AND (${a}."participantsTotal" IS NOT NULL OR ${a}."participantsFemale" IS NOT NULL OR ${a}."participantsMale" IS NOT NULL OR ${a}."participantsOther" IS NOT NULL)
    AND ${programmeChildScopeSql(scope, "activity", alias)})`;
}

/** SUM() expressions over counted activities aliased `alias`: female, male, other, notRecorded, total, activities. */
export function participantSumsSql(alias: string): Prisma.Sql {
  const a = sqlAlias(alias);
  const bySex = Prisma.sql`COALESCE(${a}."participantsFemale", 0) + COALESCE(${a}."participantsMale", 0) + COALESCE(${a}."participantsOther", 0)`;
  return Prisma.sql`
    CAST(COALESCE(SUM(${a}."participantsFemale"), 0) AS integer) AS "female",
    CAST(COALESCE(SUM(${a}."participantsMale"), 0) AS integer) AS "male",
    CAST(COALESCE(SUM(${a}."participantsOther"), 0) AS integer) AS "other",
    CAST(COALESCE(SUM(GREATEST(COALESCE(${a}."participantsTotal", 0) - (${bySex}), 0)), 0) AS integer) AS "notRecorded",
    CAST(COALESCE(SUM(GREATEST(COALESCE(${a}."participantsTotal", 0), ${bySex})), 0) AS integer) AS "total",
    CAST(COUNT(*) AS integer) AS "activities"`;
}

export const ACTIVITY_LIST = {
  sorts: ["title", "kind", "status", "start", "programme"],
  defaultSort: "start",
  defaultDir: "desc",
  filters: ["programme", "country", "kind", "status", "from", "to", "organisation"],
} as const satisfies ListSpec<string>;

export type ActivityFilter = (typeof ACTIVITY_LIST.filters)[number];

/**
 * Rows per batch of the list's CSV and XLSX exports (listBatches). With
 * 5,000, a fresh server's RSS rose by 170 MB while exporting the bench's
 * 22,021 activities (to 430 MB, target < 400); with 1,000 by 110 MB, for
 * 22 statements more per 1,000 rows (docs/performance.md, session 10).
 */
export const ACTIVITY_EXPORT_BATCH = 1000;

// Fields an edit may change, in the order the history shows them.
const COLUMN_FIELDS = [
  "programmeId", "kind", "title", "description", "countryCode", "city", "status", "plannedStart", "plannedEnd",
  "actualStart", "actualEnd", "datePrecision", "participantsTotal", "participantsFemale", "participantsMale",
  "participantsOther", "participantsNote", "latitude", "longitude",
] as const;
const FIELDS = [...COLUMN_FIELDS, "agreements", "organisations", "participantGroups"] as const;


const KINDS = new Set(["STUDY_VISIT", "TRAINING_COURSE", "CONSULTANCY", "WORKSHOP", "SYMPOSIUM", "POLICY_DIALOGUE", "EXPERT_EXCHANGE", "HIGH_LEVEL_MEETING"]);
const STATUSES = new Set(["PLANNED", "ONGOING", "COMPLETED", "POSTPONED", "CANCELLED"]);

function where(scope: Scope, query: ListQuery<ActivityFilter>): Prisma.ActivityWhereInput {
  const f = query.filters;
  const and: Prisma.ActivityWhereInput[] = [programmeChildWhere(scope, "activity")];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    const orgName = { OR: [{ shortName: contains }, { fullName: contains }] };
    and.push({
      OR: [
        { title: contains },
        { city: contains },
        { description: contains },
        { organisations: { some: { organisation: orgName } } },
        { participantGroups: { some: { OR: [{ label: contains }, { organisation: orgName }] } } },
        { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.country) and.push({ countryCode: f.country.toUpperCase() });
  // An unknown value matches nothing rather than failing the query.
  if (f.kind) and.push(KINDS.has(f.kind) ? { kind: f.kind as Prisma.EnumActivityKindFilter["equals"] } : { id: { in: [] } });
  if (f.status) and.push(STATUSES.has(f.status) ? { status: f.status as Prisma.EnumActivityStatusFilter["equals"] } : { id: { in: [] } });
  if (f.organisation) {
    and.push({
      OR: [
        { organisations: { some: { organisationId: f.organisation } } },
        { participantGroups: { some: { organisationId: f.organisation } } },
      ],
    });
  }
  // The date range applies to when the activity starts: its actual start, or
  // its planned start while it has no actual one (the dashboard's "this month"
  // links here with from=YYYY-MM-01&to=YYYY-MM-<last day>).
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ OR: [{ actualStart: { gte: from } }, { actualStart: null, plannedStart: { gte: from } }] });
  if (to) and.push({ OR: [{ actualStart: { lte: to } }, { actualStart: null, plannedStart: { lte: to } }] });
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.ActivityOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "title":
      return [{ title: dir }, { id: "asc" }];
    case "kind":
      return [{ kind: dir }, { title: "asc" }, { id: "asc" }];
    case "status":
      return [{ status: dir }, { title: "asc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { code: dir } }, { title: "asc" }, { id: "asc" }];
    case "start":
      // Undated activities last whichever way (startsOn is generated by the database).
      return [{ startsOn: { sort: dir, nulls: "last" } }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ title: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  title: true,
  lang: true,
  translations: true,
  kind: true,
  status: true,
  city: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  datePrecision: true,
  participantsTotal: true,
  participantsFemale: true,
  participantsMale: true,
  participantsOther: true,
  archivedAt: true,
  programme: { select: { code: true, title: true, lang: true, translations: true } },
  country: { select: { code: true } },
} satisfies Prisma.ActivitySelect;

export type ActivityRow = Prisma.ActivityGetPayload<{ select: typeof listSelect }>;

export async function listActivities(scope: Scope, query: ListQuery<ActivityFilter>, all = false) {
  const w = where(scope, query);
  const skip = (query.page - 1) * query.perPage;
  const [rows, total] = await Promise.all([
    prisma.activity.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip, take: query.perPage }),
    }),
    prisma.activity.count({ where: w }),
  ]);
  return { rows, total };
}

const detailInclude = {
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
  country: { select: { code: true, nameEn: true, nameRu: true, nameKo: true } },
  agreements: {
    orderBy: { agreement: { title: "asc" } },
    include: {
      agreement: {
        select: { id: true, title: true, lang: true, translations: true, type: true, ...EFFECTIVE_STATUS_SELECT, signedOn: true, signedPrecision: true, archivedAt: true, programme: { select: { code: true } } },
      },
    },
  },
  organisations: {
    orderBy: [{ role: "asc" }, { organisation: { shortName: "asc" } }],
    include: { organisation: { select: { id: true, shortName: true, fullName: true } } },
  },
  participantGroups: {
    orderBy: [{ total: "desc" }, { label: "asc" }],
    include: { organisation: { select: { id: true, shortName: true, fullName: true } } },
  },
  outcomes: {
    // Outcomes recorded with the activity share a transaction (and may share a timestamp): then in the order recorded.
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, type: true, text: true, lang: true, translations: true, followUpStatus: true, dueDate: true, archivedAt: true, responsibleOrg: { select: { shortName: true } } },
  },
  deliverables: {
    orderBy: [{ dueDate: "asc" }, { title: "asc" }],
    select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, archivedAt: true },
  },
  documents: {
    where: { archivedAt: null },
    orderBy: [{ documentDate: "desc" }, { title: "asc" }],
    select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, shareable: true, documentDate: true },
  },
} satisfies Prisma.ActivityInclude;

export type ActivityDetail = Prisma.ActivityGetPayload<{ include: typeof detailInclude }>;

/** An activity in the scope, with everything linked to it; null when it does not exist or is out of scope. */
export async function getActivity(scope: Scope, id: string): Promise<ActivityDetail | null> {
  const activity = await prisma.activity.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "activity")] }, include: detailInclude });
  if (!activity) return null;
  const today = startOfToday();
  activity.agreements = activity.agreements.map((l) => ({ ...l, agreement: applyEffectiveStatus(l.agreement, today) }));
  if (scope.kind !== "staff") {
    // Partners and donors see only what is not archived, and only shareable documents.
    activity.agreements = activity.agreements.filter((a) => !a.agreement.archivedAt);
    activity.outcomes = activity.outcomes.filter((o) => !o.archivedAt);
    activity.deliverables = activity.deliverables.filter((d) => !d.archivedAt);
    activity.documents = activity.documents.filter((d) => d.shareable);
  }
  return activity;
}

export async function requireActivity(scope: Scope, id: string): Promise<ActivityDetail> {
  const activity = await getActivity(scope, id);
  if (!activity) throw notFoundError("Activity not found");
  return activity;
}

const count = (n: number | null) => (n === null ? "" : String(n));

// What activityFormDefaults reads, in the detail page's order of linked rows.
const formSelect = {
  id: true, version: true, programmeId: true, kind: true, title: true, description: true, translations: true, countryCode: true, city: true,
  latitude: true, longitude: true, status: true, plannedStart: true, plannedEnd: true, actualStart: true, actualEnd: true, datePrecision: true,
  participantsTotal: true, participantsFemale: true, participantsMale: true, participantsOther: true, participantsNote: true,
  agreements: { select: { agreementId: true }, orderBy: { agreement: { title: "asc" } } },
  organisations: { select: { organisationId: true, role: true }, orderBy: detailInclude.organisations.orderBy },
  participantGroups: { select: { organisationId: true, label: true, total: true, female: true, male: true, other: true }, orderBy: detailInclude.participantGroups.orderBy },
} satisfies Prisma.ActivitySelect;

type ActivityFormSource = Prisma.ActivityGetPayload<{ select: typeof formSelect }>;

/**
 * Activities in the scope by id, as their edit form holds them: the
 * spreadsheet import reads current records in batches with it (ADR 0042),
 * without the detail page's outcomes, deliverables and documents.
 */
export async function activityFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.activity.findMany({ where: { AND: [{ id: { in: ids } }, programmeChildWhere(scope, "activity")] }, select: formSelect });
  return rows.map((a) => ({ id: a.id, version: a.version, title: a.title, form: activityFormDefaults(a) }));
}

/**
 * Ids of the activities in the scope of the given programmes whose title is
 * one of `titles` (any case), with their start dates: the spreadsheet
 * import's natural key (programme + title + planned or actual start).
 */
export async function activitiesByTitles(scope: Scope, programmeIds: string[], titles: string[]) {
  return prisma.activity.findMany({
    where: { AND: [{ programmeId: { in: programmeIds }, title: { in: titles, mode: "insensitive" } }, programmeChildWhere(scope, "activity")] },
    select: { id: true, programmeId: true, title: true, plannedStart: true, actualStart: true },
  });
}

/**
 * The activity as its edit form holds it (strings, as the fields do): the
 * edit page's defaults and the JSON API's representation (activity-api.server.ts).
 */
export function activityFormDefaults(a: ActivityFormSource) {
  return {
    version: String(a.version),
    programmeId: a.programmeId,
    kind: a.kind,
    title: a.title,
    description: a.description ?? "",
    translations: narrativeDefaults(a.translations),
    countryCode: a.countryCode ?? "",
    city: a.city ?? "",
    latitude: a.latitude?.toString() ?? "",
    longitude: a.longitude?.toString() ?? "",
    status: a.status,
    plannedStart: toDateInput(a.plannedStart),
    plannedEnd: toDateInput(a.plannedEnd),
    actualStart: toDateInput(a.actualStart),
    actualEnd: toDateInput(a.actualEnd),
    datePrecision: a.datePrecision,
    participantsTotal: count(a.participantsTotal),
    participantsFemale: count(a.participantsFemale),
    participantsMale: count(a.participantsMale),
    participantsOther: count(a.participantsOther),
    participantsNote: a.participantsNote ?? "",
    agreementIds: a.agreements.map((x) => x.agreementId),
    organisations: a.organisations.map((o) => ({ organisationId: o.organisationId, role: o.role })),
    participantGroups: a.participantGroups.map((g) => ({
      organisationId: g.organisationId ?? "",
      label: g.label ?? "",
      total: String(g.total),
      female: String(g.female),
      male: String(g.male),
      other: String(g.other),
    })),
  };
}

/**
 * What the activity form offers. `keepAgreementIds` are agreements already
 * linked (offered even when archived, so an edit does not drop them).
 */
export async function activityFormOptions(scope: Scope, locale: Locale, keepAgreementIds: string[] = []) {
  const [programmes, organisations, agreements, countries] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, code: true, title: true, lang: true, translations: true }, orderBy: { code: "asc" } }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true, lang: true, translations: true }, orderBy: { shortName: "asc" } }),
    prisma.agreement.findMany({
      where: { AND: [programmeChildWhere(scope, "agreement"), { OR: [{ archivedAt: null }, { id: { in: keepAgreementIds } }] }] },
      select: { id: true, title: true, lang: true, translations: true, programmeId: true, programme: { select: { code: true, title: true, lang: true, translations: true } } },
      orderBy: [{ programme: { code: "asc" } }, { title: "asc" }],
    }),
    countryOptions(),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return { ...readerView({ programmes, organisations, agreements }, locale), countries };
}

function columns(data: ActivityForm) {
  return {
    programmeId: data.programmeId,
    kind: data.kind,
    title: data.title,
    description: data.description ?? null,
    countryCode: data.countryCode ?? null,
    city: data.city ?? null,
    latitude: data.latitude ?? null,
    longitude: data.longitude ?? null,
    status: data.status,
    plannedStart: data.plannedStart ?? null,
    plannedEnd: data.plannedEnd ?? null,
    actualStart: data.actualStart ?? null,
    actualEnd: data.actualEnd ?? null,
    datePrecision: data.datePrecision,
    participantsTotal: data.participantsTotal ?? null,
    participantsFemale: data.participantsFemale ?? null,
    participantsMale: data.participantsMale ?? null,
    participantsOther: data.participantsOther ?? null,
    participantsNote: data.participantsNote ?? null,
  };
}


function groupRows(data: ActivityForm) {
  return data.participantGroups.map((g) => ({
    organisationId: g.organisationId ?? null,
    label: g.label ?? null,
    total: g.total,
    female: g.female ?? 0,
    male: g.male ?? 0,
    other: g.other ?? 0,
  }));
}

type Names = { orgs: Map<string, string>; agreements: Map<string, string> };

/** Readable, sorted text of the linked rows, as the history shows them. */
function linkedText(
  names: Names,
  linked: {
    agreementIds: string[];
    organisations: { organisationId: string; role: string }[];
    groups: { organisationId: string | null; label: string | null; total: number; female: number; male: number; other: number }[];
  },
) {
  const org = (id: string) => names.orgs.get(id) ?? id;
  return {
    agreements: linked.agreementIds.map((id) => names.agreements.get(id) ?? id).sort(),
    organisations: linked.organisations.map((o) => `${org(o.organisationId)} (${o.role.toLowerCase()})`).sort(),
    participantGroups: linked.groups
      .map((g) => `${[g.organisationId ? org(g.organisationId) : null, g.label].filter(Boolean).join(" – ")}: ${g.total} (F ${g.female}, M ${g.male}, other ${g.other})`)
      .sort(),
  };
}

async function loadNames(db: Tx, orgIds: string[], agreementIds: string[]): Promise<Names> {
  // One after the other: a transaction has one connection, and pg refuses to queue queries on it.
  const orgs = orgIds.length ? await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, shortName: true } }) : [];
  const agreements = agreementIds.length ? await db.agreement.findMany({ where: { id: { in: agreementIds } }, select: { id: true, title: true } }) : [];
  return { orgs: new Map(orgs.map((o) => [o.id, o.shortName])), agreements: new Map(agreements.map((a) => [a.id, a.title])) };
}

/**
 * Checks the references a form makes: an active programme (or the one the
 * activity already has), a known country, existing organisations, and
 * agreements of the activity's own programme.
 */
async function checkReferences(db: Tx, data: ActivityForm, current?: { programmeId: string; agreementIds: string[]; id: string }) {
  const programme = await db.programme.findFirst({
    where: { id: data.programmeId, ...(current?.programmeId === data.programmeId ? {} : { archivedAt: null }) },
    select: { id: true, code: true },
  });
  if (!programme) throw new DomainError("invalid", message("activities.e.activeProgramme"), { field: "programmeId" });
  if (current && current.programmeId !== data.programmeId) {
    // Deliverables and documents belong to a programme too; moving the activity would split them from it.
    // One after the other: inside a transaction there is one connection.
    const deliverables = await db.deliverable.count({ where: { activityId: current.id } });
    const documents = await db.document.count({ where: { activityId: current.id } });
    if (deliverables || documents) {
      throw new DomainError(
        "invalid",
        message("activities.e.cannotMove", { deliverables: String(deliverables), documents: String(documents) }),
        { field: "programmeId" },
      );
    }
  }
  if (data.countryCode) {
    const country = await db.country.findUnique({ where: { code: data.countryCode }, select: { code: true } });
    if (!country) throw new DomainError("invalid", message("activities.e.country"), { field: "countryCode" });
  }
  const orgIds = [...new Set([...data.organisations.map((o) => o.organisationId), ...data.participantGroups.flatMap((g) => (g.organisationId ? [g.organisationId] : []))])];
  if (orgIds.length) {
    const found = await db.organisation.count({ where: { id: { in: orgIds } } });
    if (found !== orgIds.length) {
      const field = data.organisations.length ? "organisations" : "participantGroups";
      throw new DomainError("invalid", message("activities.e.organisations"), { field });
    }
  }
  const agreementIds = [...new Set(data.agreementIds)];
  if (agreementIds.length) {
    const agreements = await db.agreement.findMany({
      where: { id: { in: agreementIds } },
      select: { id: true, title: true, programmeId: true, archivedAt: true, programme: { select: { code: true } } },
    });
    if (agreements.length !== agreementIds.length) throw new DomainError("invalid", message("activities.e.agreements"), { field: "agreementIds" });
    const foreign = agreements.filter((a) => a.programmeId !== data.programmeId);
    if (foreign.length) {
      throw new DomainError(
        "invalid",
        foreign.length === 1
          ? message("activities.e.foreignAgreement", { code: programme.code, title: foreign[0].title, other: foreign[0].programme.code })
          : message("activities.e.foreignAgreements", { code: programme.code, list: foreign.map((a) => `“${a.title}” (${a.programme.code})`).join(", ") }),
        { field: "agreementIds" },
      );
    }
    const archived = agreements.filter((a) => a.archivedAt && !current?.agreementIds.includes(a.id));
    if (archived.length) {
      throw new DomainError("invalid", message("activities.e.archivedAgreement", { title: archived[0].title }), { field: "agreementIds" });
    }
  }
}

/**
 * The rows an activity owns, read one query at a time: inside a transaction
 * there is one connection, and an `include` of several relations would send
 * their queries at once (pg deprecates queueing them).
 */
async function linkedRows(tx: Tx, activityId: string) {
  const agreements = await tx.activityAgreement.findMany({ where: { activityId }, select: { agreementId: true } });
  const organisations = await tx.activityOrganisation.findMany({ where: { activityId }, select: { organisationId: true, role: true } });
  const groups = await tx.activityParticipantGroup.findMany({
    where: { activityId },
    select: { organisationId: true, label: true, total: true, female: true, male: true, other: true },
  });
  return { agreementIds: agreements.map((a) => a.agreementId), organisations, groups };
}

function orgIdsOf(data: { organisations: { organisationId: string }[]; groups: { organisationId: string | null }[] }) {
  return [...new Set([...data.organisations.map((o) => o.organisationId), ...data.groups.flatMap((g) => (g.organisationId ? [g.organisationId] : []))])];
}

/**
 * A new activity, with the outcomes the new-activity form recorded (none from
 * the JSON API or the spreadsheet import): all in one transaction.
 */
type NewActivity = ActivityForm & { outcomes?: NewActivityForm["outcomes"] };

export async function createActivity(ctx: Ctx, data: NewActivity) {
  assertStaff(ctx);
  await checkReferences(prisma, data);
  return prisma.$transaction((tx) => createActivityIn(tx, ctx, data, { checked: true }));
}

/**
 * createActivity inside the caller's transaction (the spreadsheet import
 * applies many records all or nothing, ADR 0042). `checked`: the references
 * were already checked outside the transaction.
 */
export async function createActivityIn(tx: Tx, ctx: Ctx, data: NewActivity, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkReferences(tx, data);
  const agreementIds = [...new Set(data.agreementIds)];
  const groups = groupRows(data);
  const created = await tx.activity.create({
    data: {
      ...columns(data),
      translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject,
      agreements: { create: agreementIds.map((agreementId) => ({ agreementId })) },
      organisations: { create: data.organisations.map((o) => ({ organisationId: o.organisationId, role: o.role })) },
      participantGroups: { create: groups },
    },
  });
  const names = await loadNames(tx, orgIdsOf({ organisations: data.organisations, groups }), agreementIds);
  await auditChange(tx, ctx, {
    action: "create",
    entityType: "Activity",
    entityId: created.id,
    changes: { ...snapshot(created, [...COLUMN_FIELDS]), ...linkedText(names, { agreementIds, organisations: data.organisations, groups }) },
    version: created.version,
  });
  await createOutcomesIn(tx, ctx, created.id, data.outcomes ?? []);
  return created;
}

/**
 * The outcomes recorded with a new activity, each through the outcome model
 * (the same checks, rows and audit entries as recording them one by one on
 * /outcomes/new). A refusal names the field on the outcome's row as the form
 * shows it ("outcomes.2.followUps.1.ownerOrgId", blank rows counted) and,
 * thrown, undoes the whole transaction.
 */
async function createOutcomesIn(tx: Tx, ctx: Ctx, activityId: string, outcomes: NewActivityForm["outcomes"]) {
  for (const outcome of outcomes) {
    try {
      await createOutcomeIn(tx, ctx, activityOutcomeForm(activityId, outcome));
    } catch (error) {
      if (error instanceof DomainError) {
        const at = (field: string) => {
          if (field === "_form") return field;
          // The model counts the actions it was given; the form counts its rows.
          const action = /^followUps\.(\d+)\.(.+)$/.exec(field);
          const row = action ? `followUps.${outcome.followUps[Number(action[1])]?.place ?? action[1]}.${action[2]}` : field;
          return `outcomes.${outcome.place}.${row}`;
        };
        if (error.details.field) error.details.field = at(error.details.field);
        if (error.details.fields) error.details.fields = Object.fromEntries(Object.entries(error.details.fields).map(([f, text]) => [at(f), text]));
      }
      throw error;
    }
  }
}

export async function updateActivity(ctx: Ctx, id: string, version: number, data: ActivityForm) {
  assertStaff(ctx);
  await checkUpdateReferences(prisma, id, data);
  return prisma.$transaction((tx) => updateActivityIn(tx, ctx, id, version, data, { checked: true }));
}

async function checkUpdateReferences(db: Tx, id: string, data: ActivityForm) {
  const existing = await db.activity.findUnique({ where: { id }, select: { programmeId: true } });
  if (!existing) throw notFoundError("Activity not found");
  const agreements = await db.activityAgreement.findMany({ where: { activityId: id }, select: { agreementId: true } });
  await checkReferences(db, data, { id, programmeId: existing.programmeId, agreementIds: agreements.map((a) => a.agreementId) });
}

/** updateActivity inside the caller's transaction (see createActivityIn). */
export async function updateActivityIn(tx: Tx, ctx: Ctx, id: string, version: number, data: ActivityForm, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkUpdateReferences(tx, id, data);
  const agreementIds = [...new Set(data.agreementIds)];
  const groups = groupRows(data);
  const before = await tx.activity.findUnique({ where: { id } });
  if (!before) throw notFoundError("Activity not found");
  const next = columns(data);
  await refuseLockedParticipants(tx, before, next);
  // Translations: the form's languages replaced, any other language kept.
  const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
  const updated = await tx.activity.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
  if (updated.count === 0) return conflictSince(tx, "Activity", id, version, before);
  const beforeLinked = await linkedRows(tx, id);
  await tx.activityAgreement.deleteMany({ where: { activityId: id } });
  await tx.activityAgreement.createMany({ data: agreementIds.map((agreementId) => ({ activityId: id, agreementId })) });
  await tx.activityOrganisation.deleteMany({ where: { activityId: id } });
  await tx.activityOrganisation.createMany({ data: data.organisations.map((o) => ({ activityId: id, organisationId: o.organisationId, role: o.role })) });
  await tx.activityParticipantGroup.deleteMany({ where: { activityId: id } });
  await tx.activityParticipantGroup.createMany({ data: groups.map((g) => ({ ...g, activityId: id })) });
  const afterLinked = { agreementIds, organisations: data.organisations, groups };
  const names = await loadNames(
    tx,
    [...new Set([...orgIdsOf(beforeLinked), ...orgIdsOf(afterLinked)])],
    [...new Set([...beforeLinked.agreementIds, ...agreementIds])],
  );
  const changes = diffFields(
    { ...before, ...linkedText(names, beforeLinked) },
    { ...before, ...next, ...linkedText(names, afterLinked) },
    [...FIELDS],
  );
  if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
    changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
  }
  await auditChange(tx, ctx, { action: "update", entityType: "Activity", entityId: id, changes, version: version + 1 });
  return { id, changed: Object.keys(changes) };
}

// ---------------------------------------------------------------------------
// Many activities at once: the spreadsheet import (ADR 0042). The same rules,
// writes and audit entries as createActivityIn / updateActivityIn, but a batch
// costs a few statements plus one UPDATE per changed activity, not twenty
// round trips per activity (10,000 rows within a minute, docs/performance.md).
// A refusal names the batch item it is about (details.index).

/** Runs `fn`; a DomainError it throws carries `index` (the batch item) in its details. */
async function atIndex<T>(index: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) error.details.index = index;
    throw error;
  }
}

type BatchItem = { data: ActivityForm; current?: { id: string; programmeId: string; agreementIds: string[] } };

/**
 * checkReferences for a batch: programmes, countries and organisations in one
 * query each. An activity moving to another programme gets the full check
 * (its deliverables and documents, its agreements) on its own.
 */
async function checkReferencesBatch(tx: Tx, items: BatchItem[]) {
  const programmeIds = [...new Set(items.map((i) => i.data.programmeId))];
  const programmes = new Map((await tx.programme.findMany({ where: { id: { in: programmeIds } }, select: { id: true, archivedAt: true } })).map((p) => [p.id, p]));
  const countryCodes = [...new Set(items.flatMap((i) => (i.data.countryCode ? [i.data.countryCode] : [])))];
  const countries = new Set(countryCodes.length ? (await tx.country.findMany({ where: { code: { in: countryCodes } }, select: { code: true } })).map((c) => c.code) : []);
  const orgIds = [...new Set(items.flatMap((i) => orgIdsOf({ organisations: i.data.organisations, groups: groupRows(i.data) })))];
  const orgs = new Set(orgIds.length ? (await tx.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true } })).map((o) => o.id) : []);
  for (const [index, { data, current }] of items.entries()) {
    if (current && current.programmeId !== data.programmeId) {
      await atIndex(index, () => checkReferences(tx, data, current));
      continue;
    }
    const programme = programmes.get(data.programmeId);
    const refuse = (key: Parameters<typeof message>[0], field: string) => {
      throw new DomainError("invalid", message(key), { field, index });
    };
    if (!programme || (!current && programme.archivedAt)) refuse("activities.e.activeProgramme", "programmeId");
    if (data.countryCode && !countries.has(data.countryCode)) refuse("activities.e.country", "countryCode");
    const ids = orgIdsOf({ organisations: data.organisations, groups: groupRows(data) });
    if (ids.some((id) => !orgs.has(id))) refuse("activities.e.organisations", data.organisations.length ? "organisations" : "participantGroups");
    // Agreements: a new activity has none from a file; an edit keeps the ones it had (the file has no agreements column).
    if (!current && data.agreementIds.length) await atIndex(index, () => checkReferences(tx, data));
  }
}

/** Creates the activities in the caller's transaction, in a few statements (the spreadsheet import). */
export async function createActivitiesIn(tx: Tx, ctx: Ctx, datas: ActivityForm[]): Promise<{ id: string }[]> {
  assertStaff(ctx);
  if (!datas.length) return [];
  await checkReferencesBatch(tx, datas.map((data) => ({ data })));
  const created = await tx.activity.createManyAndReturn({
    data: datas.map((d) => ({ ...columns(d), translations: mergeNarratives({}, d.translations) as Prisma.InputJsonObject })),
  });
  // INSERT ... RETURNING gives the rows in the order of the VALUES; checked, since the links below rely on it.
  if (created.length !== datas.length || created.some((c, i) => c.title !== datas[i].title)) throw new Error("createManyAndReturn: rows out of order");
  const linked = datas.map((d) => ({ agreementIds: [...new Set(d.agreementIds)], organisations: d.organisations, groups: groupRows(d) }));
  await tx.activityAgreement.createMany({ data: created.flatMap((c, i) => linked[i].agreementIds.map((agreementId) => ({ activityId: c.id, agreementId }))) });
  await tx.activityOrganisation.createMany({ data: created.flatMap((c, i) => linked[i].organisations.map((o) => ({ activityId: c.id, organisationId: o.organisationId, role: o.role }))) });
  await tx.activityParticipantGroup.createMany({ data: created.flatMap((c, i) => linked[i].groups.map((g) => ({ ...g, activityId: c.id }))) });
  const names = await loadNames(tx, [...new Set(linked.flatMap(orgIdsOf))], [...new Set(linked.flatMap((l) => l.agreementIds))]);
  await auditChanges(
    tx,
    ctx,
    created.map((c, i) => ({
      action: "create" as const,
      entityType: "Activity",
      entityId: c.id,
      changes: { ...snapshot(c, [...COLUMN_FIELDS]), ...linkedText(names, linked[i]) },
      version: c.version,
    })),
  );
  return created.map((c) => ({ id: c.id }));
}

type Linked = Awaited<ReturnType<typeof linkedRows>>;

/** The linked rows of many activities, by activity id (three statements). */
async function linkedRowsOf(tx: Tx, ids: string[]): Promise<Map<string, Linked>> {
  const out = new Map<string, Linked>(ids.map((id) => [id, { agreementIds: [], organisations: [], groups: [] }]));
  for (const a of await tx.activityAgreement.findMany({ where: { activityId: { in: ids } }, select: { activityId: true, agreementId: true } })) out.get(a.activityId)!.agreementIds.push(a.agreementId);
  for (const o of await tx.activityOrganisation.findMany({ where: { activityId: { in: ids } }, select: { activityId: true, organisationId: true, role: true } })) {
    out.get(o.activityId)!.organisations.push({ organisationId: o.organisationId, role: o.role });
  }
  const groups = await tx.activityParticipantGroup.findMany({
    where: { activityId: { in: ids } },
    select: { activityId: true, organisationId: true, label: true, total: true, female: true, male: true, other: true },
  });
  for (const { activityId, ...g } of groups) out.get(activityId)!.groups.push(g);
  return out;
}

const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * One UPDATE for a batch of activities, each only at the version it was read
 * at (optimistic locking, as updateActivityIn's updateMany): the ids it
 * updated. Raw SQL because Prisma writes one statement per row with different
 * values, and 10,000 round trips were most of a large import's time
 * (docs/performance.md). Every value is sent as text and cast to its column.
 */
async function updateColumnsAtVersions(
  tx: Tx,
  rows: { id: string; version: number; next: ReturnType<typeof columns>; translations: Prisma.InputJsonObject }[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const text = (v: unknown) => Prisma.sql`${v === null || v === undefined ? null : String(v)}::text`;
  const values = rows.map(({ id, version, next: n, translations }) =>
    Prisma.sql`(${Prisma.join([
      text(id), text(version), text(n.programmeId), text(n.kind), text(n.title), text(n.description), text(n.countryCode), text(n.city),
      text(n.latitude), text(n.longitude), text(n.status), text(isoDay(n.plannedStart)), text(isoDay(n.plannedEnd)), text(isoDay(n.actualStart)),
      text(isoDay(n.actualEnd)), text(n.datePrecision), text(n.participantsTotal), text(n.participantsFemale), text(n.participantsMale),
      text(n.participantsOther), text(n.participantsNote), text(JSON.stringify(translations)),
    ])})`,
  );
  const updated = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Activity" AS a SET
      "programmeId" = v."programmeId", "kind" = v."kind"::"ActivityKind", "title" = v."title", "description" = v."description",
      "countryCode" = v."countryCode", "city" = v."city", "latitude" = v."latitude"::numeric, "longitude" = v."longitude"::numeric,
      "status" = v."status"::"ActivityStatus", "plannedStart" = v."plannedStart"::date, "plannedEnd" = v."plannedEnd"::date,
      "actualStart" = v."actualStart"::date, "actualEnd" = v."actualEnd"::date, "datePrecision" = v."datePrecision"::"DatePrecision",
      "participantsTotal" = v."participantsTotal"::int, "participantsFemale" = v."participantsFemale"::int, "participantsMale" = v."participantsMale"::int,
      "participantsOther" = v."participantsOther"::int, "participantsNote" = v."participantsNote", "translations" = v."translations"::jsonb,
      "version" = a."version" + 1, "updatedAt" = CURRENT_TIMESTAMP
    FROM (VALUES ${Prisma.join(values)}) AS v("id", "version", "programmeId", "kind", "title", "description", "countryCode", "city", "latitude", "longitude",
      "status", "plannedStart", "plannedEnd", "actualStart", "actualEnd", "datePrecision", "participantsTotal", "participantsFemale", "participantsMale",
      "participantsOther", "participantsNote", "translations")
    WHERE a."id" = v."id" AND a."version" = v."version"::int
    RETURNING a."id"`;
  return new Set(updated.map((u) => u.id));
}

const sameRows = (a: unknown[], b: unknown[]) => JSON.stringify(a.map((x) => JSON.stringify(x)).sort()) === JSON.stringify(b.map((x) => JSON.stringify(x)).sort());

/**
 * Updates the activities in the caller's transaction, each at the version it
 * was read at (a stale one is a ConflictError naming its index); linked rows
 * are rewritten only for the activities whose links changed.
 */
export async function updateActivitiesIn(tx: Tx, ctx: Ctx, items: { id: string; version: number; data: ActivityForm }[]): Promise<void> {
  assertStaff(ctx);
  if (!items.length) return;
  const ids = items.map((i) => i.id);
  const befores = new Map((await tx.activity.findMany({ where: { id: { in: ids } } })).map((a) => [a.id, a]));
  const linkedBefore = await linkedRowsOf(tx, ids);
  const missing = items.findIndex((i) => !befores.has(i.id));
  if (missing >= 0) throw new DomainError("not_found", "Activity not found", { index: missing });
  await checkReferencesBatch(
    tx,
    items.map((i) => ({ data: i.data, current: { id: i.id, programmeId: befores.get(i.id)!.programmeId, agreementIds: linkedBefore.get(i.id)!.agreementIds } })),
  );
  const relinked: { id: string; after: Linked }[] = [];
  const audits: Parameters<typeof auditChange>[2][] = [];
  const pending: { id: string; version: number; before: Activity; next: ReturnType<typeof columns>; translations: Prisma.InputJsonObject; after: Linked }[] = [];
  for (const [index, { id, version, data }] of items.entries()) {
    const before = befores.get(id)!;
    const next = columns(data);
    await atIndex(index, () => refuseLockedParticipants(tx, before, next));
    const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
    const after: Linked = { agreementIds: [...new Set(data.agreementIds)], organisations: data.organisations, groups: groupRows(data) };
    const b = linkedBefore.get(id)!;
    if (!sameRows(b.agreementIds, after.agreementIds) || !sameRows(b.organisations, after.organisations) || !sameRows(b.groups, after.groups)) relinked.push({ id, after });
    pending.push({ id, version, before, next, translations, after });
  }
  const updated = await updateColumnsAtVersions(tx, pending);
  const stale = pending.findIndex((p) => !updated.has(p.id));
  if (stale >= 0) await atIndex(stale, () => conflictSince(tx, "Activity", pending[stale].id, pending[stale].version, pending[stale].before));
  if (relinked.length) {
    const relinkedIds = relinked.map((r) => r.id);
    await tx.activityAgreement.deleteMany({ where: { activityId: { in: relinkedIds } } });
    await tx.activityAgreement.createMany({ data: relinked.flatMap((r) => r.after.agreementIds.map((agreementId) => ({ activityId: r.id, agreementId }))) });
    await tx.activityOrganisation.deleteMany({ where: { activityId: { in: relinkedIds } } });
    await tx.activityOrganisation.createMany({ data: relinked.flatMap((r) => r.after.organisations.map((o) => ({ activityId: r.id, organisationId: o.organisationId, role: o.role }))) });
    await tx.activityParticipantGroup.deleteMany({ where: { activityId: { in: relinkedIds } } });
    await tx.activityParticipantGroup.createMany({ data: relinked.flatMap((r) => r.after.groups.map((g) => ({ ...g, activityId: r.id }))) });
  }
  const all = [...linkedBefore.values(), ...pending.map((p) => p.after)];
  const names = await loadNames(tx, [...new Set(all.flatMap(orgIdsOf))], [...new Set(all.flatMap((l) => l.agreementIds))]);
  for (const { id, version, before, next, translations, after } of pending) {
    const changes = diffFields({ ...before, ...linkedText(names, linkedBefore.get(id)!) }, { ...before, ...next, ...linkedText(names, after) }, [...FIELDS]);
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
      changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
    }
    audits.push({ action: "update", entityType: "Activity", entityId: id, changes, version: version + 1 });
  }
  await auditChanges(tx, ctx, audits);
}

const HEADLINE = ["participantsTotal", "participantsFemale", "participantsMale", "participantsOther"] as const;

/**
 * Issue 18: participant numbers an approved progress report made official
 * (participantsReportId) change only by reopening that report.
 */
async function refuseLockedParticipants(
  tx: Tx,
  before: Pick<Activity, (typeof HEADLINE)[number] | "participantsReportId">,
  next: Pick<Activity, (typeof HEADLINE)[number]>,
) {
  if (!before.participantsReportId) return;
  const changed = HEADLINE.find((k) => before[k] !== next[k]);
  if (!changed) return;
  const report = await tx.progressReport.findUnique({ where: { id: before.participantsReportId }, select: { sequence: true, requirement: { select: { title: true } } } });
  const name = report ? `${report.requirement.title} #${report.sequence}` : before.participantsReportId;
  throw new DomainError("invalid", message("progressReport.lock.activity", { report: name }), { field: changed });
}

export async function setActivityArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Activity",
    id,
    archived,
    find: (tx) => tx.activity.findUnique({ where: { id } }),
    update: (tx, data) => tx.activity.update({ where: { id }, data }),
  });
}

function outcomeTitle(text: string): string {
  const line = text.trim().split("\n")[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Deletes an activity nothing depends on; otherwise names what depends on it.
 * Its agreement links, organisation roles and participant groups belong to it
 * and go with it.
 */
export async function deleteActivity(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const activity = await tx.activity.findUnique({ where: { id } });
    if (!activity) throw notFoundError("Activity not found");
    const outcomes = await tx.outcome.findMany({ where: { activityId: id }, select: { text: true }, orderBy: { createdAt: "asc" } });
    const deliverables = await tx.deliverable.findMany({ where: { activityId: id }, select: { title: true }, orderBy: { title: "asc" } });
    const documents = await tx.document.findMany({ where: { activityId: id }, select: { title: true }, orderBy: { title: "asc" } });
    const dependents = [
      ...outcomes.map((o) => ({ type: "outcome", title: outcomeTitle(o.text) })),
      ...deliverables.map((d) => ({ type: "deliverable", title: d.title })),
      ...documents.map((d) => ({ type: "document", title: d.title })),
    ];
    if (dependents.length) throw new DependentsError(dependents);
    const linked = await linkedRows(tx, id);
    const names = await loadNames(tx, orgIdsOf(linked), linked.agreementIds);
    await tx.activity.delete({ where: { id } });
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: "Activity",
      entityId: id,
      changes: { ...snapshot(activity, [...COLUMN_FIELDS]), ...linkedText(names, linked) },
    });
  });
}
