import { Prisma } from "@prisma/client";
import type { Locale } from "~/i18n/locales";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { INDICATOR_MEASURES, RESULT_TYPES, type IndicatorForm, type IndicatorPeriodForm } from "~/schemas/indicator";
import { prisma, type Tx } from "~/utils/db.server";
import { ConflictError, DomainError, notFoundError } from "~/utils/errors.server";
import { percentOfTarget } from "~/utils/labels-results";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { toDateInput } from "~/utils/format";
import { filterDate, type ListQuery, type ListSpec, searchContains } from "~/utils/list-query";
import { auditChange, conflictSince, diffFields, snapshot, setArchived } from "./history.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { message } from "~/i18n/translate";
import { indicatorFieldLabels } from "~/schemas/indicator";
import { readerView } from "~/i18n/narrative";
export { indicatorFieldLabels };

export const INDICATOR_LIST = {
  sorts: ["title", "type", "programme"],
  defaultSort: "title",
  defaultDir: "asc",
  filters: ["programme", "country", "type", "measure", "from", "to"],
} as const satisfies ListSpec<string>;

export type IndicatorFilter = (typeof INDICATOR_LIST.filters)[number];

// Fields an edit may change, in the order the history shows them.
const FIELDS = [
  "programmeId", "agreementId", "resultType", "measure", "title", "description", "unitLabel", "ascending",
  "baselineValue", "baselineYear", "baselineComment", "periods",
] as const;
const SCALAR_FIELDS = FIELDS.filter((f) => f !== "periods");


const isOneOf = <T extends string>(values: readonly T[], v: string | undefined): v is T => v !== undefined && (values as readonly string[]).includes(v);

function where(scope: Scope, query: ListQuery<IndicatorFilter>): Prisma.IndicatorWhereInput {
  const f = query.filters;
  const and: Prisma.IndicatorWhereInput[] = [programmeChildWhere(scope, "indicator")];
  if (scope.kind === "staff") and.push({ archivedAt: query.archived ? { not: null } : null });
  if (query.q) {
    const contains = searchContains(query.q);
    and.push({
      OR: [
        { title: contains },
        { description: contains },
        { unitLabel: contains },
        { programme: { title: contains } },
        { programme: { countries: { some: { country: { OR: [{ nameEn: contains }, { nameRu: contains }, { nameKo: contains }] } } } } },
      ],
    });
  }
  if (f.programme) and.push({ programmeId: f.programme });
  if (f.country) and.push({ programme: { countries: { some: { countryCode: f.country.toUpperCase() } } } });
  // An unknown code in the URL matches nothing rather than failing the query.
  if (f.type) and.push(isOneOf(RESULT_TYPES, f.type) ? { resultType: f.type } : { id: { in: [] } });
  if (f.measure) and.push(isOneOf(INDICATOR_MEASURES, f.measure) ? { measure: f.measure } : { id: { in: [] } });
  // From/to: indicators with a period overlapping the range.
  const from = filterDate(f.from);
  const to = filterDate(f.to);
  if (from || to) {
    and.push({ periods: { some: { ...(from ? { periodEnd: { gte: from } } : {}), ...(to ? { periodStart: { lte: to } } : {}) } } });
  }
  return { AND: and };
}

function orderBy(query: ListQuery): Prisma.IndicatorOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "type":
      return [{ resultType: dir }, { title: "asc" }, { id: "asc" }];
    case "programme":
      return [{ programme: { title: dir } }, { title: "asc" }, { id: "asc" }];
    default:
      return [{ title: dir }, { id: "asc" }];
  }
}

const periodSelect = {
  id: true,
  periodStart: true,
  periodEnd: true,
  targetValue: true,
  actualValue: true,
} satisfies Prisma.IndicatorPeriodSelect;

const listSelect = {
  id: true,
  title: true,
  lang: true,
  translations: true,
  resultType: true,
  measure: true,
  unitLabel: true,
  baselineValue: true,
  baselineYear: true,
  archivedAt: true,
  programme: { select: { code: true, title: true, lang: true, translations: true } },
  periods: { select: periodSelect, orderBy: { periodStart: "desc" } },
} satisfies Prisma.IndicatorSelect;

