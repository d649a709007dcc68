import type { Prisma, ProgressReport } from "@prisma/client";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import type { Locale } from "~/i18n/locales";
import { readerView } from "~/i18n/narrative";
import { message } from "~/i18n/translate";
import { REPORTER_KINDS, REPORTING_FREQUENCIES, type RequirementForm } from "~/schemas/reporting-requirement";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError, notFoundError } from "~/utils/errors.server";
import { toDateInput } from "~/utils/format";
import { searchContains, type ListQuery, type ListSpec } from "~/utils/list-query";
import { mergeNarratives, narrativeDefaults, translationsText } from "~/utils/narratives";
import { startOfToday } from "./agreement.server";
import { assertStaff, type Ctx } from "./ctx.server";
import { auditChange, conflictSince, diffFields, setArchived, snapshot } from "./history.server";
import { progressReportWhere } from "./progress-report-scope.server";
import { reportingPeriods, type ReportingPeriod } from "./reporting-periods";

// Issue 18, point 1: a programme's reporting requirements (staff only) and
// the periods Concord keeps for them, one ProgressReport row per period,
// written in the same transaction as the requirement (ADR 0036). A period
// whose report holds anything (any status but NOT_STARTED) is never dropped
// or moved by an edit: the edit is refused next to the field that caused it.

const FIELDS = [
  "title", "agreementId", "frequency", "customPeriodEnds", "startDate", "endDate", "dueDays", "reporter",
  "reporterCountryCode", "reporterOrganisationId",
] as const;

const DAY = (d: Date) => d.toISOString().slice(0, 10);

/** The programme by code, staff scope (the pages are staff only). */
async function programmeByCode(scope: Scope, code: string) {
  const programme = await prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    select: {
      id: true, code: true, title: true, lang: true, translations: true, archivedAt: true,
      plannedStart: true, plannedEnd: true, actualStart: true, actualEnd: true,
      countries: { select: { countryCode: true }, orderBy: { countryCode: "asc" } },
    },
  });
  if (!programme) throw notFoundError("Programme not found");
  return programme;
}

const requirementSelect = {
  id: true, programmeId: true, agreementId: true, title: true, lang: true, translations: true, frequency: true,
  customPeriodEnds: true, startDate: true, endDate: true, dueDays: true, reporter: true, reporterCountryCode: true,
  reporterOrganisationId: true, archivedAt: true, version: true, updatedAt: true,
  agreement: { select: { id: true, title: true, lang: true, translations: true } },
  reporterOrganisation: { select: { id: true, shortName: true } },
} satisfies Prisma.ReportingRequirementSelect;

/**
 * The programme's requirements (archived ones too, marked) with their periods,
 * for the staff page /programmes/:code/reporting.
 */
export async function programmeReporting(scope: Scope, code: string, locale: Locale) {
  if (scope.kind !== "staff") throw notFoundError();
  const programme = await programmeByCode(scope, code);
  const requirements = await prisma.reportingRequirement.findMany({
    where: { programmeId: programme.id },
    select: {
      ...requirementSelect,
      reports: {
        where: progressReportWhere(scope),
        orderBy: { sequence: "asc" },
        select: { id: true, sequence: true, periodStart: true, periodEnd: true, dueDate: true, status: true, countryCode: true },
      },
    },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
  });
  return { programme: readerView(programme, locale), requirements: readerView(requirements, locale), today: startOfToday() };
}

/** One requirement (staff; null for anyone else or when there is none), for its edit form and the API. */
export async function getRequirement(scope: Scope, id: string) {
  if (scope.kind !== "staff") return null;
  return prisma.reportingRequirement.findUnique({
    where: { id },
    select: { ...requirementSelect, programme: { select: { id: true, code: true, title: true, lang: true, translations: true } } },
  });
}

export type RequirementDetail = NonNullable<Awaited<ReturnType<typeof getRequirement>>>;

/** One requirement (staff), for its edit form: 404 otherwise. */
export async function requireRequirement(scope: Scope, id: string): Promise<RequirementDetail> {
  const requirement = await getRequirement(scope, id);
  if (!requirement) throw notFoundError("Reporting requirement not found");
  return requirement;
}

