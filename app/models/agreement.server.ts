import { Prisma, type AgreementStatus } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import { AGREEMENT_FIELD_LABELS, type AgreementForm } from "~/schemas/agreement";

export { AGREEMENT_FIELD_LABELS };
import { prisma } from "~/utils/db.server";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { AGREEMENT_STATUS_LABELS, AGREEMENT_TYPE_LABELS } from "~/utils/labels";
import { mergeNarratives, translationsText } from "~/utils/narratives";
import { readerView } from "~/i18n/narrative";

export const AGREEMENT_LIST = {
  sorts: ["title", "type", "status", "signedOn", "expiresOn", "programme"],
  defaultSort: "signedOn",
  defaultDir: "desc",
  filters: ["programme", "country", "type", "status", "from", "to", "organisation", "expiring", "expired"],
  choices: { type: Object.keys(AGREEMENT_TYPE_LABELS), status: Object.keys(AGREEMENT_STATUS_LABELS) },
} as const satisfies ListSpec<string>;

export type AgreementFilter = (typeof AGREEMENT_LIST.filters)[number];

// Fields an edit may change, in the order the history shows them.
const FIELDS = [
  "programmeId", "parentId", "type", "title", "reference", "description", "status", "signedOn",
  "signedPrecision", "effectiveOn", "expiresOn", "value", "currency", "parties",
] as const;


function where(scope: Scope, query: ListQuery<AgreementFilter>): Prisma.AgreementWhereInput {
  const f = query.filters;
  const and: Prisma.AgreementWhereInput[] = [programmeChildWhere(scope, "agreement")];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { title: contains },
        { reference: contains },
        { programme: { title: contains } },
        { parties: { some: { organisation: { OR: [{ shortName: contains }, { fullName: contains }] } } } },
        { programme: { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.country) and.push({ programme: { countries: { some: { countryCode: f.country } } } });
  if (f.type) and.push({ type: f.type as Prisma.EnumAgreementTypeFilter["equals"] });
  if (f.status && (AGREEMENT_LIST.choices.status as readonly string[]).includes(f.status)) {
    and.push(effectiveStatusWhere(f.status as AgreementStatus, startOfToday()));
  }
  if (f.organisation) and.push({ parties: { some: { organisationId: f.organisation } } });
  if (f.expiring) and.push(expiringWhere(Math.min(Math.max(Number.parseInt(f.expiring, 10) || 90, 1), 3650), startOfToday()));
  if (f.expired) and.push(expiredRecentlyWhere(Math.min(Math.max(Number.parseInt(f.expired, 10) || 90, 1), 3650), startOfToday()));
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ signedOn: { gte: from } });
  if (to) and.push({ signedOn: { lte: to } });
  return { AND: and };
}

/**
 * Live agreements whose expiry falls within the next `days` days (the
 * dashboard counts and links to these), unless a live amendment renews them
 * beyond that (see effectiveAgreementStatus below).
 */
export function expiringWhere(days: number, today: Date): Prisma.AgreementWhereInput {
  const by = new Date(today.getTime() + days * 86_400_000);
  return {
    archivedAt: null,
    status: { notIn: ["EXPIRED", "TERMINATED"] },
    expiresOn: { gte: today, lte: by },
    NOT: { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: { gt: by } } } },
  };
}

