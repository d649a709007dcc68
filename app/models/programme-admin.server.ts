import { Prisma } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import type { ProgrammeForm } from "~/schemas/programme";
import { prisma, type Tx } from "~/utils/db.server";
import { DependentsError, DomainError, uniqueViolationFields, notFoundError } from "~/utils/errors.server";
import { formatMoney } from "~/utils/format";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { filterDate, searchContains, type ListQuery, type ListSpec } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { countryOptions } from "./reference.server";
import { readerView } from "~/i18n/narrative";
import { mintProgrammeIdentifier, publishedProgrammeIdentifier } from "./iati-identifier.server";
import { getPublisher } from "./publisher.server";
import { type ProgrammeFacts, withProgrammeFacts } from "./programme.server";
import { enums as englishNames } from "~/i18n/messages/en/enums";

// Staff writes on programmes and the staff programme list. Reads for the
// programme page and the home pages are in programme.server.ts.

export const PROGRAMME_FIELD_LABELS = englishNames.programmeField;

export const PROGRAMME_LIST = {
  sorts: ["title", "code", "status", "start", "budget"],
  defaultSort: "title",
  defaultDir: "asc",
  filters: ["country", "status", "organisation", "from", "to"],
  choices: { status: Object.keys(englishNames.programmeStatus) },
} as const satisfies ListSpec<string>;

export type ProgrammeFilter = (typeof PROGRAMME_LIST.filters)[number];

// Fields an edit may change, in the order the history shows them.
const FIELDS = [
  "code", "title", "status", "description", "objectives", "plannedStart", "plannedEnd", "actualStart", "actualEnd",
  "budgetAmount", "budgetCurrency", "iatiIdentifier", "sourceNote",
  "iatiAidType", "iatiFlowType", "iatiFinanceType", "iatiTiedStatus", "iatiCollaborationType",
] as const;
const LIST_FIELDS = ["organisations", "countries", "sectors"] as const;


function where(scope: Scope, query: ListQuery<ProgrammeFilter>): Prisma.ProgrammeWhereInput {
  const f = query.filters;
  const and: Prisma.ProgrammeWhereInput[] = [programmeWhere(scope)];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { title: contains },
        { code: contains },
        { description: contains },
        { iatiIdentifier: contains },
        { organisations: { some: { organisation: { OR: [{ shortName: contains }, { fullName: contains }] } } } },
        { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } },
      ],
    });
  }
  if (f.country) and.push({ countries: { some: { countryCode: f.country.toUpperCase() } } });
  if (f.status) and.push({ status: f.status as Prisma.EnumProgrammeStatusFilter["equals"] });
  if (f.organisation) and.push({ organisations: { some: { organisationId: f.organisation } } });
  // A programme is in the period when its planned or its actual start falls in it.
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from || to) {
    const range = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
    and.push({ OR: [{ plannedStart: range }, { actualStart: range }] });
  }
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.ProgrammeOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "code":
      return [{ code: dir }, { id: "asc" }];
    case "status":
      return [{ status: dir }, { title: "asc" }, { id: "asc" }];
    case "budget":
      // Amounts only compare within a currency: group by currency, then by amount.
      return [{ budgetCurrency: { sort: "asc", nulls: "last" } }, { budgetAmount: { sort: dir, nulls: "last" } }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ title: dir }, { code: "asc" }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  code: true,
  title: true,
  // The title in the reader's language, where the programme has it.
  lang: true,
  translations: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  archivedAt: true,
  countries: { select: { country: { select: { code: true, nameEn: true } } }, orderBy: { country: { nameEn: "asc" } } },
  organisations: {
    select: { role: true, organisation: { select: { id: true, shortName: true } } },
    orderBy: [{ role: "asc" }, { organisation: { shortName: "asc" } }],
  },
} satisfies Prisma.ProgrammeSelect;

export type ProgrammeRow = Prisma.ProgrammeGetPayload<{ select: typeof listSelect }> & { facts: ProgrammeFacts };

