import type { Translator } from "~/i18n/translate";
import type { Prisma } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { dueSoonDeliverable, overdueDeliverable } from "./deliverable-rules.server";
import { DELIVERABLE_STATUSES, type DeliverableForm, type DeliverableStatus } from "~/schemas/deliverable";
import { prisma, type Tx } from "~/utils/db.server";
import { message } from "~/i18n/translate";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { toDateInput } from "~/utils/format";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { startOfToday } from "./agreement.server";
import { auditChange, conflictSince, diffFields, listHistory, snapshot, type Actor, type HistoryEntry, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { readerView } from "~/i18n/narrative";
import { enums as englishNames } from "~/i18n/messages/en/enums";

// Deliverables: what a programme owes (a report, a draft law, a training
// curriculum), optionally under an agreement or from an activity. "Overdue"
// is never stored: it is due before today while still not started or in
// progress, computed here for lists and records and in SQL for filters.

export const DELIVERABLE_LIST = {
  sorts: ["title", "dueDate", "status", "programme"],
  defaultSort: "dueDate",
  defaultDir: "asc",
  filters: ["programme", "country", "status", "organisation", "from", "to", "due"],
  choices: { status: [...DELIVERABLE_STATUSES] },
} as const satisfies ListSpec<string>;

export type DeliverableFilter = (typeof DELIVERABLE_LIST.filters)[number];

export { DUE_SOON_DAYS } from "./deliverable-rules.server";

// Fields an edit may change (and the model sets), in the order the history shows them.
const FIELDS = [
  "programmeId", "agreementId", "activityId", "responsibleOrgId", "title", "description", "dueDate", "status",
  "submittedAt", "acceptedAt", "evidenceDocumentId",
] as const;

// Field labels are client-safe (the record page's history shows them in the
// browser, where this .server module is empty); re-exported for actions.
export const DELIVERABLE_FIELD_LABELS = englishNames.deliverableField;

/** The `due` filter as a where clause: overdue, or open and due within the next 30 days (today included). */
export function dueWhere(due: string | undefined, today: Date): Prisma.DeliverableWhereInput | null {
  if (due === "overdue") return overdueDeliverable.where(today);
  if (due === "next30") return dueSoonDeliverable.where(today);
  return null;
}

function where(scope: Scope, query: ListQuery<DeliverableFilter>, today: Date): Prisma.DeliverableWhereInput {
  const f = query.filters;
  const and: Prisma.DeliverableWhereInput[] = [programmeChildWhere(scope, "deliverable")];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { title: contains },
        { description: contains },
        { programme: { title: contains } },
        { responsibleOrg: { OR: [{ shortName: contains }, { fullName: contains }] } },
        { programme: { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.country) and.push({ programme: { countries: { some: { countryCode: f.country.toUpperCase() } } } });
  if (f.status) and.push({ status: f.status as DeliverableStatus });
  if (f.organisation) and.push({ responsibleOrgId: f.organisation });
  const due = dueWhere(f.due, today);
  if (due) and.push(due);
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ dueDate: { gte: from } });
  if (to) and.push({ dueDate: { lte: to } });
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.DeliverableOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "title":
      return [{ title: dir }, { id: "asc" }];
    case "status":
      return [{ status: dir }, { dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { title: dir } }, { dueDate: { sort: "asc", nulls: "last" } }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ dueDate: { sort: dir, nulls: "last" } }, { title: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  title: true,
  lang: true,
  translations: true,
  status: true,
  dueDate: true,
  archivedAt: true,
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
  agreement: { select: { id: true, title: true, lang: true, translations: true } },
  activity: { select: { id: true, title: true, lang: true, translations: true } },
  responsibleOrg: { select: { id: true, shortName: true } },
} satisfies Prisma.DeliverableSelect;

export type DeliverableRow = Prisma.DeliverableGetPayload<{ select: typeof listSelect }> & { overdue: boolean };

export async function listDeliverables(scope: Scope, query: ListQuery<DeliverableFilter>, all = false, now = new Date()) {
  const today = startOfToday(now);
  const w = where(scope, query, today);
  const [rows, total] = await Promise.all([
    prisma.deliverable.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.deliverable.count({ where: w }),
  ]);
  return { rows: rows.map((r): DeliverableRow => ({ ...r, overdue: overdueDeliverable.test(r, today) })), total };
}

const detailInclude = {
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true, archivedAt: true } },
  agreement: { select: { id: true, title: true, lang: true, translations: true, status: true, archivedAt: true } },
  activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, archivedAt: true } },
  responsibleOrg: { select: { id: true, shortName: true, fullName: true } },
  evidenceDocument: { select: { id: true, title: true, lang: true, translations: true, originalName: true, shareable: true, archivedAt: true } },
  acknowledgedBy: { select: { name: true, email: true } },
  outcomes: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true, type: true, text: true, lang: true, translations: true, followUpStatus: true, archivedAt: true,
      activity: { select: { id: true, title: true, lang: true, translations: true } },
    },
  },
  documents: {
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, shareable: true, archivedAt: true },
  },
  comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
} satisfies Prisma.DeliverableInclude;