/** expiringWhere's renewal condition in SQL; `x` is the agreement's alias. */
export function notRenewedBeyondSql(by: Date): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Agreement" m WHERE m."parentId" = x.id AND m."archivedAt" IS NULL
    AND m.status IN ('SIGNED', 'ACTIVE') AND m."expiresOn" > ${by.toISOString().slice(0, 10)}::date)`;
}

// ---------------------------------------------------------------------------
// An agreement's effective state (issue 14, item 11). The stored status is what
// someone chose; dates overrule it only for an agreement in force: a SIGNED or
// ACTIVE agreement lapses (reads EXPIRED) once its expiry date has passed,
// unless it was renewed, that is a live amendment (one that amends it, signed
// or active, not archived) runs to today or later. Manual states (draft, under
// negotiation, terminated, expired) stay as set. effectiveAgreementStatus is the
// rule; the Prisma filters and the SQL fragment below are its twins for lists,
// filters and the dashboard's counts (tests/db/agreement-status.test.ts checks
// they agree).
// ---------------------------------------------------------------------------

/** Statuses that dates can overrule. */
const IN_FORCE: AgreementStatus[] = ["SIGNED", "ACTIVE"];

/** Amendments that can renew an agreement: live and in force. */
const RENEWING_AMENDMENT = { archivedAt: null, status: { in: IN_FORCE } } satisfies Prisma.AgreementWhereInput;

/** What effectiveAgreementStatus needs; spread into an agreement select. */
export const EFFECTIVE_STATUS_SELECT = {
  status: true,
  expiresOn: true,
  amendments: { where: RENEWING_AMENDMENT, select: { expiresOn: true } },
} satisfies Prisma.AgreementSelect;

type StatusInput = { status: AgreementStatus; expiresOn: Date | null; amendments: { expiresOn: Date | null }[] };

/** The latest expiry of the agreement and the amendments renewing it (null: open-ended). */
export function effectiveExpiry(a: Pick<StatusInput, "expiresOn" | "amendments">): Date | null {
  if (!a.expiresOn) return null;
  return a.amendments.reduce<Date>((latest, m) => (m.expiresOn && m.expiresOn > latest ? m.expiresOn : latest), a.expiresOn);
}

/** The status an agreement has today: its stored status, unless its dates say it has lapsed. */
export function effectiveAgreementStatus(a: StatusInput, today: Date): AgreementStatus {
  if (!IN_FORCE.includes(a.status)) return a.status;
  const expiry = effectiveExpiry(a);
  return expiry && expiry < today ? "EXPIRED" : a.status;
}

/**
 * Rows with `status` replaced by the effective status (the stored one is kept
 * as `storedStatus`, for the edit form) and the renewal data dropped.
 */
export function withEffectiveStatus<T extends StatusInput>(rows: T[], today: Date): (Omit<T, "amendments"> & { storedStatus: AgreementStatus; expiredOn: Date | null })[] {
  return rows.map(({ amendments, ...row }) => {
    const status = effectiveAgreementStatus({ ...row, amendments }, today);
    return { ...row, status, storedStatus: row.status, expiredOn: status === "EXPIRED" ? effectiveExpiry({ expiresOn: row.expiresOn, amendments }) : null };
  });
}

/** One agreement (nested in another record's page) with its status replaced by the effective one. */
export function applyEffectiveStatus<T extends StatusInput>(a: T, today: Date): T {
  return { ...a, status: effectiveAgreementStatus(a, today) };
}

/** In force by its stored status, but its expiry (and every renewal's) is before today. */
function lapsedWhere(today: Date): Prisma.AgreementWhereInput {
  return {
    status: { in: IN_FORCE },
    expiresOn: { lt: today },
    NOT: { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: { gte: today } } } },
  };
}

/** Agreements whose effective status is `status` (the list's status filter). */
export function effectiveStatusWhere(status: AgreementStatus, today: Date): Prisma.AgreementWhereInput {
  if (status === "EXPIRED") return { OR: [{ status: "EXPIRED" }, lapsedWhere(today)] };
  if (IN_FORCE.includes(status)) return { AND: [{ status }, { NOT: lapsedWhere(today) }] };
  return { status };
}

/** Live agreements that expired (by status or by date) within the last `days` days (the dashboard panel and its list). */
export function expiredRecentlyWhere(days: number, today: Date): Prisma.AgreementWhereInput {
  const within = { gte: new Date(today.getTime() - days * 86_400_000), lt: today };
  return {
    AND: [
      { archivedAt: null },
      effectiveStatusWhere("EXPIRED", today),
      { OR: [{ expiresOn: within }, { amendments: { some: { ...RENEWING_AMENDMENT, expiresOn: within } } }] },
    ],
  };
}

/** expiredRecentlyWhere in SQL, for the dashboard's one-statement counts; `x` is the agreement's alias. */
export function expiredRecentlySql(days: number, today: Date): Prisma.Sql {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const since = day(new Date(today.getTime() - days * 86_400_000));
  const renewals = (cond: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "Agreement" m WHERE m."parentId" = x.id AND m."archivedAt" IS NULL AND m.status IN ('SIGNED', 'ACTIVE') AND ${cond})`;
  return Prisma.sql`x."archivedAt" IS NULL
    AND (x.status = 'EXPIRED' OR (x.status IN ('SIGNED', 'ACTIVE') AND x."expiresOn" < ${day(today)}::date
      AND NOT ${renewals(Prisma.sql`m."expiresOn" >= ${day(today)}::date`)}))
    AND ((x."expiresOn" >= ${since}::date AND x."expiresOn" < ${day(today)}::date)
      OR ${renewals(Prisma.sql`m."expiresOn" >= ${since}::date AND m."expiresOn" < ${day(today)}::date`)})`;
}