/** The edit form's values for a stored requirement (the edit page and the API's records). */
export function requirementFormDefaults(r: RequirementDetail) {
  return {
    version: String(r.version),
    title: r.title,
    translations: narrativeDefaults(r.translations),
    agreementId: r.agreementId ?? "",
    frequency: r.frequency,
    startDate: toDateInput(r.startDate),
    endDate: toDateInput(r.endDate),
    dueDays: String(r.dueDays),
    customPeriodEnds: r.customPeriodEnds.map((d) => toDateInput(d)).join("\n"),
    reporter: r.reporter,
    reporterCountryCode: r.reporterCountryCode ?? "",
    reporterOrganisationId: r.reporterOrganisationId ?? "",
  };
}

/** The requirements list of the JSON API (staff): every programme's, or one's (`programme`, its id). */
export const REQUIREMENT_LIST = {
  sorts: ["title", "startDate", "programme"],
  defaultSort: "programme",
  filters: ["programme", "frequency", "reporter"],
  choices: { frequency: [...REPORTING_FREQUENCIES], reporter: [...REPORTER_KINDS] },
} as const satisfies ListSpec<string>;

export type RequirementRow = Prisma.ReportingRequirementGetPayload<{ select: typeof requirementSelect & { programme: { select: { code: true } } } }>;