/** A row of the indicator list, as plain values (the same on the server and in the browser). */
export type IndicatorRow = {
  id: string;
  title: string;
  /** The record's own language and its title in others (shown in the reader's language). */
  lang: string;
  translations: unknown;
  resultType: string;
  measure: string;
  unitLabel: string | null;
  baselineValue: string | null;
  baselineYear: number | null;
  archivedAt: Date | string | null;
  programme: { code: string; title: string; lang: string; translations: unknown };
  /** The latest period with an actual value, or the latest period when none has one yet. */
  latest: { periodStart: Date | string; periodEnd: Date | string; targetValue: string | null; actualValue: string | null; percent: string } | null;
};

function toRow(r: Prisma.IndicatorGetPayload<{ select: typeof listSelect }>): IndicatorRow {
  const latest = r.periods.find((p) => p.actualValue !== null) ?? r.periods[0] ?? null;
  return {
    id: r.id,
    title: r.title,
    lang: r.lang,
    translations: r.translations,
    resultType: r.resultType,
    measure: r.measure,
    unitLabel: r.unitLabel,
    baselineValue: r.baselineValue?.toString() ?? null,
    baselineYear: r.baselineYear,
    archivedAt: r.archivedAt,
    programme: r.programme,
    latest: latest
      ? {
          periodStart: latest.periodStart,
          periodEnd: latest.periodEnd,
          targetValue: latest.targetValue?.toString() ?? null,
          actualValue: latest.actualValue?.toString() ?? null,
          percent: percentOfTarget(latest.actualValue?.toString(), latest.targetValue?.toString()),
        }
      : null,
  };
}

export async function listIndicators(scope: Scope, query: ListQuery<IndicatorFilter>, all = false) {
  const w = where(scope, query);
  const [rows, total] = await Promise.all([
    prisma.indicator.findMany({
      where: w,
      select: listSelect,
      orderBy: orderBy(query),
      ...(all ? {} : { skip: (query.page - 1) * query.perPage, take: query.perPage }),
    }),
    prisma.indicator.count({ where: w }),
  ]);
  return { rows: rows.map(toRow), total };
}

const detailInclude = {
  programme: { select: { id: true, code: true, title: true, lang: true, translations: true } },
  agreement: { select: { id: true, title: true, lang: true, translations: true, archivedAt: true } },
  periods: { orderBy: [{ periodStart: "asc" }, { periodEnd: "asc" }] },
} satisfies Prisma.IndicatorInclude;

export type IndicatorDetail = Prisma.IndicatorGetPayload<{ include: typeof detailInclude }>;

export async function getIndicator(scope: Scope, id: string): Promise<IndicatorDetail | null> {
  const indicator = await prisma.indicator.findFirst({ where: { AND: [{ id }, programmeChildWhere(scope, "indicator")] }, include: detailInclude });
  if (indicator && scope.kind !== "staff" && indicator.agreement?.archivedAt) indicator.agreement = null;
  return indicator;
}

export async function requireIndicator(scope: Scope, id: string): Promise<IndicatorDetail> {
  const indicator = await getIndicator(scope, id);
  if (!indicator) throw notFoundError("Indicator not found");
  return indicator;
}

const str = (v: { toString(): string } | null) => (v === null ? "" : v.toString());

/**
 * The edit form's values of an indicator, its periods (baseline, targets and
 * actuals) as the form's rows: what the edit page shows and what the JSON API
 * returns (and accepts back). The agreement reads through the relation
 * getIndicator hides from partners and donors when archived.
 */
export function indicatorFormDefaults(i: IndicatorDetail) {
  return {
    version: String(i.version),
    programmeId: i.programmeId,
    agreementId: i.agreement?.id ?? "",
    resultType: i.resultType,
    measure: i.measure,
    title: i.title,
    description: i.description ?? "",
    translations: narrativeDefaults(i.translations),
    unitLabel: i.unitLabel ?? "",
    ascending: i.ascending,
    baselineValue: str(i.baselineValue),
    baselineYear: i.baselineYear === null ? "" : String(i.baselineYear),
    baselineComment: i.baselineComment ?? "",
    periods: i.periods.map(indicatorPeriodDefaults),
  };
}