export type DeliverableDetail = Prisma.DeliverableGetPayload<{ include: typeof detailInclude }> & { overdue: boolean };

/** A deliverable in the scope, or null (a foreign or missing one is simply not found). */
export async function getDeliverable(scope: Scope, id: string, now = new Date()): Promise<DeliverableDetail | null> {
  const d = await prisma.deliverable.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "deliverable")] }, include: detailInclude });
  if (!d) return null;
  if (scope.kind !== "staff") {
    // Partners and donors see nothing archived, and only documents marked shareable.
    d.outcomes = d.outcomes.filter((o) => !o.archivedAt);
    d.documents = d.documents.filter((x) => !x.archivedAt && x.shareable);
    if (d.agreement?.archivedAt) d.agreement = null;
    if (d.activity?.archivedAt) d.activity = null;
    if (d.evidenceDocument && (d.evidenceDocument.archivedAt || !d.evidenceDocument.shareable)) d.evidenceDocument = null;
  }
  return { ...d, overdue: overdueDeliverable.test(d, startOfToday(now)) };
}

export async function requireDeliverable(scope: Scope, id: string): Promise<DeliverableDetail> {
  const d = await getDeliverable(scope, id);
  if (!d) throw notFoundError("Deliverable not found");
  return d;
}

/** Which of these deliverables the scope may open (not archived for partners and donors, a partner's countries): the names an outcome shows. */
export async function deliverablesVisibleTo(scope: Scope, ids: (string | null | undefined)[]): Promise<Set<string>> {
  const wanted = ids.filter((x): x is string => Boolean(x));
  if (!wanted.length) return new Set();
  const rows = await prisma.deliverable.findMany({ where: { AND: [programmeChildWhere(scope, "deliverable"), { id: { in: wanted } }] }, select: { id: true } });
  return new Set(rows.map((d) => d.id));
}

// What deliverableFormDefaults reads (the references through their relations: see below).
const formSelect = {
  id: true, version: true, programmeId: true, responsibleOrgId: true, title: true, description: true, translations: true, dueDate: true,
  status: true, submittedAt: true, acceptedAt: true,
  agreement: { select: { id: true } }, activity: { select: { id: true } }, evidenceDocument: { select: { id: true } },
} satisfies Prisma.DeliverableSelect;

/**
 * The edit form's values of a deliverable: what the edit page shows and what
 * the JSON API returns (and accepts back), and what the spreadsheet import
 * compares with. References read through the record's own relations, which
 * getDeliverable hides from partners and donors when archived or not
 * shareable, so no reader learns an id the page hides.
 */
export function deliverableFormDefaults(d: Prisma.DeliverableGetPayload<{ select: typeof formSelect }>) {
  return {
    version: String(d.version),
    programmeId: d.programmeId,
    agreementId: d.agreement?.id ?? "",
    activityId: d.activity?.id ?? "",
    responsibleOrgId: d.responsibleOrgId ?? "",
    title: d.title,
    description: d.description ?? "",
    translations: narrativeDefaults(d.translations),
    dueDate: toDateInput(d.dueDate),
    status: d.status,
    evidenceDocumentId: d.evidenceDocument?.id ?? "",
    submittedOn: toDateInput(d.submittedAt),
    acceptedOn: toDateInput(d.acceptedAt),
    outcomeId: "",
  };
}

/**
 * Deliverables in the scope by id, as their edit form holds them: the
 * spreadsheet import reads current records in batches with it (ADR 0042).
 */
