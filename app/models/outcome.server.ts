import { Prisma, type FollowUpStatus, type OutcomeType } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { FOLLOW_UP_STATUSES, OUTCOME_TYPES, type OutcomeForm } from "~/schemas/outcome";
import { prisma, type Tx } from "~/utils/db.server";
import { message } from "~/i18n/translate";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { toDateInput } from "~/utils/format";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, type Actor, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { readerView } from "~/i18n/narrative";
import { startOfToday } from "./agreement.server";
import { followUpMissingOutcome, followUpOverdueOutcome } from "./follow-up-rules.server";
import { enums as englishNames } from "~/i18n/messages/en/enums";

// Outcomes: what a workshop or meeting agreed (a decision, an agreed next
// step, a recommendation...) and how it is followed up. An outcome belongs to
// an activity, and so to the activity's programme; the deliverable that
// carries it out must be in that same programme.

export const OUTCOME_LIST = {
  sorts: ["text", "type", "status", "dueDate", "activity", "programme"],
  defaultSort: "dueDate",
  defaultDir: "asc",
  filters: ["programme", "country", "type", "status", "organisation", "from", "to", "followUp"],
  choices: { type: [...OUTCOME_TYPES], status: [...FOLLOW_UP_STATUSES] },
} as const satisfies ListSpec<string>;

export type OutcomeFilter = (typeof OUTCOME_LIST.filters)[number];

const FIELDS = ["activityId", "type", "text", "responsibleOrgId", "dueDate", "followUpStatus", "followUpNote", "deliverableId"] as const;

// Field labels are client-safe (the record page's history shows them in the
// browser, where this .server module is empty); re-exported for actions.
export const OUTCOME_FIELD_LABELS = englishNames.outcomeField;

/** Outcomes a scope may see: through their activity's programme; nothing archived for partners and donors. */
export function outcomeScopeWhere(scope: Scope): Prisma.OutcomeWhereInput {
  return programmeChildWhere(scope, "outcome");
}

// The follow-up rules (overdue actions, outcomes without follow-up) live in
// follow-up-rules.server.ts, shared with the dashboard and the programme page.

function where(scope: Scope, query: ListQuery<OutcomeFilter>): Prisma.OutcomeWhereInput {
  const f = query.filters;
  const and: Prisma.OutcomeWhereInput[] = [outcomeScopeWhere(scope)];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    const countryName = { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] };
    and.push({
      OR: [
        { text: contains },
        { followUpNote: contains },
        { activity: { title: contains } },
        { responsibleOrg: { OR: [{ shortName: contains }, { fullName: contains }] } },
        { activity: { country: countryName } },
        { activity: { programme: { countries: { some: { country: countryName } } } } },
      ],
    });
  }
  if (f.programme) and.push({ activity: { programmeId: f.programme } });
  if (f.country) {
    const code = f.country.toUpperCase();
    and.push({ OR: [{ activity: { countryCode: code } }, { activity: { programme: { countries: { some: { countryCode: code } } } } }] });
  }
  if (f.type) and.push({ type: f.type as OutcomeType });
  if (f.status) and.push({ followUpStatus: f.status as FollowUpStatus });
  if (f.organisation) and.push({ responsibleOrgId: f.organisation });
  if (f.followUp === "missing") and.push(followUpMissingOutcome.where());
  if (f.followUp === "overdue") and.push(followUpOverdueOutcome.where(startOfToday()));
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ dueDate: { gte: from } });
  if (to) and.push({ dueDate: { lte: to } });
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.OutcomeOrderByWithRelationInput[] {
  const dir = query.dir;
  const then: Prisma.OutcomeOrderByWithRelationInput[] = [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }];
  switch (query.sort) {
    case "text":
      return [{ text: dir }, { id: "asc" }];
    case "type":
      return [{ type: dir }, ...then];
    case "status":
      return [{ followUpStatus: dir }, ...then];
    case "activity":
      return [{ activity: { title: dir } }, ...then];
    case "programme":
      return [{ activity: { programme: { title: dir } } }, ...then];
    default:
      return [{ dueDate: { sort: dir, nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  type: true,
  text: true,
  lang: true,
  translations: true,
  dueDate: true,
  followUpStatus: true,
  archivedAt: true,
  activity: { select: { id: true, title: true, lang: true, translations: true, programme: { select: { id: true, code: true, title: true, lang: true, translations: true } } } },
  responsibleOrg: { select: { id: true, shortName: true } },
  deliverable: { select: { id: true, title: true, lang: true, translations: true } },
} satisfies Prisma.OutcomeSelect;

export type OutcomeRow = Prisma.OutcomeGetPayload<{ select: typeof listSelect }>;

export async function listOutcomes(scope: Scope, query: ListQuery<OutcomeFilter>, all = false) {
  const w = where(scope, query);
  const [rows, total] = await Promise.all([
    prisma.outcome.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.outcome.count({ where: w }),
  ]);
  return { rows, total };
}

const detailInclude = {
  activity: {
    select: {
      id: true, title: true, lang: true, translations: true, kind: true, archivedAt: true, plannedStart: true, actualStart: true, datePrecision: true,
      programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
    },
  },
  responsibleOrg: { select: { id: true, shortName: true, fullName: true } },
  deliverable: { select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, archivedAt: true } },
  acknowledgedBy: { select: { name: true, email: true } },
  documents: {
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, shareable: true, archivedAt: true },
  },
  comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
  followUps: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true, description: true, ownerOrgId: true, dueDate: true, status: true, deliverableId: true,
      owner: { select: { shortName: true } },
      deliverable: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
    },
  },
} satisfies Prisma.OutcomeInclude;

