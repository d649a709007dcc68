import { Prisma, type DeliverableStatus, type FollowUpStatus, type ReportSection } from "@prisma/client";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { message } from "~/i18n/translate";
import { emitNotification } from "~/notifications/emit.server";
import {
  EDITABLE_REPORT_STATUSES,
  reportAbilities,
  type ProgressReportForm,
  type ReportActorRole,
  type ReportSectionValue,
} from "~/schemas/progress-report";
import { inPercentRange } from "~/schemas/indicator";
import { prisma, type Tx } from "~/utils/db.server";
import { DomainError, forbiddenError, notFoundError } from "~/utils/errors.server";
import { statusTimestamps } from "./deliverable.server";
import { createReportEvidence } from "./document.server";
import { discardUpload, type ReceivedUpload } from "./file-store.server";
import { openDeliverable } from "./deliverable-rules.server";
import { auditChange, auditValue, conflictSince, listHistory } from "./history.server";
import type { Ctx } from "./ctx.server";
import { progressReportWhere } from "./progress-report-scope.server";

// Issue 18: one progress report, from filling it in to approval (ADR 0037).
// Every read goes through progressReportWhere(scope), so a report outside the
// reader's scope is "not found"; who may do what is reportAbilities
// (~/schemas/progress-report), the same function the pages use for their
// buttons. The report's figures stay its own until approval, when they are
// written to IndicatorPeriod and Activity with the report as their lock
// (approvedReportId, participantsReportId): dashboards, the programme report
// and IATI read only those, so nothing submitted reaches them before.

export function reportRole(scope: Scope): ReportActorRole {
  return scope.kind;
}

const OPEN_FOLLOW_UPS: FollowUpStatus[] = ["NOT_STARTED", "IN_PROGRESS"];

type ReportHead = Prisma.ProgressReportGetPayload<{ include: { requirement: { select: { reporter: true; title: true; lang: true; translations: true } } } }>;

async function findReport(db: Tx | typeof prisma, scope: Scope, id: string): Promise<ReportHead> {
  const report = await db.progressReport.findFirst({
    where: { AND: [{ id }, progressReportWhere(scope)] },
    include: { requirement: { select: { reporter: true, title: true, lang: true, translations: true } } },
  });
  if (!report) throw notFoundError("Progress report not found");
  return report;
}

function abilities(scope: Scope, report: ReportHead) {
  return reportAbilities(reportRole(scope), { status: report.status, reporter: report.requirement.reporter });
}

// ---------------------------------------------------------------------------
// What a period covers

const overlaps = (start: Date, end: Date) => ({ periodStart: { lte: end }, periodEnd: { gte: start } });
type Span = { periodStart: Date; periodEnd: Date };
const encloses = (outer: Span, inner: Span) => outer.periodStart <= inner.periodStart && outer.periodEnd >= inner.periodEnd;
const samePeriod = (a: Span, b: Span) => a.periodStart.getTime() === b.periodStart.getTime() && a.periodEnd.getTime() === b.periodEnd.getTime();

