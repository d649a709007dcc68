import { Prisma } from "@prisma/client";
import { programmeChildWhere, programmeWhere, type Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import type { OrganisationForm } from "~/schemas/organisation";
import { prisma, type Tx } from "~/utils/db.server";
import { DependentsError, DomainError, uniqueViolationFields, notFoundError } from "~/utils/errors.server";
import { formatMoney } from "~/utils/format";
import { type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { applyEffectiveStatus, EFFECTIVE_STATUS_SELECT, startOfToday } from "./agreement.server";
import { enums as englishNames } from "~/i18n/messages/en/enums";

// Organisations (funders, ministries, institutes) for staff: list, record
// page with everything linked to them, and writes.

export const ORGANISATION_FIELD_LABELS = englishNames.organisationField;

export const ORGANISATION_LIST = {
  sorts: ["shortName", "fullName", "country", "type"],
  defaultSort: "shortName",
  defaultDir: "asc",
  filters: ["country", "type"],
} as const satisfies ListSpec<string>;

export type OrganisationFilter = (typeof ORGANISATION_LIST.filters)[number];

const FIELDS = ["shortName", "fullName", "countryCode", "iatiTypeCode", "iatiRef", "description"] as const;
// The texts kept in other languages (IATI narratives): the full name; the short name stays as it is.
const TRANSLATED = ["fullName"] as const;


function where(query: ListQuery<OrganisationFilter>): Prisma.OrganisationWhereInput {
  const f = query.filters;
  const and: Prisma.OrganisationWhereInput[] = [{ archivedAt: query.archived ? { not: null } : null }];
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { shortName: contains },
        { fullName: contains },
        { description: contains },
        { iatiRef: contains },
        { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } },
      ],
    });
  }
  if (f.country) and.push({ countryCode: f.country.toUpperCase() });
  if (f.type) and.push({ iatiTypeCode: f.type });
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.OrganisationOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "fullName":
      return [{ fullName: dir }, { shortName: "asc" }, { id: "asc" }];
    case "country":
      return [{ country: { nameEn: dir } }, { shortName: "asc" }, { id: "asc" }];
    case "type":
      return [{ iatiTypeCode: dir }, { shortName: "asc" }, { id: "asc" }];
    default:
      return [{ shortName: dir }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  shortName: true,
  fullName: true,
  lang: true,
  translations: true,
  iatiTypeCode: true,
  iatiRef: true,
  archivedAt: true,
  country: { select: { code: true, nameEn: true } },
  _count: { select: { programmeRoles: true, agreementParties: true, activityRoles: true } },
} satisfies Prisma.OrganisationSelect;

export type OrganisationRow = Prisma.OrganisationGetPayload<{ select: typeof listSelect }>;

/** Organisations are shared reference data: staff see them all (the routes require staff). */
export async function listOrganisations(query: ListQuery<OrganisationFilter>, all = false): Promise<{ rows: OrganisationRow[]; total: number }> {
  const w = where(query);
  const [rows, total] = await Promise.all([
    prisma.organisation.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.organisation.count({ where: w }),
  ]);
  return { rows, total };
}

/** Countries that organisations are in, for the list's filter. */
export async function organisationCountryOptions() {
  const rows = await prisma.country.findMany({
    where: { organisations: { some: {} } },
    select: { code: true, nameEn: true },
    orderBy: { nameEn: "asc" },
  });
  return rows.map((c) => ({ value: c.code, label: c.nameEn }));
}