/** One page of the requirements (staff; live ones, or the archived ones with `archived`), by the list's URL parameters. */
export async function listRequirements(scope: Scope, query: ListQuery<(typeof REQUIREMENT_LIST.filters)[number]>) {
  if (scope.kind !== "staff") throw notFoundError();
  const f = query.filters;
  const where: Prisma.ReportingRequirementWhereInput = {
    archivedAt: query.archived ? { not: null } : null,
    ...(query.q ? { OR: [{ title: searchContains(query.q) }, { programme: { code: searchContains(query.q) } }, { programme: { title: searchContains(query.q) } }] } : {}),
    ...(f.programme ? { programmeId: f.programme } : {}),
    ...(f.frequency ? { frequency: f.frequency as RequirementForm["frequency"] } : {}),
    ...(f.reporter ? { reporter: f.reporter as RequirementForm["reporter"] } : {}),
  };
  const dir = query.dir;
  const orderBy: Prisma.ReportingRequirementOrderByWithRelationInput[] =
    query.sort === "title" ? [{ title: dir }, { id: "asc" }]
    : query.sort === "startDate" ? [{ startDate: dir }, { title: "asc" }, { id: "asc" }]
    : [{ programme: { code: dir } }, { createdAt: "asc" }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    prisma.reportingRequirement.findMany({
      where,
      select: { ...requirementSelect, programme: { select: { code: true } } },
      orderBy,
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
    prisma.reportingRequirement.count({ where }),
  ]);
  return { rows: rows as RequirementRow[], total };
}

/** What the form offers: the programme's agreements and countries, organisations; and the defaults for a new one. */
export async function requirementFormOptions(scope: Scope, code: string, locale: Locale) {
  const programme = await programmeByCode(scope, code);
  const [agreements, organisations] = await Promise.all([
    prisma.agreement.findMany({
      where: { programmeId: programme.id, archivedAt: null },
      select: { id: true, title: true, lang: true, translations: true },
      orderBy: { title: "asc" },
    }),
    prisma.organisation.findMany({ where: { archivedAt: null }, select: { id: true, shortName: true, fullName: true }, orderBy: { shortName: "asc" } }),
  ]);
  return {
    programme: readerView(programme, locale),
    agreements: readerView(agreements, locale),
    countries: programme.countries.map((c) => c.countryCode),
    organisations,
  };
}

/** A new requirement's defaults: the programme's dates (actual, else planned), quarterly, due 30 days after each period. */
export function requirementDefaults(programme: { plannedStart: Date | null; plannedEnd: Date | null; actualStart: Date | null; actualEnd: Date | null; countries: { countryCode: string }[] }) {
  const start = programme.actualStart ?? programme.plannedStart;
  const end = programme.actualEnd ?? programme.plannedEnd;
  return {
    title: "",
    frequency: "QUARTERLY",
    startDate: start ? DAY(start) : "",
    endDate: end ? DAY(end) : "",
    dueDays: "30",
    customPeriodEnds: "",
    reporter: "PARTNER_MINISTRY",
    reporterCountryCode: programme.countries.length === 1 ? programme.countries[0].countryCode : "",
    reporterOrganisationId: "",
    agreementId: "",
  };
}

/** The columns the form sets. */
function columns(data: RequirementForm) {
  return {
    title: data.title,
    agreementId: data.agreementId ?? null,
    frequency: data.frequency,
    customPeriodEnds: data.frequency === "CUSTOM" ? data.customPeriodEnds : [],
    startDate: data.startDate,
    endDate: data.endDate,
    dueDays: data.dueDays,
    reporter: data.reporter,
    // Staff report for everybody: no country (partners of no country see the reports).
    reporterCountryCode: data.reporter === "STAFF" ? null : (data.reporterCountryCode ?? null),
    reporterOrganisationId: data.reporter === "IMPLEMENTING_ORGANISATION" ? (data.reporterOrganisationId ?? null) : null,
  };
}

async function checkReferences(tx: Tx, programmeId: string, data: ReturnType<typeof columns>) {
  if (data.agreementId) {
    const a = await tx.agreement.findUnique({ where: { id: data.agreementId }, select: { programmeId: true } });
    if (!a || a.programmeId !== programmeId) throw new DomainError("invalid", message("reporting.e.agreement"), { field: "agreementId" });
  }
  if (data.reporterCountryCode) {
    const inProgramme = await tx.programmeCountry.count({ where: { programmeId, countryCode: data.reporterCountryCode } });
    if (!inProgramme) throw new DomainError("invalid", message("reporting.e.country"), { field: "reporterCountryCode" });
  }
  if (data.reporterOrganisationId) {
    const found = await tx.organisation.count({ where: { id: data.reporterOrganisationId } });
    if (!found) throw new DomainError("invalid", message("reporting.e.organisation"), { field: "reporterOrganisationId" });
  }
}

type Existing = Pick<ProgressReport, "id" | "sequence" | "periodStart" | "periodEnd" | "dueDate" | "status">;

/**
 * The writes that bring a requirement's reports to `periods`: reports with
 * data must find their exact period (same start and end) or the change is
 * refused; NOT_STARTED ones keep their period when it is still there, are
 * moved to a new one otherwise, and are deleted when none is left; missing
 * periods are created. Returns what it did, for the audit trail.
 */
export async function syncPeriods(
  tx: Tx,
  requirement: { id: string; programmeId: string; agreementId: string | null; reporterCountryCode: string | null },
  periods: ReportingPeriod[],
  refuseOn: string,
) {
  const existing: Existing[] = await tx.progressReport.findMany({
    where: { requirementId: requirement.id },
    select: { id: true, sequence: true, periodStart: true, periodEnd: true, dueDate: true, status: true },
    orderBy: { periodStart: "asc" },
  });
  const byStart = new Map(periods.map((p) => [DAY(p.periodStart), p]));
  const taken = new Set<ReportingPeriod>();
  const keep: { row: Existing; period: ReportingPeriod }[] = [];
  const spare: Existing[] = [];
  for (const row of existing) {
    const period = byStart.get(DAY(row.periodStart));
    if (row.status !== "NOT_STARTED") {
      if (!period || DAY(period.periodEnd) !== DAY(row.periodEnd)) {
        throw new DomainError(
          "invalid",
          message("reporting.e.periodHasData", { from: DAY(row.periodStart), to: DAY(row.periodEnd), status: `@reporting.status.${row.status}` }),
          { field: refuseOn },
        );
      }
      keep.push({ row, period });
      taken.add(period);
    } else if (period) {
      keep.push({ row, period });
      taken.add(period);
    } else spare.push(row);
  }
  const missing = periods.filter((p) => !taken.has(p));
  // Deleted first; then moved (into starts no row holds: those were matched above), then created.
  // A report someone starts meanwhile (read above as NOT_STARTED) is neither deleted nor moved:
  // the writes below are guarded by that status, and a miss refuses the edit like any started report.
  const startedMeanwhile = (row: Existing) =>
    new DomainError(
      "invalid",
      message("reporting.e.periodHasData", { from: DAY(row.periodStart), to: DAY(row.periodEnd), status: "@reporting.status.DRAFT" }),
      { field: refuseOn },
    );
  const removed = spare.slice(missing.length);
  if (removed.length) {
    const deleted = await tx.progressReport.deleteMany({ where: { id: { in: removed.map((r) => r.id) }, status: "NOT_STARTED" } });
    if (deleted.count !== removed.length) throw startedMeanwhile(removed[0]);
  }
  const moves = spare.slice(0, missing.length).map((row, i) => ({ row, period: missing[i] }));
  for (const { row, period } of [...keep, ...moves]) {
    if (row.sequence === period.sequence && DAY(row.periodStart) === DAY(period.periodStart) && DAY(row.periodEnd) === DAY(period.periodEnd) && DAY(row.dueDate) === DAY(period.dueDate)) continue;
    const moved = DAY(row.periodStart) !== DAY(period.periodStart) || DAY(row.periodEnd) !== DAY(period.periodEnd);
    const updated = await tx.progressReport.updateMany({
      where: { id: row.id, ...(moved ? { status: "NOT_STARTED" as const } : {}) },
      data: { sequence: period.sequence, periodStart: period.periodStart, periodEnd: period.periodEnd, dueDate: period.dueDate },
    });
    if (updated.count === 0) throw startedMeanwhile(row);
  }
  const created = missing.slice(moves.length);
  if (created.length) {
    await tx.progressReport.createMany({
      data: created.map((p) => ({
        requirementId: requirement.id,
        programmeId: requirement.programmeId,
        agreementId: requirement.agreementId,
        countryCode: requirement.reporterCountryCode,
        sequence: p.sequence,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        dueDate: p.dueDate,
        status: "NOT_STARTED" as const,
      })),
    });
  }
  return { created: created.length, moved: moves.length, removed: removed.length, periods: periods.length };
}

export async function createRequirement(ctx: Ctx, programmeCode: string, data: RequirementForm) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { code: programmeCode }, select: { id: true, archivedAt: true } });
    if (!programme) throw notFoundError("Programme not found");
    if (programme.archivedAt) throw new DomainError("invalid", message("reporting.e.archivedProgramme"), { field: "_form" });
    const cols = columns(data);
    await checkReferences(tx, programme.id, cols);
    const created = await tx.reportingRequirement.create({
      data: { ...cols, programmeId: programme.id, translations: mergeNarratives({}, data.translations) as Prisma.InputJsonObject },
    });
    const periods = await syncPeriods(tx, created, reportingPeriods(created), "frequency");
    await auditChange(tx, ctx, {
      action: "create",
      entityType: "ReportingRequirement",
      entityId: created.id,
      changes: { ...snapshot(created, [...FIELDS]), periods },
      version: created.version,
    });
    return created;
  });
}