/** The indicators, activities, deliverables and follow-up actions a report's period covers, as `scope` sees them. */
async function periodContents(
  db: Tx | typeof prisma,
  scope: Scope,
  report: Pick<ReportHead, "requirementId" | "programmeId" | "agreementId" | "periodStart" | "periodEnd">,
) {
  const { programmeId, agreementId, periodStart, periodEnd } = report;
  const dueInPeriod = { gte: periodStart, lte: periodEnd };
  const [indicators, activities, deliverables, followUps, previousReport] = await Promise.all([
    db.indicator.findMany({
      where: { programmeId, archivedAt: null, ...(agreementId ? { agreementId } : {}) },
      select: {
        id: true, title: true, lang: true, translations: true, measure: true, unitLabel: true, resultType: true,
        periods: {
          where: { OR: [overlaps(periodStart, periodEnd), { periodEnd: { lt: periodStart } }] },
          orderBy: { periodEnd: "desc" },
          select: {
            id: true, periodStart: true, periodEnd: true, targetValue: true, targetFemale: true, targetMale: true,
            actualValue: true, actualFemale: true, actualMale: true, actualComment: true, approvedReportId: true,
          },
        },
      },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    }),
    db.activity.findMany({
      where: {
        AND: [
          programmeChildWhere(scope, "activity"),
          { programmeId, archivedAt: null, startsOn: { lte: periodEnd }, endsOn: { gte: periodStart } },
          agreementId ? { agreements: { some: { agreementId } } } : {},
        ],
      },
      select: {
        id: true, title: true, lang: true, translations: true, kind: true, startsOn: true, endsOn: true, participantsReportId: true,
        participantsTotal: true, participantsFemale: true, participantsMale: true, participantsOther: true,
      },
      orderBy: [{ startsOn: "asc" }, { title: "asc" }, { id: "asc" }],
    }),
    db.deliverable.findMany({
      where: {
        AND: [
          programmeChildWhere(scope, "deliverable"),
          { programmeId, archivedAt: null, ...(agreementId ? { agreementId } : {}) },
          { OR: [{ dueDate: dueInPeriod }, { dueDate: { lt: periodStart }, ...openDeliverable.where() }] },
        ],
      },
      select: { id: true, title: true, lang: true, translations: true, dueDate: true, status: true },
      orderBy: [{ dueDate: "asc" }, { title: "asc" }, { id: "asc" }],
    }),
    db.followUpAction.findMany({
      where: {
        outcome: { AND: [programmeChildWhere(scope, "outcome"), { archivedAt: null, activity: { programmeId } }] },
        OR: [{ dueDate: dueInPeriod }, { dueDate: { lt: periodStart }, status: { in: OPEN_FOLLOW_UPS } }],
      },
      select: { id: true, description: true, dueDate: true, status: true, outcome: { select: { id: true, text: true, lang: true, translations: true } } },
      orderBy: [{ dueDate: "asc" }, { position: "asc" }, { id: "asc" }],
    }),
    // The previous period's approved report of the same requirement: what the reviewer compares with.
    db.progressReport.findFirst({
      where: { requirementId: report.requirementId, status: "APPROVED", periodEnd: { lt: periodStart } },
      orderBy: { periodEnd: "desc" },
      select: { periodStart: true, periodEnd: true, indicators: { select: { indicatorId: true, actualValue: true, actualFemale: true, actualMale: true, comment: true } } },
    }),
  ]);
  const dec = (d: Prisma.Decimal | null) => d?.toString() ?? null;
  return {
    indicators: indicators.map((i) => {
      const inPeriod = i.periods.filter((p) => p.periodEnd >= periodStart);
      const enclosing = inPeriod.find((p) => encloses(p, report)) ?? null;
      const reportedBefore = previousReport?.indicators.find((r) => r.indicatorId === i.id) ?? null;
      const previous = reportedBefore
        ? { actualValue: reportedBefore.actualValue, actualFemale: reportedBefore.actualFemale, actualMale: reportedBefore.actualMale, actualComment: reportedBefore.comment, periodStart: previousReport!.periodStart, periodEnd: previousReport!.periodEnd }
        : (i.periods.find((p) => p.periodEnd < periodStart && p.approvedReportId) ?? null);
      const target = (enclosing?.targetValue != null ? enclosing : null) ?? inPeriod.find((p) => p.targetValue !== null) ?? null;
      // An indicator is disaggregated by sex when any of its periods records women and men (as its form does).
      const bySex = i.periods.some((p) => p.targetFemale !== null || p.targetMale !== null || p.actualFemale !== null || p.actualMale !== null);
      // The official figure this report's value becomes: of the indicator period that holds the report's
      // period (the same dates, or a longer target period such as a year: then the value is the actual to date).
      const official = enclosing;
      const toDate = enclosing !== null && !samePeriod(enclosing, report) ? { periodStart: enclosing.periodStart, periodEnd: enclosing.periodEnd } : null;
      return {
        id: i.id, title: i.title, lang: i.lang, translations: i.translations, measure: i.measure, unitLabel: i.unitLabel, bySex,
        target: target && { value: dec(target.targetValue), female: dec(target.targetFemale), male: dec(target.targetMale), periodStart: target.periodStart, periodEnd: target.periodEnd },
        previous: previous && { value: dec(previous.actualValue), female: dec(previous.actualFemale), male: dec(previous.actualMale), comment: previous.actualComment, periodStart: previous.periodStart, periodEnd: previous.periodEnd },
        official: official && { value: dec(official.actualValue), approvedReportId: official.approvedReportId },
        toDate,
      };
    }),
    activities,
    deliverables,
    followUps,
  };
}