export type OutcomeDetail = Prisma.OutcomeGetPayload<{ include: typeof detailInclude }>;

export async function getOutcome(scope: Scope, id: string): Promise<OutcomeDetail | null> {
  const o = await prisma.outcome.findFirst({ where: { AND: [{ id }, outcomeScopeWhere(scope)] }, include: detailInclude });
  if (o && scope.kind !== "staff") {
    o.documents = o.documents.filter((d) => !d.archivedAt && d.shareable);
    if (o.deliverable?.archivedAt) o.deliverable = null;
    o.followUps = o.followUps.map((a) => (a.deliverable?.archivedAt ? { ...a, deliverable: null } : a));
  }
  return o;
}

export async function requireOutcome(scope: Scope, id: string): Promise<OutcomeDetail> {
  const o = await getOutcome(scope, id);
  if (!o) throw notFoundError("Outcome not found");
  return o;
}

// What outcomeFormDefaults reads (deliverables through their relations: see below).
const formSelect = {
  id: true, version: true, activityId: true, type: true, text: true, translations: true, responsibleOrgId: true, dueDate: true,
  followUpStatus: true, followUpNote: true, deliverable: { select: { id: true } },
  followUps: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { description: true, ownerOrgId: true, dueDate: true, status: true, deliverable: { select: { id: true } } },
  },
} satisfies Prisma.OutcomeSelect;

/**
 * The edit form's values of an outcome, its follow-up actions as the form's
 * rows: what the edit page shows and what the JSON API returns (and accepts
 * back), and what the spreadsheet import compares with. Deliverables read
 * through the relations getOutcome hides from partners and donors when
 * archived, so no reader learns an id the page hides.
 */
export function outcomeFormDefaults(o: Prisma.OutcomeGetPayload<{ select: typeof formSelect }>) {
  return {
    version: String(o.version),
    activityId: o.activityId,
    type: o.type,
    text: o.text,
    translations: narrativeDefaults(o.translations, ["text"]),
    responsibleOrgId: o.responsibleOrgId ?? "",
    dueDate: toDateInput(o.dueDate),
    followUpStatus: o.followUpStatus,
    followUpNote: o.followUpNote ?? "",
    deliverableId: o.deliverable?.id ?? "",
    followUps: o.followUps.map((a) => ({
      description: a.description,
      ownerOrgId: a.ownerOrgId ?? "",
      dueDate: toDateInput(a.dueDate),
      status: a.status,
      deliverableId: a.deliverable?.id ?? "",
    })),
  };
}