/** What the indicator form offers to choose from. */
export async function indicatorFormOptions(scope: Scope, locale: Locale) {
  const [programmes, agreements] = await Promise.all([
    prisma.programme.findMany({ where: { archivedAt: null }, select: { id: true, code: true, title: true, lang: true, translations: true }, orderBy: { title: "asc" } }),
    prisma.agreement.findMany({
      where: { AND: [programmeChildWhere(scope, "agreement"), { archivedAt: null }] },
      select: { id: true, title: true, lang: true, translations: true, programmeId: true, programme: { select: { code: true } } },
      orderBy: [{ programme: { code: "asc" } }, { title: "asc" }],
    }),
  ]);
  // Other records' names in the reader's language (issue 7, item 3).
  return readerView({ programmes, agreements }, locale);
}

/** A decimal string normalised the way the database returns it ("150000.00" -> "150000"). */
function decimal(value: string | undefined): Prisma.Decimal | null {
  return value === undefined ? null : new Prisma.Decimal(value);
}


function columns(data: IndicatorForm) {
  return {
    programmeId: data.programmeId,
    agreementId: data.agreementId ?? null,
    resultType: data.resultType,
    measure: data.measure,
    title: data.title,
    description: data.description ?? null,
    unitLabel: data.unitLabel ?? null,
    ascending: data.ascending,
    baselineValue: decimal(data.baselineValue),
    baselineYear: data.baselineYear ?? null,
    baselineComment: data.baselineComment ?? null,
  };
}

function periodColumns(p: IndicatorPeriodForm) {
  return {
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    targetValue: decimal(p.targetValue),
    actualValue: decimal(p.actualValue),
    targetFemale: decimal(p.targetFemale),
    targetMale: decimal(p.targetMale),
    actualFemale: decimal(p.actualFemale),
    actualMale: decimal(p.actualMale),
    targetComment: p.targetComment ?? null,
    actualComment: p.actualComment ?? null,
  };
}

type PeriodValues = ReturnType<typeof periodColumns>;

/** Periods as the history shows them, one line each, in date order. */
function periodsText(periods: PeriodValues[]): string[] {
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  const parts: [keyof PeriodValues, string][] = [
    ["targetValue", "target"], ["actualValue", "actual"], ["targetFemale", "target women"], ["targetMale", "target men"],
    ["actualFemale", "actual women"], ["actualMale", "actual men"], ["targetComment", "target comment"], ["actualComment", "actual comment"],
  ];
  return [...periods]
    .sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime() || a.periodEnd.getTime() - b.periodEnd.getTime())
    .map((p) => {
      const values = parts
        .filter(([k]) => p[k] !== null && p[k] !== undefined)
        .map(([k, label]) => `${label} ${typeof p[k] === "string" ? `“${p[k]}”` : String(p[k])}`);
      return `${ymd(p.periodStart)} to ${ymd(p.periodEnd)}${values.length ? `: ${values.join("; ")}` : ""}`;
    });
}

/** The references a form makes must exist and be active; the agreement must be one of the programme's. */
async function checkReferences(data: IndicatorForm, current?: { agreementId: string | null }) {
  const programme = await prisma.programme.findFirst({ where: { id: data.programmeId, archivedAt: null }, select: { id: true } });
  if (!programme) throw new DomainError("invalid", message("indicators.v.activeProgramme"), { field: "programmeId" });
  if (data.agreementId) {
    const agreement = await prisma.agreement.findUnique({ where: { id: data.agreementId }, select: { programmeId: true, archivedAt: true } });
    // An agreement archived after it was linked may stay linked; a new link must be to an active one.
    if (!agreement || (agreement.archivedAt && current?.agreementId !== data.agreementId)) {
      throw new DomainError("invalid", message("indicators.v.existingAgreement"), { field: "agreementId" });
    }
    if (agreement.programmeId !== data.programmeId) {
      throw new DomainError("invalid", message("indicators.v.agreementProgramme"), { field: "agreementId" });
    }
  }
}

export async function createIndicator(ctx: Ctx, data: IndicatorForm) {
  assertStaff(ctx);
  await checkReferences(data);
  return prisma.$transaction(async (tx) => {
    const created = await tx.indicator.create({
      data: {
        ...columns(data),
        translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject,
        periods: { create: data.periods.map(periodColumns) },
      },
    });
    await auditChange(tx, ctx, {
      action: "create",
      entityType: "Indicator",
      entityId: created.id,
      changes: { ...snapshot(created, [...SCALAR_FIELDS]), periods: periodsText(data.periods.map(periodColumns)) },
      version: created.version,
    });
    return created;
  });
}