/** The staff programme list: one page, or every filtered row (`all`, for the CSV). */
export async function listProgrammeRows(scope: Scope, query: ListQuery<ProgrammeFilter>, all = false): Promise<{ rows: ProgrammeRow[]; total: number }> {
  const w = where(scope, query);
  const page: { skip?: number; take?: number } = all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage };
  if (query.sort === "start") {
    // The start shown is the actual start, else the planned one; the database
    // cannot order by that through Prisma, so order the (few) matching ids here.
    const keys = await prisma.programme.findMany({ where: w, select: { id: true, title: true, actualStart: true, plannedStart: true } });
    const sign = query.dir === "asc" ? 1 : -1;
    keys.sort((a, b) => {
      const x = (a.actualStart ?? a.plannedStart)?.getTime();
      const y = (b.actualStart ?? b.plannedStart)?.getTime();
      // Title, then id: a total order, so export batches (offset pages) never swap rows that tie.
      const tie = () => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      if (x === undefined || y === undefined) return x === y ? tie() : x === undefined ? 1 : -1;
      return x === y ? tie() : (x - y) * sign;
    });
    const ids = (all ? keys : keys.slice(page.skip, page.skip! + page.take!)).map((k) => k.id);
    const rows = await prisma.programme.findMany({ where: { id: { in: ids } }, select: listSelect });
    const position = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return { rows: await withProgrammeFacts(rows), total: keys.length };
  }
  const [rows, total] = await Promise.all([
    prisma.programme.findMany({ where: w, select: listSelect, orderBy: orderBy(query), ...page }),
    prisma.programme.count({ where: w }),
  ]);
  return { rows: await withProgrammeFacts(rows), total };
}

const recordInclude = {
  organisations: { include: { organisation: { select: { id: true, shortName: true, fullName: true, archivedAt: true } } } },
  countries: { include: { country: { select: { code: true, nameEn: true } } }, orderBy: { countryCode: "asc" } },
  sectors: { orderBy: [{ percentage: "desc" }, { sectorCode: "asc" }] },
} satisfies Prisma.ProgrammeInclude;

export type ProgrammeRecord = Prisma.ProgrammeGetPayload<{ include: typeof recordInclude }>;

/** The programme with its organisations, countries and sectors, for the edit form. */
export async function getProgrammeRecord(scope: Scope, code: string): Promise<ProgrammeRecord | null> {
  return prisma.programme.findFirst({ where: { AND: [programmeWhere(scope), { code }] }, include: recordInclude });
}

export async function requireProgrammeRecord(scope: Scope, code: string): Promise<ProgrammeRecord> {
  const programme = await getProgrammeRecord(scope, code);
  if (!programme) throw notFoundError("Programme not found");
  return programme;
}

/** What the programme form offers: active organisations (plus archived ones already on the programme) and every country. */
export async function programmeFormOptions(locale: Locale, keepOrganisationIds: string[] = []) {
  const [organisations, countries] = await Promise.all([
    prisma.organisation.findMany({
      where: { OR: [{ archivedAt: null }, { id: { in: keepOrganisationIds } }] },
      select: { id: true, shortName: true, fullName: true, lang: true, translations: true, archivedAt: true },
      orderBy: { shortName: "asc" },
    }),
    countryOptions(),
  ]);
  // Organisations' full names in the reader's language (issue 7, item 3).
  return { organisations: readerView(organisations, locale), countries };
}