export async function deliverableFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.deliverable.findMany({ where: { AND: [{ id: { in: ids } }, programmeChildWhere(scope, "deliverable")] }, select: formSelect });
  return rows.map((d) => ({ id: d.id, version: d.version, title: d.title, form: deliverableFormDefaults(d) }));
}

/**
 * The deliverables in the scope of the given programmes whose title is one of
 * `titles` (any case), with their due dates: the spreadsheet import's natural
 * key (programme + title + due date).
 */
export async function deliverablesByTitles(scope: Scope, programmeIds: string[], titles: string[]) {
  return prisma.deliverable.findMany({
    where: { AND: [{ programmeId: { in: programmeIds }, title: { in: titles, mode: "insensitive" } }, programmeChildWhere(scope, "deliverable")] },
    select: { id: true, programmeId: true, title: true, dueDate: true },
  });
}

/**
 * What the deliverable form offers. Agreements, activities and documents carry
 * their programme so the form can narrow them to the chosen programme.
 */
export async function deliverableFormOptions(scope: Scope, locale: Locale, selfId?: string) {
  const [programmes, organisations, agreements, activities, documents] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, code: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true, lang: true, translations: true }, orderBy: { shortName: "asc" } }),
    prisma.agreement.findMany({
      where: { AND: [programmeChildWhere(scope, "agreement"), { archivedAt: null }] },
      select: { id: true, title: true, lang: true, translations: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: { title: "asc" },
    }),
    prisma.activity.findMany({
      where: { AND: [programmeChildWhere(scope, "activity"), { archivedAt: null }] },
      select: { id: true, title: true, lang: true, translations: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: { title: "asc" },
    }),
    prisma.document.findMany({
      // A document is the evidence of at most one deliverable.
      where: { AND: [programmeChildWhere(scope, "document"), { archivedAt: null }, { OR: [{ evidenceFor: { is: null } }, ...(selfId ? [{ evidenceFor: { is: { id: selfId } } }] : [])] }] },
      select: { id: true, title: true, lang: true, translations: true, originalName: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: { title: "asc" },
    }),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return readerView({ programmes, organisations, agreements, activities, documents }, locale);
}

/** Title for a deliverable that carries out an outcome: the outcome's text on one line, at most 300 characters. */
export function titleFromOutcomeText(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= 300 ? line : `${line.slice(0, 299).trimEnd()}…`;
}

/**
 * Defaults for /deliverables/new from ?programme=, ?agreement=, ?activity= and
 * ?outcome=. Unknown or out-of-scope ids are ignored.
 */
export async function deliverablePrefill(scope: Scope, params: URLSearchParams) {
  const defaults: Record<string, string> = { status: "NOT_STARTED" };
  let outcome: { id: string; text: string; activity: { id: string; title: string }; deliverable: { id: string; title: string } | null } | null = null;
  const programmeId = params.get("programme");
  if (programmeId) {
    const p = await prisma.programme.findFirst({ where: { id: programmeId, archivedAt: null }, select: { id: true } });
    if (p) defaults.programmeId = p.id;
  }
  const agreementId = params.get("agreement");
  if (agreementId) {
    const a = await prisma.agreement.findFirst({ where: { AND: [{ id: agreementId }, programmeChildWhere(scope, "agreement")] }, select: { id: true, programmeId: true } });
    if (a) Object.assign(defaults, { agreementId: a.id, programmeId: a.programmeId });
  }
  const activityId = params.get("activity");
  if (activityId) {
    const a = await prisma.activity.findFirst({ where: { AND: [{ id: activityId }, programmeChildWhere(scope, "activity")] }, select: { id: true, programmeId: true } });
    if (a && (!defaults.programmeId || defaults.programmeId === a.programmeId)) Object.assign(defaults, { activityId: a.id, programmeId: a.programmeId });
  }
  const outcomeId = params.get("outcome");
  if (outcomeId) {
    const o = await prisma.outcome.findFirst({
      where: { id: outcomeId, activity: programmeChildWhere(scope, "activity") },
      select: {
        id: true, text: true, responsibleOrgId: true, dueDate: true,
        activity: { select: { id: true, title: true, programmeId: true } },
        deliverable: { select: { id: true, title: true } },
      },
    });
    if (o) {
      outcome = { id: o.id, text: o.text, activity: { id: o.activity.id, title: o.activity.title }, deliverable: o.deliverable };
      if (!o.deliverable) {
        Object.assign(defaults, {
          outcomeId: o.id,
          title: titleFromOutcomeText(o.text),
          programmeId: o.activity.programmeId,
          activityId: o.activity.id,
          responsibleOrgId: o.responsibleOrgId ?? "",
          dueDate: o.dueDate ? o.dueDate.toISOString().slice(0, 10) : "",
        });
        if (defaults.agreementId) {
          const a = await prisma.agreement.findUnique({ where: { id: defaults.agreementId }, select: { programmeId: true } });
          if (a?.programmeId !== o.activity.programmeId) delete defaults.agreementId;
        }
      }
    }
  }
  return { defaults, outcome };
}


function columns(data: DeliverableForm) {
  return {
    programmeId: data.programmeId,
    agreementId: data.agreementId ?? null,
    activityId: data.activityId ?? null,
    responsibleOrgId: data.responsibleOrgId ?? null,
    title: data.title,
    description: data.description ?? null,
    dueDate: data.dueDate ?? null,
    status: data.status,
    evidenceDocumentId: data.evidenceDocumentId ?? null,
  };
}

/**
 * submittedAt / acceptedAt follow the status: set when it moves to Submitted or
 * Accepted (accepting something never submitted counts as its submission too),
 * cleared when it moves back. They are the days the events happened: the
 * dates entered on the form (history recorded later), else the date already
 * recorded, else today (a calendar date, UTC).
 */
export function statusTimestamps(
  status: DeliverableStatus,
  before: { status: DeliverableStatus; submittedAt: Date | null; acceptedAt: Date | null } | null,
  now: Date,
  entered: { submittedOn?: Date; acceptedOn?: Date } = {},
): { submittedAt: Date | null; acceptedAt: Date | null } {
  const today = startOfToday(now);
  // The form shows a recorded time as its day: the same day sent back keeps the recorded value.
  const pick = (day: Date | undefined, recorded: Date | null | undefined) =>
    day && !(recorded && startOfToday(recorded).getTime() === day.getTime()) ? day : (recorded ?? null);
  const wasSubmitted = before?.status === "SUBMITTED" || before?.status === "ACCEPTED";
  switch (status) {
    case "NOT_STARTED":
    case "IN_PROGRESS":
      return { submittedAt: null, acceptedAt: null };
    case "SUBMITTED":
      return { submittedAt: pick(entered.submittedOn, wasSubmitted ? before?.submittedAt : null) ?? today, acceptedAt: null };
    case "ACCEPTED": {
      const acceptedAt = pick(entered.acceptedOn, before?.status === "ACCEPTED" ? before.acceptedAt : null) ?? today;
      return { submittedAt: pick(entered.submittedOn, before?.submittedAt) ?? acceptedAt, acceptedAt };
    }
  }
}

/** The event dates must be in order once the recorded ones are taken into account. */
function checkEventDates(dates: { submittedAt: Date | null; acceptedAt: Date | null }) {
  if (dates.submittedAt && dates.acceptedAt && startOfToday(dates.acceptedAt).getTime() < startOfToday(dates.submittedAt).getTime()) {
    throw new DomainError("invalid", message("deliverables.v.acceptedBeforeSubmitted"), { field: "acceptedOn" });
  }
}

type Current = { programmeId: string; agreementId: string | null; activityId: string | null; evidenceDocumentId: string | null };

/**
 * The references a form makes must exist and belong to the deliverable's
 * programme. An archived programme, agreement or activity may stay where it
 * already was, but cannot be newly chosen.
 */
async function checkReferences(tx: Tx, data: DeliverableForm, selfId?: string, current?: Current) {
  const programme = await tx.programme.findUnique({ where: { id: data.programmeId }, select: { archivedAt: true } });
  if (!programme || (programme.archivedAt && current?.programmeId !== data.programmeId)) {
    throw new DomainError("invalid", message("deliverables.e.activeProgramme"), { field: "programmeId" });
  }
  if (data.agreementId) {
    const a = await tx.agreement.findUnique({ where: { id: data.agreementId }, select: { programmeId: true, archivedAt: true } });
    if (!a || (a.archivedAt && current?.agreementId !== data.agreementId)) {
      throw new DomainError("invalid", message("deliverables.e.agreement"), { field: "agreementId" });
    }
    if (a.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("deliverables.e.foreignAgreement"), { field: "agreementId" });
    }
  }
  if (data.activityId) {
    const a = await tx.activity.findUnique({ where: { id: data.activityId }, select: { programmeId: true, archivedAt: true } });
    if (!a || (a.archivedAt && current?.activityId !== data.activityId)) {
      throw new DomainError("invalid", message("deliverables.e.activity"), { field: "activityId" });
    }
    if (a.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("deliverables.e.foreignActivity"), { field: "activityId" });
    }
  }
  if (data.responsibleOrgId) {
    const found = await tx.organisation.count({ where: { id: data.responsibleOrgId } });
    if (!found) throw new DomainError("invalid", message("deliverables.e.organisation"), { field: "responsibleOrgId" });
  }
  if (data.evidenceDocumentId) {
    const doc = await tx.document.findUnique({
      where: { id: data.evidenceDocumentId },
      select: { programmeId: true, archivedAt: true, evidenceFor: { select: { id: true, title: true } } },
    });
    if (!doc || (doc.archivedAt && current?.evidenceDocumentId !== data.evidenceDocumentId)) {
      throw new DomainError("invalid", message("deliverables.e.document"), { field: "evidenceDocumentId" });
    }
    if (doc.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("deliverables.e.foreignDocument"), { field: "evidenceDocumentId" });
    }
    if (doc.evidenceFor && doc.evidenceFor.id !== selfId) {
      throw new DomainError("invalid", message("deliverables.e.evidenceTaken", { title: doc.evidenceFor.title }), { field: "evidenceDocumentId" });
    }
  }
}