/**
 * Outcomes in the scope by id, as their edit form holds them: the
 * spreadsheet import reads current records in batches with it (ADR 0042).
 */
export async function outcomeFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.outcome.findMany({ where: { AND: [{ id: { in: ids } }, outcomeScopeWhere(scope)] }, select: formSelect });
  return rows.map((o) => ({ id: o.id, version: o.version, text: o.text, form: outcomeFormDefaults(o) }));
}

/**
 * The outcomes in the scope of the given activities whose text is one of
 * `texts` (any case): the spreadsheet import's natural key (activity + text).
 */
export async function outcomesByTexts(scope: Scope, activityIds: string[], texts: string[]) {
  return prisma.outcome.findMany({
    where: { AND: [{ activityId: { in: activityIds }, text: { in: texts, mode: "insensitive" } }, outcomeScopeWhere(scope)] },
    select: { id: true, activityId: true, text: true },
  });
}

/** The activity an outcome is being recorded for (/outcomes/new?activity=), or null. */
export async function getOutcomeActivity(scope: Scope, id: string) {
  return prisma.activity.findFirst({
    where: { AND: [{ id }, programmeChildWhere(scope, "activity"), { archivedAt: null }] },
    select: { id: true, title: true, kind: true, programme: { select: { id: true, code: true, title: true } } },
  });
}