/** The form's values for an existing programme (strings, as the inputs hold them). */
export function programmeFormDefaults(p: ProgrammeRecord) {
  const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    version: String(p.version),
    code: p.code,
    title: p.title,
    description: p.description ?? "",
    translations: narrativeDefaults(p.translations),
    objectives: p.objectives ?? "",
    status: p.status,
    plannedStart: date(p.plannedStart),
    plannedEnd: date(p.plannedEnd),
    actualStart: date(p.actualStart),
    actualEnd: date(p.actualEnd),
    budgetAmount: p.budgetAmount?.toString() ?? "",
    budgetCurrency: p.budgetCurrency ?? "",
    iatiIdentifier: p.iatiIdentifier ?? "",
    sourceNote: p.sourceNote ?? "",
    iatiAidType: p.iatiAidType,
    iatiFlowType: p.iatiFlowType,
    iatiFinanceType: p.iatiFinanceType,
    iatiTiedStatus: p.iatiTiedStatus,
    iatiCollaborationType: p.iatiCollaborationType,
    organisations: [...p.organisations]
      .sort((a, b) => a.role.localeCompare(b.role) || a.organisation.shortName.localeCompare(b.organisation.shortName))
      .map((o) => ({ organisationId: o.organisationId, role: o.role })),
    countries: p.countries.map((c) => ({ countryCode: c.countryCode, percentage: c.percentage?.toString() ?? "" })),
    sectors: p.sectors.map((s) => ({ sectorCode: s.sectorCode, percentage: s.percentage.toString() })),
  };
}

/** The Programme columns a programme form sets (also the IATI import's, which passes the same schema). */
export function programmeColumns(data: ProgrammeForm) {
  return {
    code: data.code,
    title: data.title,
    description: data.description ?? null,
    objectives: data.objectives ?? null,
    status: data.status,
    plannedStart: data.plannedStart ?? null,
    plannedEnd: data.plannedEnd ?? null,
    actualStart: data.actualStart ?? null,
    actualEnd: data.actualEnd ?? null,
    // Normalised ("1000.50" -> "1000.5") so the history compares like with like.
    budgetAmount: data.budgetAmount ? new Prisma.Decimal(data.budgetAmount).toString() : null,
    budgetCurrency: data.budgetCurrency ?? null,
    iatiIdentifier: data.iatiIdentifier ?? null,
    sourceNote: data.sourceNote ?? null,
    iatiAidType: data.iatiAidType,
    iatiFlowType: data.iatiFlowType,
    iatiFinanceType: data.iatiFinanceType,
    iatiTiedStatus: data.iatiTiedStatus,
    iatiCollaborationType: data.iatiCollaborationType,
  };
}


// List fields as the audit trail stores them: sorted text.
const organisationsText = (rows: { organisationId: string; role: string }[], names: Map<string, string>) =>
  rows.map((r) => `${names.get(r.organisationId) ?? r.organisationId} (${englishNames.organisationRole[r.role] ?? r.role})`).sort();
const countriesText = (rows: { countryCode: string; percentage?: { toString(): string } | string | null | undefined }[]) =>
  rows.map((r) => (r.percentage !== null && r.percentage !== undefined ? `${r.countryCode} ${r.percentage.toString()}%` : r.countryCode)).sort();
const sectorsText = (rows: { sectorCode: string; percentage: { toString(): string } | string }[]) =>
  rows.map((r) => `${r.sectorCode} ${r.percentage.toString()}%`).sort();

function childRows(programmeId: string, data: ProgrammeForm) {
  return {
    organisations: data.organisations.map((o) => ({ programmeId, organisationId: o.organisationId, role: o.role })),
    countries: data.countries.map((c) => ({ programmeId, countryCode: c.countryCode, percentage: c.percentage ?? null })),
    sectors: data.sectors.map((s) => ({ programmeId, sectorCode: s.sectorCode, percentage: s.percentage })),
  };
}

function duplicateCode(code: string) {
  return new DomainError("invalid", message("programmeEdit.error.duplicateCode", { code }), { field: "code" });
}
function duplicateIatiIdentifier(identifier: string) {
  return new DomainError("invalid", message("programmeEdit.error.duplicateIati", { identifier }), { field: "iatiIdentifier" });
}

/** A unique-constraint violation on the code or IATI identifier as the same error the model's own check gives. */
function asDuplicateError(error: unknown, data: ProgrammeForm): unknown {
  const fields = uniqueViolationFields(error);
  if (!fields) return error;
  if (fields.some((f) => /iati/i.test(f)) && data.iatiIdentifier) return duplicateIatiIdentifier(data.iatiIdentifier);
  if (fields.some((f) => /code/i.test(f))) return duplicateCode(data.code);
  return error;
}