// ---------------------------------------------------------------------------
// Reading

export async function loadReport(ctx: Pick<Ctx, "scope">, id: string) {
  const report = await findReport(prisma, ctx.scope, id);
  const [contents, reported, participants, items, comments, documents, programme, history] = await Promise.all([
    periodContents(prisma, ctx.scope, report),
    prisma.progressReportIndicator.findMany({ where: { reportId: id } }),
    prisma.progressReportParticipants.findMany({ where: { reportId: id } }),
    prisma.progressReportItem.findMany({ where: { reportId: id } }),
    prisma.progressReportComment.findMany({
      where: { reportId: id },
      orderBy: [{ round: "asc" }, { createdAt: "asc" }],
      select: { id: true, section: true, round: true, body: true, createdAt: true, author: { select: { name: true, email: true } } },
    }),
    prisma.document.findMany({
      where: { AND: [{ progressReportId: id }, ctx.scope.kind === "staff" ? {} : { shareable: true, archivedAt: null }] },
      select: { id: true, title: true, originalName: true, sizeBytes: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    prisma.programme.findUniqueOrThrow({ where: { id: report.programmeId }, select: { id: true, code: true, title: true, lang: true, translations: true } }),
    listHistory("ProgressReport", id),
  ]);
  const dec = (d: Prisma.Decimal | null) => d?.toString() ?? null;
  const byIndicator = new Map(reported.map((r) => [r.indicatorId, r]));
  const byActivity = new Map(participants.map((p) => [p.activityId, p]));
  const byItem = new Map(items.map((i) => [i.deliverableId ?? `f:${i.followUpActionId}`, i]));
  return {
    report: {
      id: report.id, status: report.status, sequence: report.sequence, periodStart: report.periodStart, periodEnd: report.periodEnd,
      dueDate: report.dueDate, narrative: report.narrative, lang: report.lang, translations: report.translations, round: report.round,
      version: report.version, submittedAt: report.submittedAt, returnedAt: report.returnedAt, approvedAt: report.approvedAt,
      reopenedAt: report.reopenedAt, reopenReason: report.reopenReason, countryCode: report.countryCode,
      requirement: report.requirement,
    },
    programme,
    abilities: abilities(ctx.scope, report),
    indicators: contents.indicators.map((i) => {
      const r = byIndicator.get(i.id);
      return { ...i, reported: { actualValue: dec(r?.actualValue ?? null), actualFemale: dec(r?.actualFemale ?? null), actualMale: dec(r?.actualMale ?? null), comment: r?.comment ?? null } };
    }),
    activities: contents.activities.map((a) => ({ ...a, reported: byActivity.get(a.id) ?? null })),
    items: [
      ...contents.deliverables.map((d) => ({ kind: "deliverable" as const, id: d.id, title: d.title, lang: d.lang, translations: d.translations, dueDate: d.dueDate, status: d.status as string, reported: byItem.get(d.id) ?? null })),
      ...contents.followUps.map((f) => ({ kind: "followUp" as const, id: f.id, title: f.description, lang: f.outcome.lang, translations: {}, dueDate: f.dueDate, status: f.status as string, reported: byItem.get(`f:${f.id}`) ?? null })),
    ],
    comments,
    documents,
    history,
  };
}

/**
 * A report as its page shows it to the reader: donors read the approved
 * report itself, without its history and the review exchange (those are
 * between the reporter and staff). The workspace page and the JSON API.
 */
export async function readReport(ctx: Pick<Ctx, "scope">, id: string) {
  const loaded = await loadReport(ctx, id);
  return ctx.scope.kind === "donor" ? { ...loaded, history: [], comments: [] } : loaded;
}

/** The report's current version (after a save whose follow-up step was refused). */
export async function reportVersion(ctx: Pick<Ctx, "scope">, id: string): Promise<number> {
  return (await findReport(prisma, ctx.scope, id)).version;
}

export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

// ---------------------------------------------------------------------------
// Writing a draft

const LANGS = ["en", "ru", "ko"] as const;

/** The stored translations with the form's narrative in each language other than the report's own (blank removes it). */
function mergeNarrative(stored: unknown, form: ProgressReportForm["translations"], lang: string): Prisma.InputJsonObject {
  const out: Record<string, Record<string, unknown>> = {};
  if (stored && typeof stored === "object" && !Array.isArray(stored)) {
    for (const [k, v] of Object.entries(stored)) if (v && typeof v === "object") out[k] = { ...(v as Record<string, unknown>) };
  }
  for (const locale of LANGS) {
    const entry = { ...(out[locale] ?? {}) };
    const text = locale === lang ? undefined : form[locale]?.narrative;
    if (text) entry.narrative = text;
    else delete entry.narrative;
    if (Object.keys(entry).length) out[locale] = entry;
    else delete out[locale];
  }
  return out as Prisma.InputJsonObject;
}

const invalidFields = (fields: Record<string, string>) => new DomainError("invalid", Object.values(fields)[0] ?? message("progressReport.v.fix"), { fields });

/** Why a reporter's write is refused: not theirs to make (403), or not in this status (the form says so). */
function refusal(scope: Scope, report: ReportHead): DomainError {
  const reporter = scope.kind === "staff" || (scope.kind === "partner" && report.requirement.reporter !== "STAFF");
  return reporter ? refuseStatus() : forbiddenError();
}

function refuseStatus(): DomainError {
  return new DomainError("invalid", message("progressReport.error.notEditable"), { field: "_form" });
}

/**
 * Saves what the form holds (a draft: nothing needs to be complete). A first
 * save moves NOT_STARTED to DRAFT and takes the writer's language as the
 * narrative's. Refused as a whole (nothing half-saved) when a value breaks a
 * rule; a stale version is a conflict showing what the other person changed.
 */
export async function saveDraft(ctx: Ctx, id: string, version: number, form: ProgressReportForm, writerLang = "en") {
  return prisma.$transaction(async (tx) => {
    const before = await findReport(tx, ctx.scope, id);
    const can = abilities(ctx.scope, before);
    if (!can.edit) throw refusal(ctx.scope, before);
    if (before.version !== version) return conflictSince(tx, "ProgressReport", id, version, before);
    const contents = await periodContents(tx, ctx.scope, before);
    const fields: Record<string, string> = {};

    const indicators = new Map(contents.indicators.map((i) => [i.id, i]));
    const indicatorRows = form.indicators.flatMap((row, i) => {
      const indicator = indicators.get(row.indicatorId);
      if (!indicator) {
        fields[`indicators.${i}.actualValue`] = message("progressReport.v.unknownIndicator");
        return [];
      }
      const numbers = (["actualValue", "actualFemale", "actualMale"] as const).filter((k) => row[k] !== undefined);
      if (indicator.measure === "QUALITATIVE" && numbers.length) fields[`indicators.${i}.${numbers[0]}`] = message("progressReport.v.qualitativeNumbers");
      if (indicator.measure === "PERCENTAGE") for (const k of numbers) if (!inPercentRange(row[k]!)) fields[`indicators.${i}.${k}`] = message("progressReport.v.percentRange");
      if (!indicator.bySex) for (const k of ["actualFemale", "actualMale"] as const) if (row[k] !== undefined) fields[`indicators.${i}.${k}`] = message("progressReport.v.notBySex");
      if (numbers.length === 0 && !row.comment) return [];
      return [{ reportId: id, indicatorId: row.indicatorId, actualValue: row.actualValue ?? null, actualFemale: row.actualFemale ?? null, actualMale: row.actualMale ?? null, comment: row.comment ?? null }];
    });

    const activityIds = new Set(contents.activities.map((a) => a.id));
    const participantRows = form.participants.flatMap((row, i) => {
      if (!activityIds.has(row.activityId)) {
        fields[`participants.${i}.total`] = message("progressReport.v.unknownActivity");
        return [];
      }
      if (row.total === undefined) return [];
      return [{ reportId: id, activityId: row.activityId, total: row.total, female: row.female ?? 0, male: row.male ?? 0, other: row.other ?? 0 }];
    });

    const deliverableIds = new Set(contents.deliverables.map((d) => d.id));
    const followUpIds = new Set(contents.followUps.map((f) => f.id));
    const itemRows = form.items.flatMap((row, i) => {
      const known = row.kind === "deliverable" ? deliverableIds.has(row.id) : followUpIds.has(row.id);
      if (!known) {
        fields[`items.${i}.status`] = message("progressReport.v.unknownItem");
        return [];
      }
      return [{ reportId: id, deliverableId: row.kind === "deliverable" ? row.id : null, followUpActionId: row.kind === "followUp" ? row.id : null, status: row.status, note: row.note ?? null }];
    });
    if (Object.keys(fields).length) throw invalidFields(fields);

    const lang = before.status === "NOT_STARTED" && !before.narrative ? writerLang : before.lang;
    const translations = mergeNarrative(before.translations, form.translations, lang);
    const beforeFigures = await figuresText(tx, id);
    await tx.progressReport.update({
      where: { id },
      data: { narrative: form.narrative ?? null, lang, translations, status: before.status === "NOT_STARTED" ? "DRAFT" : before.status, version: { increment: 1 } },
    });
    await tx.progressReportIndicator.deleteMany({ where: { reportId: id } });
    await tx.progressReportIndicator.createMany({ data: indicatorRows });
    await tx.progressReportParticipants.deleteMany({ where: { reportId: id } });
    await tx.progressReportParticipants.createMany({ data: participantRows });
    await tx.progressReportItem.deleteMany({ where: { reportId: id } });
    await tx.progressReportItem.createMany({ data: itemRows });
    const afterFigures = await figuresText(tx, id);

    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if ((before.narrative ?? null) !== (form.narrative ?? null)) changes.narrative = { before: before.narrative, after: form.narrative ?? null };
    if (JSON.stringify(before.translations) !== JSON.stringify(translations)) changes.translations = { before: before.translations, after: translations };
    if (before.status === "NOT_STARTED") changes.status = { before: "NOT_STARTED", after: "DRAFT" };
    for (const k of ["indicators", "participants", "items"] as const) {
      if (JSON.stringify(beforeFigures[k]) !== JSON.stringify(afterFigures[k])) changes[k] = { before: beforeFigures[k], after: afterFigures[k] };
    }
    await auditChange(tx, ctx, { action: "update", entityType: "ProgressReport", entityId: id, changes, version: version + 1 });
    return { id, version: version + 1, changed: Object.keys(changes) };
  });
}

/** The report's figures as the history shows them, one line each. */
async function figuresText(tx: Tx, reportId: string) {
  const [indicators, participants, items] = await Promise.all([
    tx.progressReportIndicator.findMany({ where: { reportId }, include: { indicator: { select: { title: true } } }, orderBy: { indicatorId: "asc" } }),
    tx.progressReportParticipants.findMany({ where: { reportId }, include: { activity: { select: { title: true } } }, orderBy: { activityId: "asc" } }),
    tx.progressReportItem.findMany({ where: { reportId }, orderBy: [{ deliverableId: "asc" }, { followUpActionId: "asc" }] }),
  ]);
  const v = (x: unknown) => String(auditValue(x) ?? "—");
  return {
    indicators: indicators.map((r) => `${r.indicator.title}: ${v(r.actualValue)}${r.actualFemale || r.actualMale ? ` (women ${v(r.actualFemale)}, men ${v(r.actualMale)})` : ""}${r.comment ? ` “${r.comment}”` : ""}`),
    participants: participants.map((p) => `${p.activity.title}: ${p.total} (women ${p.female}, men ${p.male}, other ${p.other})`),
    items: items.map((i) => `${i.deliverableId ? "deliverable" : "follow-up"} ${i.deliverableId ?? i.followUpActionId}: ${i.status}${i.note ? ` “${i.note}”` : ""}`),
  };
}

// ---------------------------------------------------------------------------
// The workflow

/** Moves the report on if it is still at `version` and in one of `from`; else a conflict. */
async function transition(
  tx: Tx,
  id: string,
  version: number,
  before: ReportHead,
  from: readonly string[],
  data: Prisma.ProgressReportUncheckedUpdateManyInput,
) {
  if (!from.includes(before.status)) throw refuseStatus();
  const updated = await tx.progressReport.updateMany({
    where: { id, version, status: { in: from as Prisma.EnumProgressReportStatusFilter["in"] } },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) return conflictSince(tx, "ProgressReport", id, version, before);
}

/**
 * Submits (or resubmits after a return) the report: the narrative and every
 * indicator's value must be there, or the fields that miss one are named.
 */
export async function submitReport(ctx: Ctx, id: string, version: number, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const before = await findReport(tx, ctx.scope, id);
    const can = abilities(ctx.scope, before);
    if (!can.submit) throw refusal(ctx.scope, before);
    if (before.version !== version) return conflictSince(tx, "ProgressReport", id, version, before);
    const contents = await periodContents(tx, ctx.scope, before);
    const reported = new Map((await tx.progressReportIndicator.findMany({ where: { reportId: id } })).map((r) => [r.indicatorId, r]));
    const fields: Record<string, string> = {};
    if (!before.narrative?.trim()) fields.narrative = message("progressReport.v.narrativeMissing");
    contents.indicators.forEach((indicator, i) => {
      const r = reported.get(indicator.id);
      const has = indicator.measure === "QUALITATIVE" ? !!r?.comment?.trim() : r?.actualValue !== null && r?.actualValue !== undefined;
      if (!has) fields[`indicators.${i}.${indicator.measure === "QUALITATIVE" ? "comment" : "actualValue"}`] = message("progressReport.v.valueMissing");
    });
    if (Object.keys(fields).length) throw invalidFields(fields);
    const round = before.round + 1;
    await transition(tx, id, version, before, EDITABLE_REPORT_STATUSES, { status: "SUBMITTED", round, submittedAt: now, submittedById: ctx.actor.id });
    await auditChange(tx, ctx, {
      action: "update",
      entityType: "ProgressReport",
      entityId: id,
      changes: { status: { before: before.status, after: "SUBMITTED" }, round: { before: before.round, after: round } },
      version: version + 1,
    });
    await emitNotification(tx, { kind: "REPORT_SUBMITTED", reportId: id, actorId: ctx.actor.id });
    return { id, version: version + 1 };
  });
}

function assertReviewer(ctx: Ctx, before: ReportHead, action: "return" | "approve" | "reopen") {
  if (ctx.scope.kind !== "staff") throw forbiddenError();
  if (!abilities(ctx.scope, before)[action]) throw refuseStatus();
}

/** Returns a submitted report to its reporter with comments by section (at least one). */
export async function returnReport(ctx: Ctx, id: string, version: number, comments: Partial<Record<ReportSectionValue, string | undefined>>, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const before = await findReport(tx, ctx.scope, id);
    assertReviewer(ctx, before, "return");
    const given = Object.entries(comments).filter((e): e is [ReportSection, string] => !!e[1]?.trim());
    if (given.length === 0) throw new DomainError("invalid", message("progressReport.v.commentNeeded"), { field: "comments.GENERAL" });
    await transition(tx, id, version, before, ["SUBMITTED"], { status: "RETURNED", returnedAt: now, returnedById: ctx.actor.id });
    await tx.progressReportComment.createMany({
      data: given.map(([section, body]) => ({ reportId: id, section, round: before.round, body: body.trim(), authorId: ctx.actor.id })),
    });
    await auditChange(tx, ctx, {
      action: "update",
      entityType: "ProgressReport",
      entityId: id,
      changes: { status: { before: "SUBMITTED", after: "RETURNED" }, comments: { before: null, after: given.map(([s, b]) => `${s}: ${b.trim()}`) } },
      version: version + 1,
    });
    await emitNotification(tx, { kind: "REPORT_RETURNED", reportId: id, actorId: ctx.actor.id });
    return { id, version: version + 1 };
  });
}