/**
 * Creates a deliverable. With `outcomeId` (created from a workshop outcome),
 * the same transaction links the outcome to it and moves the outcome's
 * follow-up from Not started to In progress, with an audit event for each.
 */
export async function createDeliverable(ctx: Ctx, data: DeliverableForm, now = new Date()) {
  assertStaff(ctx);
  return prisma.$transaction((tx) => createDeliverableIn(tx, ctx, data, now));
}

/**
 * createDeliverable inside the caller's transaction (the spreadsheet import
 * applies many records all or nothing, ADR 0042).
 */
export async function createDeliverableIn(tx: Tx, ctx: Ctx, data: DeliverableForm, now = new Date()) {
  assertStaff(ctx);
  await checkReferences(tx, data);
  const outcome = data.outcomeId
    ? await tx.outcome.findUnique({
        where: { id: data.outcomeId },
        select: { id: true, version: true, followUpStatus: true, deliverableId: true, archivedAt: true, activity: { select: { programmeId: true } } },
      })
    : null;
  if (data.outcomeId) {
    if (!outcome) throw new DomainError("invalid", message("deliverables.e.outcomeGone"), { field: "_form" });
    if (outcome.deliverableId) throw new DomainError("invalid", message("deliverables.e.outcomeTaken"), { field: "_form" });
    if (outcome.activity.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("deliverables.e.outcomeProgramme"), { field: "programmeId" });
    }
  }
  const dates = statusTimestamps(data.status, null, now, data);
  checkEventDates(dates);
  const created = await tx.deliverable.create({
    data: { ...columns(data), translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject, ...dates },
  });
  await auditChange(tx, ctx, {
    action: "create",
    entityType: "Deliverable",
    entityId: created.id,
    changes: { ...snapshot(created, [...FIELDS]), ...(outcome ? { outcomeId: outcome.id } : {}) },
    version: created.version,
  });
  if (outcome) {
    const next = {
      deliverableId: created.id,
      followUpStatus: outcome.followUpStatus === "NOT_STARTED" ? ("IN_PROGRESS" as const) : outcome.followUpStatus,
    };
    // Guarded by version and "still unlinked", so a concurrent change to the outcome rolls this back.
    const linked = await tx.outcome.updateMany({
      where: { id: outcome.id, version: outcome.version, deliverableId: null },
      data: { ...next, version: { increment: 1 } },
    });
    if (linked.count === 0) throw new DomainError("invalid", message("deliverables.e.outcomeChanged"), { field: "_form" });
    await auditChange(tx, ctx, {
      action: "update",
      entityType: "Outcome",
      entityId: outcome.id,
      changes: diffFields(outcome, { ...outcome, ...next }, ["followUpStatus", "deliverableId"]),
      version: outcome.version + 1,
    });
  }
  return created;
}