export async function updateIndicator(ctx: Ctx, id: string, version: number, data: IndicatorForm) {
  assertStaff(ctx);
  const current = await prisma.indicator.findUnique({ where: { id }, select: { agreementId: true } });
  if (!current) throw notFoundError("Indicator not found");
  await checkReferences(data, current);
  return prisma.$transaction(async (tx) => {
    const before = await tx.indicator.findUnique({ where: { id }, include: { periods: true } });
    if (!before) throw notFoundError("Indicator not found");
    const next = columns(data);
    // Translations: the form's languages replaced, any other language kept.
    const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
    const updated = await tx.indicator.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
    if (updated.count === 0) return conflictSince(tx, "Indicator", id, version, before);
    // Periods are part of the indicator: replace them as a whole, keeping the
    // lock of an approved progress report's period (issue 18) on its row.
    const periods = data.periods.map(periodColumns);
    const locks = await lockedPeriods(tx, before.periods, periods);
    await tx.indicatorPeriod.deleteMany({ where: { indicatorId: id } });
    await tx.indicatorPeriod.createMany({ data: periods.map((p, i) => ({ ...p, indicatorId: id, approvedReportId: locks[i] ?? null })) });
    const changes = diffFields(
      { ...before, periods: periodsText(before.periods) },
      { ...before, ...next, periods: periodsText(periods) },
      [...FIELDS],
    );
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
      changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
    }
    await auditChange(tx, ctx, { action: "update", entityType: "Indicator", entityId: id, changes, version: version + 1 });
    return { id, changed: Object.keys(changes) };
  });
}

// ---------------------------------------------------------------------------
// Period values one period at a time (the spreadsheet import, ADR 0042)

const periodFormSelect = {
  id: true, version: true, periodStart: true, periodEnd: true, targetValue: true, actualValue: true, targetFemale: true, targetMale: true,
  actualFemale: true, actualMale: true, targetComment: true, actualComment: true,
  indicator: { select: { id: true, programmeId: true, title: true, measure: true, baselineValue: true, baselineYear: true } },
  approvedReport: { select: { sequence: true, requirement: { select: { title: true } } } },
} satisfies Prisma.IndicatorPeriodSelect;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

type PeriodSource = Omit<Prisma.IndicatorPeriodGetPayload<{ select: typeof periodFormSelect }>, "id" | "version" | "indicator" | "approvedReport">;

/** A period as the indicator form's period row holds it (strings): the edit page's and the spreadsheet's. */
export function indicatorPeriodDefaults(p: PeriodSource) {
  return {
    periodStart: ymd(p.periodStart),
    periodEnd: ymd(p.periodEnd),
    targetValue: str(p.targetValue),
    actualValue: str(p.actualValue),
    targetFemale: str(p.targetFemale),
    targetMale: str(p.targetMale),
    actualFemale: str(p.actualFemale),
    actualMale: str(p.actualMale),
    targetComment: p.targetComment ?? "",
    actualComment: p.actualComment ?? "",
  };
}

/**
 * One period of an indicator as the spreadsheet holds it: its values as the
 * indicator form's period row holds them (strings), with the indicator's
 * baseline, and what identifies it (programme, indicator title, dates) and
 * locks it (the approved progress report) as read.
 */
function periodForm(p: Prisma.IndicatorPeriodGetPayload<{ select: typeof periodFormSelect }>) {
  const values = indicatorPeriodDefaults(p);
  const baseline = { baselineValue: str(p.indicator.baselineValue), baselineYear: p.indicator.baselineYear === null ? "" : String(p.indicator.baselineYear) };
  return {
    version: String(p.version),
    indicatorId: p.indicator.id,
    programmeId: p.indicator.programmeId,
    indicatorTitle: p.indicator.title,
    measure: p.indicator.measure as (typeof INDICATOR_MEASURES)[number],
    ...baseline,
    ...values,
    /** As read: what identifies the period, its baseline and its actuals (an approved report locks them). */
    stored: { programmeId: p.indicator.programmeId, indicatorTitle: p.indicator.title, ...baseline, ...values },
    lockedBy: p.approvedReport ? `${p.approvedReport.requirement.title} #${p.approvedReport.sequence}` : "",
  };
}