/**
 * Approves a submitted report and makes its figures the official ones, all
 * in one transaction: each reported indicator value becomes the actual of the
 * indicator's period with the report's dates (created when there is none),
 * each activity's participants its headline numbers, each item's status the
 * deliverable's or follow-up action's; each of those records is locked to
 * the report and its history shows the change.
 */
export async function approveReport(ctx: Ctx, id: string, version: number, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const before = await findReport(tx, ctx.scope, id);
    assertReviewer(ctx, before, "approve");
    await transition(tx, id, version, before, ["SUBMITTED"], { status: "APPROVED", approvedAt: now, approvedById: ctx.actor.id });
    const [indicators, participants, items] = await Promise.all([
      tx.progressReportIndicator.findMany({ where: { reportId: id }, include: { indicator: { select: { id: true, version: true, measure: true } } } }),
      tx.progressReportParticipants.findMany({ where: { reportId: id } }),
      tx.progressReportItem.findMany({ where: { reportId: id } }),
    ]);
    const { periodStart, periodEnd } = before;
    // An indicator's periods never overlap (its form refuses that). The
    // reported value becomes the actual of the period that holds the report's
    // period: the same dates, or a longer target period around it (a year's
    // target reported quarterly: the value is the actual to date, and the
    // latest approved report's stands). A period that overlaps the report's
    // only in part cannot take it: staff align the periods first.
    const overlapping = await tx.indicatorPeriod.findFirst({
      where: {
        indicatorId: { in: indicators.map((r) => r.indicatorId) },
        ...overlaps(periodStart, periodEnd),
        NOT: { periodStart: { lte: periodStart }, periodEnd: { gte: periodEnd } },
      },
      select: { periodStart: true, periodEnd: true, indicator: { select: { title: true } } },
    });
    if (overlapping) {
      throw new DomainError("invalid", message("progressReport.v.periodOverlap", {
        indicator: overlapping.indicator.title,
        start: String(auditValue(overlapping.periodStart)),
        end: String(auditValue(overlapping.periodEnd)),
      }), { field: "_form" });
    }
    const line = (p: { actualValue: unknown; actualFemale: unknown; actualMale: unknown } | null) =>
      p ? `actual ${String(auditValue(p.actualValue) ?? "—")}; women ${String(auditValue(p.actualFemale) ?? "—")}; men ${String(auditValue(p.actualMale) ?? "—")}` : null;
    for (const r of indicators) {
      const values = { actualValue: r.actualValue, actualFemale: r.actualFemale, actualMale: r.actualMale, actualComment: r.comment, approvedReportId: id };
      const existing = await tx.indicatorPeriod.findFirst({ where: { indicatorId: r.indicatorId, periodStart: { lte: periodStart }, periodEnd: { gte: periodEnd } } });
      if (existing) await tx.indicatorPeriod.update({ where: { id: existing.id }, data: { ...values, version: { increment: 1 } } });
      else await tx.indicatorPeriod.create({ data: { indicatorId: r.indicatorId, periodStart, periodEnd, ...values } });
      // The indicator's version moves, so an edit form opened before sees a conflict instead of writing over the official figures.
      await tx.indicator.update({ where: { id: r.indicatorId }, data: { version: { increment: 1 } } });
      await auditChange(tx, ctx, {
        action: "update",
        entityType: "Indicator",
        entityId: r.indicatorId,
        changes: {
          periods: {
            before: line(existing),
            after: `${auditValue(existing?.periodStart ?? periodStart)} to ${auditValue(existing?.periodEnd ?? periodEnd)}: ${line(r)} (approved report ${id})`,
          },
        },
        version: r.indicator.version + 1,
      });
    }
    for (const p of participants) {
      const was = await tx.activity.findUniqueOrThrow({ where: { id: p.activityId } });
      const activity = await tx.activity.update({
        where: { id: p.activityId },
        data: { participantsTotal: p.total, participantsFemale: p.female, participantsMale: p.male, participantsOther: p.other, participantsReportId: id, version: { increment: 1 } },
      });
      await auditChange(tx, ctx, {
        action: "update",
        entityType: "Activity",
        entityId: p.activityId,
        changes: {
          participantsTotal: { before: was.participantsTotal, after: p.total },
          participantsFemale: { before: was.participantsFemale, after: p.female },
          participantsMale: { before: was.participantsMale, after: p.male },
          participantsOther: { before: was.participantsOther, after: p.other },
        },
        version: activity.version,
      });
    }
    for (const item of items) {
      if (item.deliverableId) {
        const d = await tx.deliverable.findUniqueOrThrow({ where: { id: item.deliverableId } });
        const status = item.status as DeliverableStatus;
        if (d.status === status) continue;
        const updated = await tx.deliverable.update({ where: { id: d.id }, data: { status, ...statusTimestamps(status, d, now), version: { increment: 1 } } });
        await auditChange(tx, ctx, { action: "update", entityType: "Deliverable", entityId: d.id, changes: { status: { before: d.status, after: status } }, version: updated.version });
      } else if (item.followUpActionId) {
        const f = await tx.followUpAction.findUniqueOrThrow({ where: { id: item.followUpActionId }, include: { outcome: { select: { version: true } } } });
        const status = item.status as FollowUpStatus;
        if (f.status === status) continue;
        await tx.followUpAction.update({ where: { id: f.id }, data: { status } });
        // A follow-up action is part of its outcome (its form edits them together): the outcome's version and history record it.
        await tx.outcome.update({ where: { id: f.outcomeId }, data: { version: { increment: 1 } } });
        await auditChange(tx, ctx, {
          action: "update",
          entityType: "Outcome",
          entityId: f.outcomeId,
          changes: { followUps: { before: `${f.description}: ${f.status}`, after: `${f.description}: ${status}` } },
          version: f.outcome.version + 1,
        });
      }
    }
    await auditChange(tx, ctx, { action: "update", entityType: "ProgressReport", entityId: id, changes: { status: { before: "SUBMITTED", after: "APPROVED" } }, version: version + 1 });
    await emitNotification(tx, { kind: "REPORT_APPROVED", reportId: id, actorId: ctx.actor.id });
    return { id, version: version + 1 };
  });
}

