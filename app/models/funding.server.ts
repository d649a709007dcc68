import { Prisma } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildScopeSql, programmeChildWhere, type Scope } from "~/auth/scope.server";
import { FUNDING_KINDS, type FundingForm } from "~/schemas/funding";
import { prisma, type Tx } from "~/utils/db.server";
import { isoDate, toDateInput } from "~/utils/format";
import { DomainError, notFoundError } from "~/utils/errors.server";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { message } from "~/i18n/translate";
import { fundingFieldLabels } from "~/schemas/funding";
import { readerView } from "~/i18n/narrative";
export { fundingFieldLabels };

export const FUNDING_LIST = {
  sorts: ["valueDate", "amount", "kind", "programme"],
  defaultSort: "valueDate",
  defaultDir: "desc",
  filters: ["programme", "kind", "organisation", "country", "currency", "from", "to"],
} as const satisfies ListSpec<string>;

export type FundingFilter = (typeof FUNDING_LIST.filters)[number];

// Fields an edit may change, in the order the history shows them.
const FIELDS = [
  "programmeId", "kind", "providerOrgId", "receiverOrgId", "fiscalYear", "periodStart", "periodEnd",
  "transactionDate", "valueDate", "amount", "currency", "description", "providerActivityId", "receiverActivityId",
] as const;


const isKind = (v: string): v is (typeof FUNDING_KINDS)[number] => (FUNDING_KINDS as readonly string[]).includes(v);

function where(scope: Scope, query: ListQuery<FundingFilter>): Prisma.FundingLineWhereInput {
  const f = query.filters;
  const and: Prisma.FundingLineWhereInput[] = [programmeChildWhere(scope, "funding")];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    const org = { OR: [{ shortName: contains }, { fullName: contains }] };
    and.push({
      OR: [
        { description: contains },
        { provider: org },
        { receiver: org },
        { programme: { title: contains } },
        { programme: { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  // An unknown code in the URL matches nothing rather than failing the query.
  if (f.kind) and.push(isKind(f.kind) ? { kind: f.kind } : { id: { in: [] } });
  if (f.organisation) and.push({ OR: [{ providerOrgId: f.organisation }, { receiverOrgId: f.organisation }] });
  if (f.country) and.push({ programme: { countries: { some: { countryCode: f.country.toUpperCase() } } } });
  if (f.currency) and.push({ currency: f.currency.toUpperCase() });
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from) and.push({ valueDate: { gte: from } });
  if (to) and.push({ valueDate: { lte: to } });
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.FundingLineOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "amount":
      return [{ amount: dir }, { valueDate: "desc" }, { id: "asc" }];
    case "kind":
      return [{ kind: dir }, { valueDate: "desc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { title: dir } }, { valueDate: "desc" }, { id: "asc" }];
    default:
      return [{ valueDate: dir }, { id: "asc" }];
  }
}

const listSelect = {
  id: true,
  kind: true,
  fiscalYear: true,
  periodStart: true,
  periodEnd: true,
  transactionDate: true,
  valueDate: true,
  amount: true,
  currency: true,
  description: true,
  archivedAt: true,
  programme: { select: { code: true, title: true, lang: true, translations: true } },
  provider: { select: { id: true, shortName: true } },
  receiver: { select: { id: true, shortName: true } },
} satisfies Prisma.FundingLineSelect;

type Day = Date | string;

/** A row of the funding list, as plain values (the same on the server and in the browser). */
export type FundingRow = {
  id: string;
  kind: string;
  fiscalYear: number | null;
  periodStart: Day | null;
  periodEnd: Day | null;
  transactionDate: Day | null;
  valueDate: Day;
  /** Two decimals, no grouping: "1250000.50". */
  amount: string;
  currency: string;
  description: string | null;
  archivedAt: Day | null;
  programme: { code: string; title: string };
  provider: { id: string; shortName: string } | null;
  receiver: { id: string; shortName: string } | null;
};

export type FundingTotal = { currency: string; kind: string; lines: number; amount: string };

export async function listFunding(scope: Scope, query: ListQuery<FundingFilter>, all = false) {
  const w = where(scope, query);
  const [rows, total, groups] = await Promise.all([
    prisma.fundingLine.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.fundingLine.count({ where: w }),
    // Totals of every filtered row (not just this page), summed by the database.
    prisma.fundingLine.groupBy({
      by: ["currency", "kind"],
      where: w,
      _sum: { amount: true },
      _count: { _all: true },
      orderBy: [{ currency: "asc" }, { kind: "asc" }],
    }),
  ]);
  const totals: FundingTotal[] = groups.map((g) => ({
    currency: g.currency,
    kind: g.kind,
    lines: g._count._all,
    amount: (g._sum.amount ?? new Prisma.Decimal(0)).toFixed(2),
  }));
  return { rows: rows.map((r): FundingRow => ({ ...r, amount: r.amount.toFixed(2) })), total, totals };
}

/** Currencies in use, for the list's filter. */
export async function fundingCurrencies(scope: Scope): Promise<string[]> {
  const rows = await prisma.fundingLine.groupBy({ by: ["currency"], where: programmeChildWhere(scope, "funding"), orderBy: { currency: "asc" } });
  return rows.map((r) => r.currency);
}

const detailInclude = {
  programme: { select: { id: true, code: true, title: true } },
  provider: { select: { id: true, shortName: true, fullName: true } },
  receiver: { select: { id: true, shortName: true, fullName: true } },
} satisfies Prisma.FundingLineInclude;

export type FundingDetail = Prisma.FundingLineGetPayload<{ include: typeof detailInclude }>;

export async function getFundingLine(scope: Scope, id: string): Promise<FundingDetail | null> {
  return prisma.fundingLine.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "funding")] }, include: detailInclude });
}