/** Today as a calendar date (UTC midnight), the way dates are stored. */
export function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function orderBy(query: ListQuery): Prisma.AgreementOrderByWithRelationInput[] {
  const dir = query.dir;
  const nulls = { sort: dir, nulls: "last" as const };
  switch (query.sort) {
    case "title":
      return [{ title: dir }, { id: "asc" }];
    case "type":
      return [{ type: dir }, { title: "asc" }, { id: "asc" }];
    case "status":
      return [{ status: dir }, { title: "asc" }, { id: "asc" }];
    case "expiresOn":
      return [{ expiresOn: nulls }, { title: "asc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { title: dir } }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ signedOn: nulls }, { title: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  title: true,
  lang: true,
  translations: true,
  type: true,
  ...EFFECTIVE_STATUS_SELECT,
  reference: true,
  signedOn: true,
  signedPrecision: true,
  value: true,
  currency: true,
  archivedAt: true,
  programme: { select: { code: true, title: true, lang: true, translations: true, countries: { select: { country: { select: { code: true, nameEn: true } } } } } },
  parties: { select: { role: true, organisation: { select: { shortName: true } } } },
} satisfies Prisma.AgreementSelect;

export type AgreementRow = ReturnType<typeof withEffectiveStatus<Prisma.AgreementGetPayload<{ select: typeof listSelect }>>>[number];

export async function listAgreements(scope: Scope, query: ListQuery<AgreementFilter>, all = false) {
  const w = where(scope, query);
  const [stored, total] = await Promise.all([
    prisma.agreement.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.agreement.count({ where: w }),
  ]);
  return { rows: withEffectiveStatus(stored, startOfToday()), total };
}

const detailInclude = {
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
  parent: { select: { id: true, title: true, lang: true, translations: true } },
  amendments: { orderBy: { signedOn: "asc" }, select: { id: true, title: true, lang: true, translations: true, status: true, signedOn: true, signedPrecision: true, expiresOn: true, archivedAt: true } },
  parties: { include: { organisation: { select: { id: true, shortName: true, fullName: true, lang: true, translations: true } } } },
  activities: {
    include: { activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, status: true, actualStart: true, plannedStart: true, datePrecision: true, archivedAt: true } } },
  },
  deliverables: { orderBy: { dueDate: "asc" }, select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, archivedAt: true } },
  indicators: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
  documents: { where: { archivedAt: null }, select: { id: true, title: true, lang: true, translations: true, originalName: true, categoryCode: true, shareable: true } },
} satisfies Prisma.AgreementInclude;

export type AgreementDetail = Prisma.AgreementGetPayload<{ include: typeof detailInclude }> & {
  /** The status today (see effectiveAgreementStatus); `status` stays the stored one, for the form. */
  effectiveStatus: AgreementStatus;
  expiredOn: Date | null;
};

export async function getAgreement(scope: Scope, id: string, now = new Date()): Promise<AgreementDetail | null> {
  const stored = await prisma.agreement.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "agreement")] }, include: detailInclude });
  if (!stored) return null;
  const renewals = stored.amendments.filter((m) => !m.archivedAt && IN_FORCE.includes(m.status));
  const [effective] = withEffectiveStatus([{ status: stored.status, expiresOn: stored.expiresOn, amendments: renewals }], startOfToday(now));
  const agreement: AgreementDetail = { ...stored, effectiveStatus: effective!.status, expiredOn: effective!.expiredOn };
  if (scope.kind !== "staff") {
    // Partners and donors see only what is not archived, and only shareable documents.
    agreement.amendments = agreement.amendments.filter((a) => !a.archivedAt);
    agreement.activities = agreement.activities.filter((a) => !a.activity.archivedAt);
    agreement.deliverables = agreement.deliverables.filter((d) => !d.archivedAt);
    agreement.documents = agreement.documents.filter((d) => d.shareable);
  }
  return agreement;
}

export async function requireAgreement(scope: Scope, id: string): Promise<AgreementDetail> {
  const agreement = await getAgreement(scope, id);
  if (!agreement) throw notFoundError("Agreement not found");
  return agreement;
}

/** What the agreement form offers to choose from. */
export async function agreementFormOptions(scope: Scope, locale: Locale, excludeId?: string) {
  const [programmes, organisations, parents] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, code: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true, lang: true, translations: true }, orderBy: { shortName: "asc" } }),
    prisma.agreement.findMany({
      where: { AND: [programmeChildWhere(scope, "agreement"), { archivedAt: null, type: { not: "AMENDMENT" } }, excludeId ? { id: { not: excludeId } } : {}] },
      select: { id: true, title: true, lang: true, translations: true, programme: { select: { code: true } } },
      orderBy: { title: "asc" },
    }),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return readerView({ programmes, organisations, parents }, locale);
}

function columns(data: AgreementForm) {
  return {
    programmeId: data.programmeId,
    parentId: data.parentId ?? null,
    type: data.type,
    title: data.title,
    reference: data.reference ?? null,
    description: data.description ?? null,
    status: data.status,
    signedOn: data.signedOn ?? null,
    signedPrecision: data.signedPrecision,
    effectiveOn: data.effectiveOn ?? null,
    expiresOn: data.expiresOn ?? null,
    value: data.value ?? null,
    currency: data.currency ?? null,
  };
}