/**
 * Reopens an approved report (ADR 0037): it goes back to RETURNED, so its
 * reporter can correct it and submit it again, with the reason recorded and
 * shown as a general comment. The figures it made official stay what
 * dashboards, reports and IATI show until it is approved again (which
 * overwrites them), but their locks are released, so staff can also correct
 * them on the indicator or activity meanwhile.
 */
export async function reopenReport(ctx: Ctx, id: string, version: number, reason: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const before = await findReport(tx, ctx.scope, id);
    assertReviewer(ctx, before, "reopen");
    const text = reason.trim();
    if (!text) throw new DomainError("invalid", message("progressReport.v.reasonNeeded"), { field: "reason" });
    await transition(tx, id, version, before, ["APPROVED"], { status: "RETURNED", reopenedAt: now, reopenedById: ctx.actor.id, reopenReason: text });
    await tx.indicatorPeriod.updateMany({ where: { approvedReportId: id }, data: { approvedReportId: null } });
    await tx.activity.updateMany({ where: { participantsReportId: id }, data: { participantsReportId: null } });
    await tx.progressReportComment.create({ data: { reportId: id, section: "GENERAL", round: before.round, body: text, authorId: ctx.actor.id } });
    await auditChange(tx, ctx, {
      action: "update",
      entityType: "ProgressReport",
      entityId: id,
      changes: { status: { before: "APPROVED", after: "RETURNED" }, reopenReason: { before: before.reopenReason, after: text } },
      version: version + 1,
    });
    await emitNotification(tx, { kind: "REPORT_REOPENED", reportId: id, actorId: ctx.actor.id });
    return { id, version: version + 1 };
  });
}