function detailInclude(scope: Scope) {
  return {
    country: { select: { code: true, nameEn: true, nameRu: true, nameKo: true } },
    programmeRoles: {
      where: { programme: programmeWhere(scope) },
      include: { programme: { select: { id: true, code: true, title: true, lang: true, translations: true, status: true, archivedAt: true } } },
      orderBy: [{ programme: { title: "asc" } }, { role: "asc" }],
    },
    agreementParties: {
      where: { agreement: programmeChildWhere(scope, "agreement") },
      include: { agreement: { select: { id: true, title: true, lang: true, translations: true, type: true, ...EFFECTIVE_STATUS_SELECT, signedOn: true, signedPrecision: true, archivedAt: true, programme: { select: { code: true } } } } },
      orderBy: { agreement: { title: "asc" } },
    },
    activityRoles: {
      where: { activity: programmeChildWhere(scope, "activity") },
      include: { activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, status: true, plannedStart: true, actualStart: true, datePrecision: true, archivedAt: true } } },
      orderBy: { activity: { title: "asc" } },
    },
    participantGroups: {
      where: { activity: programmeChildWhere(scope, "activity") },
      select: { id: true, total: true, activity: { select: { id: true, title: true, lang: true, translations: true, kind: true, status: true, plannedStart: true, actualStart: true, datePrecision: true, archivedAt: true } } },
    },
    deliverables: {
      where: programmeChildWhere(scope, "deliverable"),
      select: { id: true, title: true, lang: true, translations: true, status: true, dueDate: true, archivedAt: true, programme: { select: { code: true } } },
      orderBy: [{ dueDate: "asc" }, { title: "asc" }],
    },
    outcomes: {
      where: { activity: programmeChildWhere(scope, "activity") },
      select: { id: true, text: true, lang: true, translations: true, type: true, followUpStatus: true, dueDate: true, archivedAt: true, activity: { select: { id: true, title: true, lang: true, translations: true } } },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    },
    fundingProvided: {
      where: programmeChildWhere(scope, "funding"),
      select: { id: true, kind: true, amount: true, currency: true, fiscalYear: true, valueDate: true, archivedAt: true, programme: { select: { code: true, title: true, lang: true, translations: true } } },
      orderBy: { valueDate: "asc" },
    },
    fundingReceived: {
      where: programmeChildWhere(scope, "funding"),
      select: { id: true, kind: true, amount: true, currency: true, fiscalYear: true, valueDate: true, archivedAt: true, programme: { select: { code: true, title: true, lang: true, translations: true } } },
      orderBy: { valueDate: "asc" },
    },
    _count: { select: { donorUsers: true } },
  } satisfies Prisma.OrganisationInclude;
}

export type OrganisationDetail = Prisma.OrganisationGetPayload<{ include: ReturnType<typeof detailInclude> }>;

export async function getOrganisation(scope: Scope, id: string): Promise<OrganisationDetail | null> {
  const organisation = await prisma.organisation.findUnique({ where: { id }, include: detailInclude(scope) });
  if (!organisation) return null;
  const today = startOfToday();
  return { ...organisation, agreementParties: organisation.agreementParties.map((p) => ({ ...p, agreement: applyEffectiveStatus(p.agreement, today) })) };
}

export async function requireOrganisation(scope: Scope, id: string): Promise<OrganisationDetail> {
  const organisation = await getOrganisation(scope, id);
  if (!organisation) throw notFoundError("Organisation not found");
  return organisation;
}

export function organisationFormDefaults(o: {
  version: number;
  shortName: string;
  fullName: string;
  countryCode: string | null;
  iatiTypeCode: string;
  iatiRef: string | null;
  description: string | null;
  translations: unknown;
}) {
  return {
    version: String(o.version),
    shortName: o.shortName,
    fullName: o.fullName,
    countryCode: o.countryCode ?? "",
    iatiTypeCode: o.iatiTypeCode,
    iatiRef: o.iatiRef ?? "",
    description: o.description ?? "",
    translations: narrativeDefaults(o.translations, TRANSLATED),
  };
}

function columns(data: OrganisationForm) {
  return {
    shortName: data.shortName,
    fullName: data.fullName,
    countryCode: data.countryCode ?? null,
    iatiTypeCode: data.iatiTypeCode,
    iatiRef: data.iatiRef ?? null,
    description: data.description ?? null,
  };
}

function duplicateShortName(shortName: string) {
  return new DomainError("invalid", message("organisations.error.duplicateShortName", { shortName }), { field: "shortName" });
}

async function checkOrganisation(data: OrganisationForm, selfId?: string, db: Tx = prisma) {
  const notSelf = selfId ? { id: { not: selfId } } : {};
  // Compared case-insensitively, so "HIRA" and "Hira" cannot both exist.
  if (await db.organisation.findFirst({ where: { ...notSelf, shortName: { equals: data.shortName, mode: "insensitive" } }, select: { id: true } })) {
    throw duplicateShortName(data.shortName);
  }
  if (data.iatiRef) {
    const other = await db.organisation.findFirst({ where: { ...notSelf, iatiRef: { equals: data.iatiRef, mode: "insensitive" } }, select: { shortName: true } });
    if (other) throw new DomainError("invalid", message("organisations.error.duplicateIatiRef", { shortName: other.shortName, iatiRef: data.iatiRef }), { field: "iatiRef" });
  }
  if (data.countryCode && !(await db.country.findUnique({ where: { code: data.countryCode }, select: { code: true } }))) {
    throw new DomainError("invalid", message("organisations.error.chooseCountry"), { field: "countryCode" });
  }
  // An organisation's identifier no longer takes part in programme identifiers
  // (they are minted under the publisher's, issue 17), so changing it clashes with none.
}