export async function requireFundingLine(scope: Scope, id: string): Promise<FundingDetail> {
  const line = await getFundingLine(scope, id);
  if (!line) throw notFoundError("Funding line not found");
  return line;
}

/** The funding line as its edit form holds it (strings, as the fields do): the edit page's defaults and the spreadsheet import's. */
export function fundingFormDefaults(f: FundingFormSource) {
  return {
    version: String(f.version),
    programmeId: f.programmeId,
    kind: f.kind,
    providerOrgId: f.providerOrgId ?? "",
    receiverOrgId: f.receiverOrgId ?? "",
    fiscalYear: f.fiscalYear === null ? "" : String(f.fiscalYear),
    periodStart: toDateInput(f.periodStart),
    periodEnd: toDateInput(f.periodEnd),
    transactionDate: toDateInput(f.transactionDate),
    valueDate: toDateInput(f.valueDate),
    amount: f.amount.toFixed(2),
    currency: f.currency,
    description: f.description ?? "",
    providerActivityId: f.providerActivityId ?? "",
    receiverActivityId: f.receiverActivityId ?? "",
  };
}

// What fundingFormDefaults reads.
const formSelect = {
  id: true, version: true, programmeId: true, kind: true, providerOrgId: true, receiverOrgId: true, fiscalYear: true, periodStart: true,
  periodEnd: true, transactionDate: true, valueDate: true, amount: true, currency: true, description: true, providerActivityId: true,
  receiverActivityId: true,
} satisfies Prisma.FundingLineSelect;

type FundingFormSource = Prisma.FundingLineGetPayload<{ select: typeof formSelect }>;

/**
 * Funding lines in the scope by id, as their edit form holds them: the
 * spreadsheet import reads current records in batches with it (ADR 0042).
 */
export async function fundingFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.fundingLine.findMany({ where: { AND: [{ id: { in: ids } }, programmeChildWhere(scope, "funding")] }, select: formSelect });
  return rows.map((f) => ({ id: f.id, version: f.version, form: fundingFormDefaults(f) }));
}