export type IndicatorPeriodValuesForm = ReturnType<typeof periodForm>;

/** Indicator periods in the scope by id, as the spreadsheet import holds them (one query per batch). */
export async function indicatorPeriodFormsByIds(scope: Scope, ids: string[]) {
  const rows = await prisma.indicatorPeriod.findMany({ where: { id: { in: ids }, indicator: programmeChildWhere(scope, "indicator") }, select: periodFormSelect });
  return rows.map((p) => ({ id: p.id, version: p.version, label: `${p.indicator.title} ${ymd(p.periodStart)} – ${ymd(p.periodEnd)}`, form: periodForm(p) }));
}

/** The periods of the scope's indicators of these programmes with one of these titles (any case): the import's natural key. */
export async function indicatorPeriodsByTitles(scope: Scope, programmeIds: string[], titles: string[]) {
  return prisma.indicatorPeriod.findMany({
    where: { indicator: { AND: [{ programmeId: { in: programmeIds }, title: { in: titles, mode: "insensitive" } }, programmeChildWhere(scope, "indicator")] } },
    select: { id: true, periodStart: true, periodEnd: true, indicator: { select: { programmeId: true, title: true } } },
  });
}

/**
 * The periods of one page of the indicators list, in the list's order and
 * then by date: the download for editing of indicator period values. A page
 * of fewer periods than indicators is padded with blank ids (read as
 * nothing) so that the download's paging, which stops at a short page, goes on.
 */
export async function listIndicatorPeriodIds(scope: Scope, query: ListQuery<IndicatorFilter>) {
  const { rows } = await listIndicators(scope, query);
  const periods = await prisma.indicatorPeriod.findMany({
    where: { indicatorId: { in: rows.map((r) => r.id) } },
    select: { id: true, indicatorId: true },
    orderBy: [{ periodStart: "asc" }, { periodEnd: "asc" }],
  });
  const out = rows.flatMap((r) => periods.filter((p) => p.indicatorId === r.id).map((p) => ({ id: p.id })));
  while (rows.length === query.perPage && out.length < query.perPage) out.push({ id: "" });
  return { rows: out };
}

/** The indicator a period of the scope belongs to, or null (the import preview links a period by its id; the indicator page redirects it). */
export async function indicatorIdOfPeriod(scope: Scope, periodId: string): Promise<string | null> {
  const p = await prisma.indicatorPeriod.findFirst({ where: { id: periodId, indicator: programmeChildWhere(scope, "indicator") }, select: { indicatorId: true } });
  return p?.indicatorId ?? null;
}

export type IndicatorPeriodValues = {
  period: IndicatorPeriodForm;
  /** The indicator's baseline, written only when the row changed it (another row of the same indicator may hold the old one). */
  baseline: { baselineValue: string | undefined; baselineYear: number | undefined } | null;
};

/**
 * Writes one period's values in the caller's transaction, in place (the
 * indicator form replaces all periods; an import changes one at a time, so
 * the other periods keep their ids): optimistic locking by the period's
 * version, the lock of an approved progress report's actuals (the form's
 * message), the indicator's version moved on (an indicator form open
 * elsewhere is then a conflict), and the change in the indicator's history.
 */
export async function updateIndicatorPeriodIn(tx: Tx, ctx: Ctx, periodId: string, version: number, data: IndicatorPeriodValues) {
  assertStaff(ctx);
  const before = await tx.indicator.findFirst({ where: { periods: { some: { id: periodId } } }, include: { periods: true } });
  const current = before?.periods.find((p) => p.id === periodId);
  if (!before || !current) throw notFoundError("Indicator period not found");
  if (current.version !== version) throw new ConflictError({ version: current.version, updatedAt: before.updatedAt, updatedBy: null }, {});
  // The dates identify the period: they stay as stored.
  const values = { ...periodColumns(data.period), periodStart: current.periodStart, periodEnd: current.periodEnd };
  const after = before.periods.map((p) => (p.id === periodId ? { ...p, ...values } : p));
  await lockedPeriods(tx, before.periods, after);
  const next = data.baseline ? { baselineValue: decimal(data.baseline.baselineValue), baselineYear: data.baseline.baselineYear ?? null } : {};
  const changes = diffFields(
    { ...before, periods: periodsText(before.periods) },
    { ...before, ...next, periods: periodsText(after) },
    [...FIELDS],
  );
  if (Object.keys(changes).length === 0) return { id: periodId, changed: [] as string[] };
  const updated = await tx.indicatorPeriod.updateMany({ where: { id: periodId, version }, data: { ...values, version: { increment: 1 } } });
  if (updated.count === 0) throw new ConflictError({ version: current.version, updatedAt: before.updatedAt, updatedBy: null }, {});
  await tx.indicator.update({ where: { id: before.id }, data: { ...next, version: { increment: 1 } } });
  await auditChange(tx, ctx, { action: "update", entityType: "Indicator", entityId: before.id, changes, version: before.version + 1 });
  return { id: periodId, changed: Object.keys(changes) };
}