function asDuplicateError(error: unknown, data: OrganisationForm): unknown {
  const fields = uniqueViolationFields(error);
  return fields && fields.some((f) => /shortName|short_name/i.test(f)) ? duplicateShortName(data.shortName) : error;
}

export async function createOrganisation(ctx: Ctx, data: OrganisationForm) {
  assertStaff(ctx);
  await checkOrganisation(data);
  try {
    return await prisma.$transaction((tx) => writeNewOrganisation(tx, ctx, data));
  } catch (error) {
    throw asDuplicateError(error, data);
  }
}

/**
 * createOrganisation inside the caller's transaction (the spreadsheet import,
 * ADR 0042): the checks run in it too, so rows created earlier in the same
 * import count.
 */
export async function createOrganisationIn(tx: Tx, ctx: Ctx, data: OrganisationForm) {
  assertStaff(ctx);
  await checkOrganisation(data, undefined, tx);
  return writeNewOrganisation(tx, ctx, data);
}

async function writeNewOrganisation(tx: Tx, ctx: Ctx, data: OrganisationForm) {
  const created = await tx.organisation.create({
    data: { ...columns(data), translations: mergeNarratives({}, data.translations, TRANSLATED) as Prisma.InputJsonObject },
  });
  await auditChange(tx, ctx, {
    action: "create",
    entityType: "Organisation",
    entityId: created.id,
    changes: snapshot(created, [...FIELDS]),
    version: created.version,
  });
  return created;
}

export async function updateOrganisation(ctx: Ctx, id: string, version: number, data: OrganisationForm) {
  assertStaff(ctx);
  await checkOrganisation(data, id);
  try {
    return await prisma.$transaction((tx) => writeOrganisationUpdate(tx, ctx, id, version, data));
  } catch (error) {
    throw asDuplicateError(error, data);
  }
}

/** updateOrganisation inside the caller's transaction (see createOrganisationIn). */
export async function updateOrganisationIn(tx: Tx, ctx: Ctx, id: string, version: number, data: OrganisationForm) {
  assertStaff(ctx);
  await checkOrganisation(data, id, tx);
  return writeOrganisationUpdate(tx, ctx, id, version, data);
}

async function writeOrganisationUpdate(tx: Tx, ctx: Ctx, id: string, version: number, data: OrganisationForm) {
  const before = await tx.organisation.findUnique({ where: { id } });
  if (!before) throw notFoundError("Organisation not found");
  const next = columns(data);
  // Translations: the form's languages replaced, any other language kept.
  const translations = mergeNarratives(before.translations, data.translations, TRANSLATED) as Prisma.InputJsonObject;
  const updated = await tx.organisation.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
  if (updated.count === 0) return conflictSince(tx, "Organisation", id, version, before);
  const changes = diffFields(before, { ...before, ...next }, [...FIELDS]);
  if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
    changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
  }
  await auditChange(tx, ctx, { action: "update", entityType: "Organisation", entityId: id, changes, version: version + 1 });
  return { id, changed: Object.keys(changes) };
}

const formSelect = {
  id: true, version: true, shortName: true, fullName: true, countryCode: true, iatiTypeCode: true, iatiRef: true, description: true, translations: true,
} satisfies Prisma.OrganisationSelect;

/**
 * Organisations by id as their edit form holds them (the spreadsheet import's
 * batch read, ADR 0042). Organisations are shared reference data: staff see
 * them all, and only staff import.
 */
export async function organisationFormsByIds(ids: string[]) {
  const rows = await prisma.organisation.findMany({ where: { id: { in: ids } }, select: formSelect });
  return rows.map((o) => ({ id: o.id, version: o.version, label: o.shortName, form: organisationFormDefaults(o) }));
}