export async function updateDeliverable(ctx: Ctx, id: string, version: number, data: DeliverableForm, now = new Date()) {
  assertStaff(ctx);
  return prisma.$transaction((tx) => updateDeliverableIn(tx, ctx, id, version, data, now));
}

/** updateDeliverable inside the caller's transaction (see createDeliverableIn). */
export async function updateDeliverableIn(tx: Tx, ctx: Ctx, id: string, version: number, data: DeliverableForm, now = new Date()) {
  assertStaff(ctx);
  const before = await tx.deliverable.findUnique({ where: { id } });
  if (!before) throw notFoundError("Deliverable not found");
  // A stale form is a conflict whatever else is wrong with it.
  if (before.version !== version) return conflictSince(tx, "Deliverable", id, version, before);
  await checkReferences(tx, data, id, before);
  const dates = statusTimestamps(data.status, before, now, data);
  checkEventDates(dates);
  const next = { ...columns(data), ...dates };
  const changes = diffFields(before, { ...before, ...next }, [...FIELDS]);
  // Translations: the form's languages replaced, any other language kept.
  const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
  if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
    changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
  }
  if (Object.keys(changes).length === 0) return { id, changed: [] as string[] };
  const updated = await tx.deliverable.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
  if (updated.count === 0) return conflictSince(tx, "Deliverable", id, version, before);
  await auditChange(tx, ctx, { action: "update", entityType: "Deliverable", entityId: id, changes, version: version + 1 });
  return { id, changed: Object.keys(changes) };
}

