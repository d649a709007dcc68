import { Prisma, type AgreementStatus } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import { AGREEMENT_FIELD_LABELS, AGREEMENT_STATUSES, AGREEMENT_TYPES, type AgreementForm } from "~/schemas/agreement";

export { AGREEMENT_FIELD_LABELS };
import { prisma, type Tx } from "~/utils/db.server";
import { toDateInput } from "~/utils/format";
import { DependentsError, DomainError, notFoundError } from "~/utils/errors.server";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, type Actor, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { readerView } from "~/i18n/narrative";
import { EFFECTIVE_STATUS_SELECT, effectiveStatusWhere, expiredRecentlyAgreement, expiringAgreement, IN_FORCE, startOfToday, withEffectiveStatus } from "./agreement-rules.server";

// The effective status and the agreements' shared rules live in
// agreement-rules.server.ts; re-exported for the pages that read agreements.
export {
  applyEffectiveStatus,
  EFFECTIVE_STATUS_SELECT,
  effectiveAgreementStatus,
  effectiveExpiry,
  effectiveStatusWhere,
  startOfToday,
  withEffectiveStatus,
} from "./agreement-rules.server";

export const AGREEMENT_LIST = {
  sorts: ["title", "type", "status", "signedOn", "expiresOn", "programme"],
  defaultSort: "signedOn",
  defaultDir: "desc",
  filters: ["programme", "country", "type", "status", "from", "to", "organisation", "expiring", "expired"],
  choices: { type: [...AGREEMENT_TYPES], status: [...AGREEMENT_STATUSES] },
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
  if (f.expiring) and.push(expiringAgreement.where(startOfToday(), Math.min(Math.max(Number.parseInt(f.expiring, 10) || 90, 1), 3650)));
  if (f.expired) and.push(expiredRecentlyAgreement.where(startOfToday(), Math.min(Math.max(Number.parseInt(f.expired, 10) || 90, 1), 3650)));
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ signedOn: { gte: from } });
  if (to) and.push({ signedOn: { lte: to } });
  return { AND: and };
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

// What agreementFormDefaults reads.
const formSelect = {
  id: true, version: true, programmeId: true, parentId: true, type: true, title: true, reference: true, description: true, translations: true,
  status: true, signedOn: true, signedPrecision: true, effectiveOn: true, expiresOn: true, value: true, currency: true,
  parties: { select: { organisationId: true, role: true } },
} satisfies Prisma.AgreementSelect;

type AgreementFormSource = Prisma.AgreementGetPayload<{ select: typeof formSelect }>;

/** The agreement as its edit form holds it (strings, as the fields do): the edit page's defaults and the spreadsheet import's. */
export function agreementFormDefaults(a: AgreementFormSource) {
  return {
    version: String(a.version),
    programmeId: a.programmeId,
    parentId: a.parentId ?? "",
    type: a.type,
    title: a.title,
    reference: a.reference ?? "",
    description: a.description ?? "",
    translations: narrativeDefaults(a.translations),
    status: a.status,
    signedOn: toDateInput(a.signedOn),
    signedPrecision: a.signedPrecision,
    effectiveOn: toDateInput(a.effectiveOn),
    expiresOn: toDateInput(a.expiresOn),
    value: a.value?.toString() ?? "",
    currency: a.currency ?? "",
    parties: a.parties.map((p) => ({ organisationId: p.organisationId, role: p.role })),
  };
}

/**
 * Agreements in the scope by id, as their edit form holds them: the
 * spreadsheet import reads current records in batches with it (ADR 0042).
 */
export async function agreementFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.agreement.findMany({ where: { AND: [{ id: { in: ids } }, programmeChildWhere(scope, "agreement")] }, select: formSelect });
  return rows.map((a) => ({ id: a.id, version: a.version, title: a.title, form: agreementFormDefaults(a) }));
}

/**
 * Agreements in the scope (not archived) of the given programmes whose
 * reference or title is one of the given ones (any case), oldest first: the
 * spreadsheet import's natural key (programme + reference, else programme +
 * title) is matched among them.
 */
export async function agreementsByReferencesOrTitles(scope: Scope, programmeIds: string[], references: string[], titles: string[]) {
  return prisma.agreement.findMany({
    where: {
      AND: [
        { programmeId: { in: programmeIds }, archivedAt: null },
        { OR: [{ reference: { in: references, mode: "insensitive" } }, { title: { in: titles, mode: "insensitive" } }] },
        programmeChildWhere(scope, "agreement"),
      ],
    },
    select: { id: true, programmeId: true, reference: true, title: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
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
async function checkReferences(db: Tx, data: AgreementForm, selfId?: string) {
  const programme = await db.programme.findFirst({ where: { id: data.programmeId, archivedAt: null } });
  if (!programme) throw new DomainError("invalid", message("agreements.error.activeProgramme"), { field: "programmeId" });
  if (data.parentId) {
    if (data.parentId === selfId) throw new DomainError("invalid", message("agreements.error.amendsItself"), { field: "parentId" });
    const parent = await db.agreement.findFirst({ where: { id: data.parentId, archivedAt: null } });
    if (!parent) throw new DomainError("invalid", message("agreements.error.parentMissing"), { field: "parentId" });
    if (parent.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("agreements.error.parentProgramme"), { field: "parentId" });
    }
  }
  const orgIds = [...new Set(data.parties.map((p) => p.organisationId))];
  if (orgIds.length) {
    const found = await db.organisation.count({ where: { id: { in: orgIds } } });
    if (found !== orgIds.length) throw new DomainError("invalid", message("agreements.error.chooseOrganisations"), { field: "parties" });
  }
}

export async function createAgreement(ctx: Ctx, data: AgreementForm) {
  assertStaff(ctx);
  await checkReferences(prisma, data);
  return prisma.$transaction((tx) => createAgreementIn(tx, ctx, data, { checked: true }));
}

/**
 * createAgreement inside the caller's transaction (the spreadsheet import
 * applies many agreements all or nothing, ADR 0042). `checked`: the
 * references were already checked outside the transaction.
 */
export async function createAgreementIn(tx: Tx, ctx: Ctx, data: AgreementForm, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkReferences(tx, data);
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
}

export async function updateAgreement(ctx: Ctx, id: string, version: number, data: AgreementForm) {
  assertStaff(ctx);
  await checkReferences(prisma, data, id);
  return prisma.$transaction((tx) => updateAgreementIn(tx, ctx, id, version, data, { checked: true }));
}

/** updateAgreement inside the caller's transaction (see createAgreementIn). */
export async function updateAgreementIn(tx: Tx, ctx: Ctx, id: string, version: number, data: AgreementForm, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkReferences(tx, data, id);
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