/** Organisations whose IATI identifier or short name is one of these (any case): the import's natural key. */
export async function organisationsByKeys(iatiRefs: string[], shortNames: string[]) {
  return prisma.organisation.findMany({
    where: { OR: [{ iatiRef: { in: iatiRefs, mode: "insensitive" } }, { shortName: { in: shortNames, mode: "insensitive" } }] },
    select: { id: true, iatiRef: true, shortName: true },
  });
}

export async function setOrganisationArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Organisation",
    id,
    archived,
    find: (tx) => tx.organisation.findUnique({ where: { id } }),
    update: (tx, data) => tx.organisation.update({ where: { id }, data }),
  });
}

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Deletes an organisation nothing refers to; otherwise names what does. */
export async function deleteOrganisation(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const o = await tx.organisation.findUnique({
      where: { id },
      include: {
        programmeRoles: { select: { role: true, programme: { select: { title: true } } } },
        agreementParties: { select: { agreement: { select: { title: true } } } },
        activityRoles: { select: { activity: { select: { title: true } } } },
        participantGroups: { select: { activity: { select: { title: true } } } },
        deliverables: { select: { title: true } },
        outcomes: { select: { text: true } },
        fundingProvided: { select: { kind: true, amount: true, currency: true, programme: { select: { title: true } } } },
        fundingReceived: { select: { kind: true, amount: true, currency: true, programme: { select: { title: true } } } },
        donorUsers: { select: { user: { select: { email: true } } } },
      },
    });
    if (!o) throw notFoundError("Organisation not found");
    const unique = <T>(items: T[]) => [...new Map(items.map((i) => [JSON.stringify(i), i])).values()];
    const funding = (f: { amount: Prisma.Decimal; currency: string; programme: { title: string } }) =>
      `${formatMoney(f.amount.toString(), f.currency)} in ${f.programme.title}`;
    const dependents = unique([
      ...o.programmeRoles.map((r) => ({ type: "programme", title: r.programme.title })),
      ...o.agreementParties.map((p) => ({ type: "agreement", title: p.agreement.title })),
      ...o.activityRoles.map((a) => ({ type: "activity", title: a.activity.title })),
      ...o.participantGroups.map((g) => ({ type: "activity", title: g.activity.title })),
      ...o.deliverables.map((d) => ({ type: "deliverable", title: d.title })),
      ...o.outcomes.map((x) => ({ type: "outcome", title: shorten(x.text) })),
      ...o.fundingProvided.map((f) => ({ type: "funding line", title: funding(f) })),
      ...o.fundingReceived.map((f) => ({ type: "funding line", title: funding(f) })),
      ...o.donorUsers.map((u) => ({ type: "donor account", title: u.user.email })),
    ]);
    if (dependents.length) throw new DependentsError(dependents);
    await tx.organisation.delete({ where: { id } });
    await auditChange(tx, ctx, { action: "delete", entityType: "Organisation", entityId: id, changes: snapshot(o, [...FIELDS]) });
  });
}

// ---------------------------------------------------------------------------
// Organisations without an IATI identifier (issue 17): IATI files name them
// without @ref, so nothing links them to their own publications.

const withoutIatiRef = { archivedAt: null, OR: [{ iatiRef: null }, { iatiRef: "" }] } satisfies Prisma.OrganisationWhereInput;

export async function countOrganisationsWithoutIatiRef(): Promise<number> {
  return prisma.organisation.count({ where: withoutIatiRef });
}

/**
 * Active organisations without an IATI identifier, those in most programme
 * roles first (they appear in the most IATI activities), for the admin's work list.
 */
export async function listOrganisationsWithoutIatiRef() {
  const rows = await prisma.organisation.findMany({
    where: withoutIatiRef,
    select: {
      id: true,
      shortName: true,
      fullName: true,
      countryCode: true,
      iatiTypeCode: true,
      _count: { select: { programmeRoles: true, agreementParties: true, activityRoles: true } },
    },
    orderBy: [{ shortName: "asc" }, { id: "asc" }],
  });
  return rows
    .map((o) => ({ ...o, roles: o._count.programmeRoles + o._count.agreementParties + o._count.activityRoles }))
    .sort((a, b) => b.roles - a.roles || a.shortName.localeCompare(b.shortName));
}