function partiesText(parties: { organisationId: string; role: string }[]) {
  return parties.map((p) => `${p.organisationId}:${p.role}`).sort();
}

/** Checks the references a form makes: they must exist, be active, and an amendment's parent must be in the same programme. */
async function checkReferences(data: AgreementForm, selfId?: string) {
  const programme = await prisma.programme.findFirst({ where: { id: data.programmeId, archivedAt: null } });
  if (!programme) throw new DomainError("invalid", message("agreements.error.activeProgramme"), { field: "programmeId" });
  if (data.parentId) {
    if (data.parentId === selfId) throw new DomainError("invalid", message("agreements.error.amendsItself"), { field: "parentId" });
    const parent = await prisma.agreement.findFirst({ where: { id: data.parentId, archivedAt: null } });
    if (!parent) throw new DomainError("invalid", message("agreements.error.parentMissing"), { field: "parentId" });
    if (parent.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("agreements.error.parentProgramme"), { field: "parentId" });
    }
  }
  const orgIds = [...new Set(data.parties.map((p) => p.organisationId))];
  if (orgIds.length) {
    const found = await prisma.organisation.count({ where: { id: { in: orgIds } } });
    if (found !== orgIds.length) throw new DomainError("invalid", message("agreements.error.chooseOrganisations"), { field: "parties" });
  }
}

export async function createAgreement(ctx: Ctx, data: AgreementForm) {
  assertStaff(ctx);
  await checkReferences(data);
  return prisma.$transaction(async (tx) => {
    const created = await tx.agreement.create({
      data: {
        ...columns(data),
        translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject,
        parties: { create: data.parties.map((p) => ({ organisationId: p.organisationId, role: p.role })) },
      },
    });
    await auditChange(tx, ctx, {
      action: "create",
      entityType: "Agreement",
      entityId: created.id,
      changes: { ...snapshot(created, FIELDS.filter((f) => f !== "parties")), parties: partiesText(data.parties) },
      version: created.version,
    });
    return created;
  });
}

export async function updateAgreement(ctx: Ctx, id: string, version: number, data: AgreementForm) {
  assertStaff(ctx);
  await checkReferences(data, id);
  return prisma.$transaction(async (tx) => {
    const before = await tx.agreement.findUnique({ where: { id }, include: { parties: true } });
    if (!before) throw notFoundError("Agreement not found");
    const next = columns(data);
    // Translations: the form's languages replaced, any other language kept.
    const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
    const updated = await tx.agreement.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
    if (updated.count === 0) return conflictSince(tx, "Agreement", id, version, before);
    await tx.agreementParty.deleteMany({ where: { agreementId: id } });
    await tx.agreementParty.createMany({ data: data.parties.map((p) => ({ agreementId: id, organisationId: p.organisationId, role: p.role })) });
    const changes = diffFields(
      { ...before, parties: partiesText(before.parties) },
      { ...before, ...next, parties: partiesText(data.parties) },
      [...FIELDS],
    );
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
      changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
    }
    await auditChange(tx, ctx, { action: "update", entityType: "Agreement", entityId: id, changes, version: version + 1 });
    return { id, changed: Object.keys(changes) };
  });
}

export async function setAgreementArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Agreement",
    id,
    archived,
    find: (tx) => tx.agreement.findUnique({ where: { id } }),
    update: (tx, data) => tx.agreement.update({ where: { id }, data }),
  });
}

/** Deletes an agreement nothing depends on; otherwise names what depends on it. */
export async function deleteAgreement(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const agreement = await tx.agreement.findUnique({
      where: { id },
      include: {
        amendments: { select: { title: true } },
        activities: { select: { activity: { select: { title: true } } } },
        deliverables: { select: { title: true } },
        indicators: { select: { title: true } },
        documents: { select: { title: true } },
        parties: true,
      },
    });
    if (!agreement) throw notFoundError("Agreement not found");
    const dependents = [
      ...agreement.amendments.map((a) => ({ type: "amendment", title: a.title })),
      ...agreement.activities.map((a) => ({ type: "activity", title: a.activity.title })),
      ...agreement.deliverables.map((d) => ({ type: "deliverable", title: d.title })),
      ...agreement.indicators.map((i) => ({ type: "indicator", title: i.title })),
      ...agreement.documents.map((d) => ({ type: "document", title: d.title })),
    ];
    if (dependents.length) throw new DependentsError(dependents);
    await tx.agreement.delete({ where: { id } });
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: "Agreement",
      entityId: id,
      changes: { ...snapshot(agreement, FIELDS.filter((f) => f !== "parties")), parties: partiesText(agreement.parties) },
    });
  });
}