/**
 * Lines in the scope (not archived) of the given programmes on the given value
 * dates: the spreadsheet import's natural key (programme + kind + value date +
 * amount + currency) is matched among them.
 */
export async function fundingLinesByValueDates(scope: Scope, programmeIds: string[], valueDates: Date[]) {
  const rows = await prisma.fundingLine.findMany({
    where: { AND: [{ programmeId: { in: programmeIds }, valueDate: { in: valueDates }, archivedAt: null }, programmeChildWhere(scope, "funding")] },
    select: { id: true, programmeId: true, kind: true, valueDate: true, amount: true, currency: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...r, amount: r.amount.toFixed(2) }));
}

/** What the funding form offers to choose from. */
export async function fundingFormOptions(locale: Locale) {
  const [programmes, organisations] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, code: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true, lang: true, translations: true }, orderBy: { shortName: "asc" } }),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return readerView({ programmes, organisations }, locale);
}

function columns(data: FundingForm) {
  return {
    programmeId: data.programmeId,
    kind: data.kind,
    providerOrgId: data.providerOrgId ?? null,
    receiverOrgId: data.receiverOrgId ?? null,
    fiscalYear: data.fiscalYear ?? null,
    periodStart: data.periodStart ?? null,
    periodEnd: data.periodEnd ?? null,
    transactionDate: data.transactionDate ?? null,
    valueDate: data.valueDate,
    amount: new Prisma.Decimal(data.amount),
    currency: data.currency,
    description: data.description ?? null,
    providerActivityId: data.providerActivityId ?? null,
    receiverActivityId: data.receiverActivityId ?? null,
  };
}

/** References must exist and be active (an organisation archived after it was recorded may stay). */
async function checkReferences(db: Tx, data: FundingForm, current?: { providerOrgId: string | null; receiverOrgId: string | null }) {
  const programme = await db.programme.findFirst({ where: { id: data.programmeId, archivedAt: null }, select: { id: true } });
  if (!programme) throw new DomainError("invalid", message("funding.v.activeProgramme"), { field: "programmeId" });
  for (const field of ["providerOrgId", "receiverOrgId"] as const) {
    const orgId = data[field];
    if (!orgId) continue;
    const org = await db.organisation.findUnique({ where: { id: orgId }, select: { archivedAt: true } });
    if (!org || (org.archivedAt && current?.[field] !== orgId)) {
      throw new DomainError("invalid", message("funding.v.organisation"), { field });
    }
  }
}

export async function createFundingLine(ctx: Ctx, data: FundingForm) {
  assertStaff(ctx);
  await checkReferences(prisma, data);
  return prisma.$transaction((tx) => createFundingLineIn(tx, ctx, data, { checked: true }));
}

/**
 * createFundingLine inside the caller's transaction (the spreadsheet import
 * applies many lines all or nothing, ADR 0042). `checked`: the references
 * were already checked outside the transaction.
 */
export async function createFundingLineIn(tx: Tx, ctx: Ctx, data: FundingForm, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkReferences(tx, data);
  const created = await tx.fundingLine.create({ data: columns(data) });
  await auditChange(tx, ctx, {
    action: "create",
    entityType: "FundingLine",
    entityId: created.id,
    changes: snapshot(created, [...FIELDS]),
    version: created.version,
  });
  return created;
}

export async function updateFundingLine(ctx: Ctx, id: string, version: number, data: FundingForm) {
  assertStaff(ctx);
  await checkUpdateReferences(prisma, id, data);
  return prisma.$transaction((tx) => updateFundingLineIn(tx, ctx, id, version, data, { checked: true }));
}

async function checkUpdateReferences(db: Tx, id: string, data: FundingForm) {
  const current = await db.fundingLine.findUnique({ where: { id }, select: { providerOrgId: true, receiverOrgId: true } });
  if (!current) throw notFoundError("Funding line not found");
  await checkReferences(db, data, current);
}