/**
 * Issue 18: the actuals of a period an approved progress report made official
 * change only by reopening that report. Refuses an edit that removes such a
 * period or changes its actual values (message next to the field); returns
 * the report id each new period keeps, by position.
 */
async function lockedPeriods(
  tx: Tx,
  before: { periodStart: Date; periodEnd: Date; actualValue: Prisma.Decimal | null; actualFemale: Prisma.Decimal | null; actualMale: Prisma.Decimal | null; approvedReportId: string | null }[],
  after: PeriodValues[],
): Promise<(string | null)[]> {
  const locks: (string | null)[] = after.map(() => null);
  const same = (a: Prisma.Decimal | null, b: Prisma.Decimal | null) => (a === null || b === null ? a === b : a.equals(b));
  for (const p of before) {
    if (!p.approvedReportId) continue;
    const i = after.findIndex((q) => q.periodStart.getTime() === p.periodStart.getTime() && q.periodEnd.getTime() === p.periodEnd.getTime());
    const q = after[i];
    const changed = (["actualValue", "actualFemale", "actualMale"] as const).find((k) => !q || !same(p[k], q[k]));
    if (changed) {
      const report = await tx.progressReport.findUnique({ where: { id: p.approvedReportId }, select: { sequence: true, requirement: { select: { title: true } } } });
      const name = report ? `${report.requirement.title} #${report.sequence}` : p.approvedReportId;
      throw new DomainError("invalid", message("progressReport.lock.indicator", { report: name }), { field: q ? `periods.${i}.${changed}` : "periods" });
    }
    locks[i] = p.approvedReportId;
  }
  return locks;
}

export async function setIndicatorArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "Indicator",
    id,
    archived,
    find: (tx) => tx.indicator.findUnique({ where: { id } }),
    update: (tx, data) => tx.indicator.update({ where: { id }, data }),
  });
}

/** Deletes an indicator with its periods: nothing else refers to an indicator. */
export async function deleteIndicator(ctx: Ctx, id: string) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const indicator = await tx.indicator.findUnique({ where: { id }, include: { periods: true } });
    if (!indicator) throw notFoundError("Indicator not found");
    await tx.indicator.delete({ where: { id } }); // periods go with it (onDelete: Cascade)
    await auditChange(tx, ctx, {
      action: "delete",
      entityType: "Indicator",
      entityId: id,
      changes: { ...snapshot(indicator, [...SCALAR_FIELDS]), periods: periodsText(indicator.periods) },
    });
  });
}

// ---------------------------------------------------------------------------
// An indicator's latest period with a value (the donor home's results).

export type IndicatorLatest = {
  periodStart: Date;
  periodEnd: Date;
  target: number | null;
  actual: number | null;
};

type LatestPeriodValues = { periodStart: Date; periodEnd: Date; targetValue: Prisma.Decimal | null; actualValue: Prisma.Decimal | null };

export function latestPeriod(periods: LatestPeriodValues[]): IndicatorLatest | null {
  const withValues = periods.filter((p) => p.targetValue !== null || p.actualValue !== null);
  if (withValues.length === 0) return null;
  const last = withValues.reduce((a, b) => (b.periodEnd.getTime() >= a.periodEnd.getTime() ? b : a));
  return { periodStart: last.periodStart, periodEnd: last.periodEnd, target: decimalNumber(last.targetValue), actual: decimalNumber(last.actualValue) };
}

const decimalNumber = (d: Prisma.Decimal | null | undefined) => (d === null || d === undefined ? null : d.toNumber());