/** Database checks the schema cannot make. Returns the short names of the organisations, for the audit trail. */
async function checkProgramme(data: ProgrammeForm, self?: { id: string; organisationIds: string[] }): Promise<Map<string, string>> {
  const notSelf = self ? { id: { not: self.id } } : {};
  // Codes are compared case-insensitively: addresses match that way.
  if (await prisma.programme.findFirst({ where: { ...notSelf, code: { equals: data.code, mode: "insensitive" } }, select: { id: true } })) {
    throw duplicateCode(data.code);
  }
  if (data.iatiIdentifier && (await prisma.programme.findFirst({ where: { ...notSelf, iatiIdentifier: data.iatiIdentifier }, select: { id: true } }))) {
    throw duplicateIatiIdentifier(data.iatiIdentifier);
  }
  const orgIds = [...new Set(data.organisations.map((o) => o.organisationId))];
  const orgs = await prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, shortName: true, archivedAt: true } });
  const found = new Map(orgs.map((o) => [o.id, o]));
  data.organisations.forEach((o) => {
    const org = found.get(o.organisationId);
    // An archived organisation may stay on a programme it is already on, but not be added.
    if (!org || (org.archivedAt && !self?.organisationIds.includes(org.id))) {
      throw new DomainError("invalid", message("programmeEdit.error.chooseOrganisations"), { field: `organisations.${data.organisations.indexOf(o)}.organisationId` });
    }
  });
  const codes = [...new Set(data.countries.map((c) => c.countryCode))];
  if (codes.length) {
    const known = new Set((await prisma.country.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((c) => c.code));
    const missing = data.countries.findIndex((c) => !known.has(c.countryCode));
    if (missing >= 0) throw new DomainError("invalid", message("programmeEdit.error.chooseCountry"), { field: `countries.${missing}.countryCode` });
  }
  await checkIatiIdentifier(data, self?.id);
  return new Map(orgs.map((o) => [o.id, o.shortName]));
}

/**
 * The IATI identifier rules (issue 17): identifiers are minted under the
 * centre's publisher identifier (app/models/iati-identifier.server.ts), never
 * under a funder's.
 * - A stored identifier starts with `<publisher ref>-`: IATI requires every
 *   activity identifier to begin with its reporting organisation's identifier
 *   (rule 1.1.21 of the IATI Validator ruleset), and the publisher is the
 *   reporting organisation of every file.
 * - Once the programme has been published, its identifier never changes: the
 *   one it went out under (stored, or minted then) must be what the form gives.
 * - The identifier it would be published under (stored, else minted from its
 *   code) is no other programme's, stored or minted. The unique index covers
 *   stored ones only.
 */
async function checkIatiIdentifier(data: ProgrammeForm, selfId?: string) {
  const publisher = await getPublisher();
  const ref = publisher?.ref ?? null;
  if (data.iatiIdentifier) {
    if (!ref) throw new DomainError("invalid", message("iatiPublisher.e.programmeNoPublisher"), { field: "iatiIdentifier" });
    if (!data.iatiIdentifier.startsWith(`${ref}-`)) {
      throw new DomainError("invalid", message("iatiPublisher.e.programmePrefix", { ref }), { field: "iatiIdentifier" });
    }
  }
  const identifier = data.iatiIdentifier ?? (ref ? mintProgrammeIdentifier(ref, data.code) : null);
  if (selfId) {
    const published = await publishedIdentifierOf(selfId, ref);
    if (published && published !== identifier) {
      throw new DomainError("invalid", message("iatiPublisher.e.programmePublished", { identifier: published }), { field: "iatiIdentifier" });
    }
  }
  if (!identifier || !ref) return;
  const holder = await iatiIdentifierHolder(identifier, ref, selfId);
  if (!holder) return;
  // The holder has this very code: another save of the same code committed
  // after the code check above (two saves at once). The conflict the user can
  // act on is the code's, so it is refused as the code check would have.
  if (holder.code.toUpperCase() === data.code.toUpperCase()) throw duplicateCode(data.code);
  if (!data.iatiIdentifier) {
    throw new DomainError("invalid", message("programmeEdit.error.derivedIatiTaken", { identifier, code: holder.code }), { field: "iatiIdentifier" });
  }
  if (holder.minted) {
    throw new DomainError("invalid", message("programmeEdit.error.iatiDerivedByOther", { identifier, code: holder.code }), { field: "iatiIdentifier" });
  }
  throw duplicateIatiIdentifier(identifier);
}