export async function setDeliverableArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Deliverable",
    id,
    archived,
    find: (tx) => tx.deliverable.findUnique({ where: { id } }),
    update: (tx, data) => tx.deliverable.update({ where: { id }, data }),
  });
}

const excerpt = (text: string, max = 80) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** Deletes a deliverable nothing depends on; otherwise names the outcomes, documents and comments that do. */
export async function deleteDeliverable(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const d = await tx.deliverable.findUnique({
      where: { id },
      include: {
        outcomes: { select: { text: true } },
        documents: { select: { title: true } },
        comments: { select: { body: true } },
      },
    });
    if (!d) throw notFoundError("Deliverable not found");
    const dependents = [
      ...d.outcomes.map((o) => ({ type: "outcome", title: excerpt(o.text) })),
      ...d.documents.map((x) => ({ type: "document", title: x.title })),
      ...d.comments.map((c) => ({ type: "comment", title: excerpt(c.body, 40) })),
    ];
    if (dependents.length) throw new DependentsError(dependents);
    await tx.deliverable.delete({ where: { id } });
    await auditChange(tx, ctx, { action: "delete", entityType: "Deliverable", entityId: id, changes: snapshot(d, [...FIELDS]) });
  });
}

// ---------------------------------------------------------------------------
// History with names instead of ids

/**
 * A record's history where enum fields given in `valueLabels` show their
 * labels ("Not started → Accepted"); references already read as the titles
 * of what they point at (listHistory).
 */
export async function listReadableHistory(
  entityType: string,
  entityId: string,
  valueLabels: Record<string, Record<string, string>> = {},
  t?: Translator,
): Promise<HistoryEntry[]> {
  const entries = await listHistory(entityType, entityId, 100, t);
  return entries.map((e) => {
    if (!e.changes) return e;
    const changes = Object.fromEntries(
      Object.entries(e.changes).map(([field, change]) => {
        const labels = valueLabels[field];
        if (!labels || !change || typeof change !== "object" || !("after" in change)) return [field, change];
        const c = change as { before: unknown; after: unknown };
        return [field, { before: labelOf(labels, c.before), after: labelOf(labels, c.after) }];
      }),
    );
    return { ...e, changes };
  });
}

const labelOf = (labels: Record<string, string>, v: unknown) => (typeof v === "string" ? (labels[v] ?? v) : v);

/** Today as a calendar date, re-exported so routes and tests agree on "today". */
export { startOfToday };