/** updateFundingLine inside the caller's transaction (see createFundingLineIn). */
export async function updateFundingLineIn(tx: Tx, ctx: Ctx, id: string, version: number, data: FundingForm, opts: { checked?: boolean } = {}) {
  assertStaff(ctx);
  if (!opts.checked) await checkUpdateReferences(tx, id, data);
  const before = await tx.fundingLine.findUnique({ where: { id } });
  if (!before) throw notFoundError("Funding line not found");
  const next = columns(data);
  const updated = await tx.fundingLine.updateMany({ where: { id, version }, data: { ...next, version: { increment: 1 } } });
  if (updated.count === 0) return conflictSince(tx, "FundingLine", id, version, before);
  const changes = diffFields(before, { ...before, ...next }, [...FIELDS]);
  await auditChange(tx, ctx, { action: "update", entityType: "FundingLine", entityId: id, changes, version: version + 1 });
  return { id, changed: Object.keys(changes) };
}

export async function setFundingLineArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "FundingLine",
    id,
    archived,
    find: (tx) => tx.fundingLine.findUnique({ where: { id } }),
    update: (tx, data) => tx.fundingLine.update({ where: { id }, data }),
  });
}

/** Deletes a funding line: nothing refers to one. */
export async function deleteFundingLine(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const line = await tx.fundingLine.findUnique({ where: { id } });
    if (!line) throw notFoundError("Funding line not found");
    await tx.fundingLine.delete({ where: { id } });
    await auditChange(tx, ctx, { action: "delete", entityType: "FundingLine", entityId: id, changes: snapshot(line, [...FIELDS]) });
  });
}

// ---------------------------------------------------------------------------
// Funding: committed vs disbursed by year and currency, summed by the database
// (the programme report and the donor home).

export type FundingYearRow = {
  programmeId: string;
  year: number;
  currency: string;
  committed: string;
  disbursed: string;
};

type FundingSqlRow = { programmeId: string; year: number; currency: string; committed: string; disbursed: string };

/**
 * Commitments and disbursements of programmes by year (of the transaction
 * date, else the value date) and currency. Amounts stay decimal strings and
 * are never added across currencies. Callers pass programme ids that they
 * already read through a scope, and the scope when it may narrow the lines
 * (a partner sees those that concern its countries).
 */
export async function fundingByYear(programmeIds: string[], period?: { from: Date; to: Date }, scope?: Scope): Promise<FundingYearRow[]> {
  if (programmeIds.length === 0) return [];
  const dated = Prisma.sql`COALESCE("transactionDate", "valueDate")`;
  const inPeriod = period
    ? Prisma.sql`AND ${dated} BETWEEN ${isoDate(period.from)}::date AND ${isoDate(period.to)}::date`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<FundingSqlRow[]>`
    SELECT "programmeId",
           EXTRACT(YEAR FROM ${dated})::int AS "year",
           "currency"::text AS "currency",
           COALESCE(SUM("amount") FILTER (WHERE "kind" = 'COMMITMENT'), 0)::text AS "committed",
           COALESCE(SUM("amount") FILTER (WHERE "kind" = 'DISBURSEMENT'), 0)::text AS "disbursed"
      FROM "FundingLine"
     WHERE "programmeId" IN (${Prisma.join(programmeIds)})
       AND "archivedAt" IS NULL
       AND "kind" IN ('COMMITMENT', 'DISBURSEMENT')
       AND ${scope ? programmeChildScopeSql(scope, "funding", "FundingLine") : Prisma.sql`TRUE`}
       ${inPeriod}
     GROUP BY "programmeId", 2, 3
     ORDER BY "programmeId", 2, 3`;
  return rows.map((r) => ({ ...r, year: Number(r.year), committed: decimalText(r.committed), disbursed: decimalText(r.disbursed) }));
}

/** "1500.00" for every sum, whatever scale the database gave it. */
function decimalText(value: string): string {
  return new Prisma.Decimal(value).toFixed(2);
}