/**
 * The identifier a published programme went out under, or null while it has
 * not been published: the stored IATI record's, else the programme's stored
 * identifier, else the one minted from its code as it was then (the code
 * cannot have changed since without this check refusing it).
 */
async function publishedIdentifierOf(id: string, ref: string | null): Promise<string | null> {
  const p = await prisma.programme.findUnique({ where: { id }, select: { code: true, iatiIdentifier: true, iatiFirstPublishedAt: true } });
  const record = await prisma.iatiPublishedActivity.findFirst({ where: { recordType: "PROGRAMME", recordId: id }, select: { iatiIdentifier: true } });
  if (record) return record.iatiIdentifier;
  if (!p?.iatiFirstPublishedAt) return null;
  return p.iatiIdentifier ?? (ref ? publishedProgrammeIdentifier(p, ref) : null);
}

/** The other programme published under `identifier` (stored, or minted under `ref` from its code), if any. */
async function iatiIdentifierHolder(identifier: string, ref: string, selfId?: string): Promise<{ code: string; minted: boolean } | null> {
  const notSelf = selfId ? { id: { not: selfId } } : {};
  const stored = await prisma.programme.findFirst({ where: { ...notSelf, iatiIdentifier: identifier }, select: { code: true } });
  if (stored) return { code: stored.code, minted: false };
  // Only a programme whose code is what follows "<ref>-" mints it.
  if (!identifier.startsWith(`${ref}-`)) return null;
  const minted = await prisma.programme.findFirst({
    where: { ...notSelf, iatiIdentifier: null, code: identifier.slice(ref.length + 1) },
    select: { code: true },
  });
  return minted ? { code: minted.code, minted: true } : null;
}

export async function createProgramme(ctx: Ctx, data: ProgrammeForm) {
  assertStaff(ctx);
  const names = await checkProgramme(data);
  try {
    return await prisma.$transaction(async (tx) => {
      const created = await tx.programme.create({ data: { ...programmeColumns(data), translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject } });
      const children = childRows(created.id, data);
      await writeChildren(tx, children);
      await auditChange(tx, ctx, {
        action: "create",
        entityType: "Programme",
        entityId: created.id,
        changes: {
          ...snapshot(created, [...FIELDS]),
          organisations: organisationsText(data.organisations, names),
          countries: countriesText(data.countries),
          sectors: sectorsText(data.sectors),
        },
        version: created.version,
      });
      return created;
    });
  } catch (error) {
    throw asDuplicateError(error, data);
  }
}

async function writeChildren(tx: Tx, children: ReturnType<typeof childRows>) {
  if (children.organisations.length) await tx.programmeOrganisation.createMany({ data: children.organisations });
  if (children.countries.length) await tx.programmeCountry.createMany({ data: children.countries });
  if (children.sectors.length) await tx.programmeSector.createMany({ data: children.sectors });
}