/**
 * Attaches an evidence document to a report: whoever may fill it in, while
 * it may be changed. The upload's checks are the document store's.
 */
export async function addEvidence(ctx: Ctx, id: string, title: string, upload: ReceivedUpload) {
  let report: ReportHead;
  try {
    report = await findReport(prisma, ctx.scope, id);
    if (!abilities(ctx.scope, report).edit) throw refusal(ctx.scope, report);
  } catch (error) {
    await discardUpload(upload);
    throw error;
  }
  const document = await createReportEvidence(ctx, report, title, upload);
  await auditChange(prisma, ctx, { action: "update", entityType: "ProgressReport", entityId: id, changes: { evidence: { before: null, after: `${title} (${document.originalName})` } } });
  return document;
}

/** The approved progress reports of these programmes a reader sees (a donor's programme cards), newest period first, by programme. */
export async function approvedReportsByProgramme(scope: Scope, programmeIds: string[]) {
  const rows = await prisma.progressReport.findMany({
    where: { AND: [progressReportWhere(scope), { programmeId: { in: programmeIds }, status: "APPROVED" }] },
    select: { id: true, programmeId: true, periodStart: true, periodEnd: true, requirement: { select: { title: true, lang: true, translations: true } } },
    orderBy: [{ periodStart: "desc" }, { id: "asc" }],
  });
  const out = new Map<string, typeof rows>();
  for (const r of rows) out.set(r.programmeId, [...(out.get(r.programmeId) ?? []), r]);
  return out;
}