/** What the outcome form offers. Deliverables carry their programme so the form can narrow them to the activity's. */
export async function outcomeFormOptions(scope: Scope, locale: Locale) {
  const [activities, organisations, deliverables] = await Promise.all([
    prisma.activity.findMany({
      where: { AND: [programmeChildWhere(scope, "activity"), { archivedAt: null }] },
      select: { id: true, title: true, lang: true, translations: true, kind: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: [{ programme: { title: "asc" } }, { title: "asc" }],
    }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true, lang: true, translations: true }, orderBy: { shortName: "asc" } }),
    prisma.deliverable.findMany({
      where: { AND: [programmeChildWhere(scope, "deliverable"), { archivedAt: null }] },
      select: { id: true, title: true, lang: true, translations: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: { title: "asc" },
    }),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return readerView({ activities, organisations, deliverables }, locale);
}

/** The text fields an outcome keeps in other languages (IATI narratives). */
const NARRATIVE_FIELDS = ["text"] as const;


function columns(data: OutcomeForm) {
  return {
    activityId: data.activityId,
    type: data.type,
    text: data.text,
    responsibleOrgId: data.responsibleOrgId ?? null,
    dueDate: data.dueDate ?? null,
    followUpStatus: data.followUpStatus,
    followUpNote: data.followUpNote ?? null,
    deliverableId: data.deliverableId ?? null,
  };
}

type FollowUpLine = { description: string; ownerOrgId: string | null; dueDate: Date | null; status: string; deliverableId: string | null };

/**
 * The follow-up actions as the history shows them: one line each, in form
 * order, naming the owner and the deliverable (not their ids).
 */
async function followUpsText(tx: Tx, ...lists: FollowUpLine[][]): Promise<string[][]> {
  const all = lists.flat();
  const [orgs, deliverables] = await Promise.all([
    tx.organisation.findMany({ where: { id: { in: all.flatMap((r) => (r.ownerOrgId ? [r.ownerOrgId] : [])) } }, select: { id: true, shortName: true } }),
    tx.deliverable.findMany({ where: { id: { in: all.flatMap((r) => (r.deliverableId ? [r.deliverableId] : [])) } }, select: { id: true, title: true } }),
  ]);
  const org = new Map(orgs.map((o) => [o.id, o.shortName]));
  const deliverable = new Map(deliverables.map((d) => [d.id, d.title]));
  return lists.map((rows) =>
    rows.map((r) =>
      [r.description, r.ownerOrgId ? org.get(r.ownerOrgId) ?? "" : "", r.dueDate ? r.dueDate.toISOString().slice(0, 10) : "", r.status, r.deliverableId ? deliverable.get(r.deliverableId) ?? "" : ""].join(" | "),
    ),
  );
}

function followUpRows(outcomeId: string, data: OutcomeForm) {
  return data.followUps.map((a, position) => ({
    outcomeId,
    position,
    description: a.description,
    ownerOrgId: a.ownerOrgId ?? null,
    dueDate: a.dueDate ?? null,
    status: a.status,
    deliverableId: a.deliverableId ?? null,
  }));
}

/** Each action's owner must exist; the deliverable it produced must be live (or already linked) and in the activity's programme. */
async function checkFollowUps(tx: Tx, data: OutcomeForm, programmeId: string, linked: Set<string>) {
  for (const [i, a] of data.followUps.entries()) {
    if (a.ownerOrgId && !(await tx.organisation.count({ where: { id: a.ownerOrgId } }))) {
      throw new DomainError("invalid", message("outcomes.e.organisation"), { field: `followUps.${i}.ownerOrgId` });
    }
    if (a.deliverableId) {
      const d = await tx.deliverable.findUnique({ where: { id: a.deliverableId }, select: { programmeId: true, archivedAt: true } });
      if (!d || (d.archivedAt && !linked.has(a.deliverableId))) {
        throw new DomainError("invalid", message("outcomes.e.deliverable"), { field: `followUps.${i}.deliverableId` });
      }
      if (d.programmeId !== programmeId) throw new DomainError("invalid", message("outcomes.e.foreignDeliverable"), { field: `followUps.${i}.deliverableId` });
    }
  }
}

type Current = { id: string; activityId: string; deliverableId: string | null };

/** The activity must exist (and be active unless unchanged); a linked deliverable must be in the activity's programme. */
async function checkReferences(tx: Tx, data: OutcomeForm, current?: Current) {
  const activity = await tx.activity.findUnique({ where: { id: data.activityId }, select: { programmeId: true, archivedAt: true } });
  if (!activity || (activity.archivedAt && current?.activityId !== data.activityId)) {
    throw new DomainError("invalid", message("outcomes.e.activity"), { field: "activityId" });
  }
  const linked = current ? await tx.followUpAction.findMany({ where: { outcomeId: current.id }, select: { deliverableId: true } }) : [];
  await checkFollowUps(tx, data, activity.programmeId, new Set(linked.flatMap((l) => (l.deliverableId ? [l.deliverableId] : []))));
  if (data.responsibleOrgId) {
    const found = await tx.organisation.count({ where: { id: data.responsibleOrgId } });
    if (!found) throw new DomainError("invalid", message("outcomes.e.organisation"), { field: "responsibleOrgId" });
  }
  if (data.deliverableId) {
    const d = await tx.deliverable.findUnique({ where: { id: data.deliverableId }, select: { programmeId: true, archivedAt: true } });
    if (!d || (d.archivedAt && current?.deliverableId !== data.deliverableId)) {
      throw new DomainError("invalid", message("outcomes.e.deliverable"), { field: "deliverableId" });
    }
    if (d.programmeId !== activity.programmeId) {
      throw new DomainError("invalid", message("outcomes.e.foreignDeliverable"), { field: "deliverableId" });
    }
  }
}

export async function createOutcome(ctx: Ctx, data: OutcomeForm) {
  assertStaff(ctx);
  return prisma.$transaction((tx) => createOutcomeIn(tx, ctx, data));
}

/**
 * createOutcome inside the caller's transaction (the spreadsheet import
 * applies many records all or nothing, ADR 0042).
 */
export async function createOutcomeIn(tx: Tx, ctx: Ctx, data: OutcomeForm) {
  assertStaff(ctx);
  await checkReferences(tx, data);
  const created = await tx.outcome.create({
    data: { ...columns(data), translations: mergeNarratives({}, data.translations, NARRATIVE_FIELDS) as Prisma.InputJsonObject },
  });
  if (data.followUps.length) await tx.followUpAction.createMany({ data: followUpRows(created.id, data) });
  const [actions] = await followUpsText(tx, followUpRows(created.id, data));
  await auditChange(tx, ctx, {
    action: "create",
    entityType: "Outcome",
    entityId: created.id,
    changes: { ...snapshot(created, [...FIELDS]), ...(actions!.length ? { followUps: actions } : {}) },
    version: created.version,
  });
  return created;
}

export async function updateOutcome(ctx: Ctx, id: string, version: number, data: OutcomeForm) {
  assertStaff(ctx);
  return prisma.$transaction((tx) => updateOutcomeIn(tx, ctx, id, version, data));
}

/** updateOutcome inside the caller's transaction (see createOutcomeIn). */
export async function updateOutcomeIn(tx: Tx, ctx: Ctx, id: string, version: number, data: OutcomeForm) {
  assertStaff(ctx);
  const before = await tx.outcome.findUnique({ where: { id }, include: { followUps: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] } } });
  if (!before) throw notFoundError("Outcome not found");
  if (before.version !== version) return conflictSince(tx, "Outcome", id, version, before);
  await checkReferences(tx, data, before);
  const next = columns(data);
  const changes = diffFields(before, { ...before, ...next }, [...FIELDS]);
  const [actionsBefore, actionsAfter] = await followUpsText(tx, before.followUps, followUpRows(id, data));
  if (JSON.stringify(actionsBefore) !== JSON.stringify(actionsAfter)) changes.followUps = { before: actionsBefore, after: actionsAfter };
  // Translations: the form's languages replaced, any other language kept.
  const translations = mergeNarratives(before.translations, data.translations, NARRATIVE_FIELDS) as Prisma.InputJsonObject;
  if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
    changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
  }
  if (Object.keys(changes).length === 0) return { id, changed: [] as string[] };
  const updated = await tx.outcome.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
  if (updated.count === 0) return conflictSince(tx, "Outcome", id, version, before);
  if (changes.followUps) {
    // The form holds every action: replace them (the history keeps the before and after).
    await tx.followUpAction.deleteMany({ where: { outcomeId: id } });
    if (data.followUps.length) await tx.followUpAction.createMany({ data: followUpRows(id, data) });
  }
  await auditChange(tx, ctx, { action: "update", entityType: "Outcome", entityId: id, changes, version: version + 1 });
  return { id, changed: Object.keys(changes) };
}

export async function setOutcomeArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Outcome",
    id,
    archived,
    find: (tx) => tx.outcome.findUnique({ where: { id } }),
    update: (tx, data) => tx.outcome.update({ where: { id }, data }),
  });
}

/** Deletes an outcome without documents or comments; otherwise names them. */
export async function deleteOutcome(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const o = await tx.outcome.findUnique({
      where: { id },
      include: { documents: { select: { title: true } }, comments: { select: { body: true } } },
    });
    if (!o) throw notFoundError("Outcome not found");
    const dependents = [
      ...o.documents.map((d) => ({ type: "document", title: d.title })),
      ...o.comments.map((c) => {
        const line = c.body.replace(/\s+/g, " ").trim();
        return { type: "comment", title: line.length > 40 ? `${line.slice(0, 39)}…` : line };
      }),
    ];
    if (dependents.length) throw new DependentsError(dependents);
    await tx.outcome.delete({ where: { id } });
    await auditChange(tx, ctx, { action: "delete", entityType: "Outcome", entityId: id, changes: snapshot(o, [...FIELDS]) });
  });
}