/** Which field a refused regeneration is shown next to: the first of the period-shaping fields the edit changed. */
function periodField(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const changed = Object.keys(diffFields(before, after, ["frequency", "customPeriodEnds", "startDate", "endDate"]));
  return changed[0] ?? "frequency";
}

export async function updateRequirement(ctx: Ctx, id: string, version: number, data: RequirementForm) {
  assertStaff(ctx);
  return prisma.$transaction(async (tx) => {
    const before = await tx.reportingRequirement.findUnique({ where: { id } });
    if (!before) throw notFoundError("Reporting requirement not found");
    // A stale form is a conflict whatever else is wrong with it.
    if (before.version !== version) return conflictSince(tx, "ReportingRequirement", id, version, before);
    const next = columns(data);
    await checkReferences(tx, before.programmeId, next);
    const changes: Record<string, unknown> = diffFields(before, { ...before, ...next }, [...FIELDS]);
    const translations = mergeNarratives(before.translations, data.translations) as Prisma.InputJsonObject;
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) {
      changes.translations = { before: translationsText(before.translations), after: translationsText(translations) };
    }
    if (Object.keys(changes).length === 0) return { id, changed: [] as string[] };
    const updated = await tx.reportingRequirement.updateMany({ where: { id, version }, data: { ...next, translations, version: { increment: 1 } } });
    if (updated.count === 0) return conflictSince(tx, "ReportingRequirement", id, version, before);
    const after = { ...before, ...next };
    const periods = await syncPeriods(tx, { id, programmeId: before.programmeId, ...next }, reportingPeriods(after), periodField(before, after));
    // The reporter's country and the agreement are copied onto every report (partner scope follows them).
    if (before.reporterCountryCode !== next.reporterCountryCode || before.agreementId !== next.agreementId) {
      await tx.progressReport.updateMany({ where: { requirementId: id }, data: { countryCode: next.reporterCountryCode, agreementId: next.agreementId } });
    }
    if (periods.created || periods.moved || periods.removed) changes.periods = periods;
    await auditChange(tx, ctx, { action: "update", entityType: "ReportingRequirement", entityId: id, changes, version: version + 1 });
    return { id, changed: Object.keys(changes) };
  });
}

/** Archives or restores a requirement: its reports stay, but partners and donors no longer see them while it is archived. */
export async function setRequirementArchived(ctx: Ctx, id: string, archived: boolean) {
  assertStaff(ctx);
  return setArchived(ctx, {
    entityType: "ReportingRequirement",
    id,
    archived,
    find: (tx) => tx.reportingRequirement.findUnique({ where: { id } }),
    update: (tx, data) => tx.reportingRequirement.update({ where: { id }, data }),
  });
}