export async function updateProgramme(ctx: Ctx, id: string, version: number, data: ProgrammeForm) {
  assertStaff(ctx);
  const current = await prisma.programme.findUnique({ where: { id }, select: { organisations: { select: { organisationId: true } } } });
  if (!current) throw notFoundError("Programme not found");
  const names = await checkProgramme(data, { id, organisationIds: current.organisations.map((o) => o.organisationId) });
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.programme.findUnique({
        where: { id },
        include: { organisations: { include: { organisation: { select: { shortName: true } } } }, countries: true, sectors: true },
      });
      if (!before) throw notFoundError("Programme not found");
      const next = programmeColumns(data);
      // Translations: the form's languages replaced, any other language kept.
      const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
      const updated = await tx.programme.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
      if (updated.count === 0) return conflictSince(tx, "Programme", id, version, before);
      await tx.programmeOrganisation.deleteMany({ where: { programmeId: id } });
      await tx.programmeCountry.deleteMany({ where: { programmeId: id } });
      await tx.programmeSector.deleteMany({ where: { programmeId: id } });
      await writeChildren(tx, childRows(id, data));
      const beforeNames = new Map(before.organisations.map((o) => [o.organisationId, o.organisation.shortName]));
      const changes = diffFields(
        {
          ...before,
          organisations: organisationsText(before.organisations, beforeNames),
          countries: countriesText(before.countries),
          sectors: sectorsText(before.sectors),
        },
        {
          ...before,
          ...next,
          organisations: organisationsText(data.organisations, names),
          countries: countriesText(data.countries),
          sectors: sectorsText(data.sectors),
        },
        [...FIELDS, ...LIST_FIELDS],
      );
      if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
        changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
      }
      await auditChange(tx, ctx, { action: "update", entityType: "Programme", entityId: id, changes, version: version + 1 });
      return { id, code: data.code, changed: Object.keys(changes) };
    });
  } catch (error) {
    throw asDuplicateError(error, data);
  }
}

export async function setProgrammeArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Programme",
    id,
    archived,
    find: (tx) => tx.programme.findUnique({ where: { id } }),
    update: (tx, data) => tx.programme.update({ where: { id }, data }),
  });
}


/** Deletes a programme nothing depends on; otherwise names what depends on it. */
export async function deleteProgramme(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const p = await tx.programme.findUnique({
      where: { id },
      include: {
        agreements: { select: { title: true }, orderBy: { title: "asc" } },
        activities: { select: { title: true }, orderBy: { title: "asc" } },
        deliverables: { select: { title: true }, orderBy: { title: "asc" } },
        indicators: { select: { title: true }, orderBy: { title: "asc" } },
        funding: { select: { kind: true, amount: true, currency: true, fiscalYear: true }, orderBy: { valueDate: "asc" } },
        documents: { select: { title: true }, orderBy: { title: "asc" } },
        organisations: { include: { organisation: { select: { shortName: true } } } },
        countries: true,
        sectors: true,
      },
    });
    if (!p) throw notFoundError("Programme not found");
    const dependents = [
      ...p.agreements.map((a) => ({ type: "agreement", title: a.title })),
      ...p.activities.map((a) => ({ type: "activity", title: a.title })),
      ...p.deliverables.map((d) => ({ type: "deliverable", title: d.title })),
      ...p.indicators.map((i) => ({ type: "indicator", title: i.title })),
      ...p.funding.map((f) => ({
        type: "funding line",
        title: `${(englishNames.fundingKind[f.kind] ?? f.kind).toLowerCase()} ${formatMoney(f.amount.toString(), f.currency)}${f.fiscalYear ? ` (${f.fiscalYear})` : ""}`,
      })),
      ...p.documents.map((d) => ({ type: "document", title: d.title })),
    ];
    if (dependents.length) throw new DependentsError(dependents);
    // Organisation roles, countries and sectors go with it (ON DELETE CASCADE).
    await tx.programme.delete({ where: { id } });
    const names = new Map(p.organisations.map((o) => [o.organisationId, o.organisation.shortName]));
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: "Programme",
      entityId: id,
      changes: {
        ...snapshot(p, [...FIELDS]),
        organisations: organisationsText(p.organisations, names),
        countries: countriesText(p.countries),
        sectors: sectorsText(p.sectors),
      },
    });
  });
}
