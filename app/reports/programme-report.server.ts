import { Prisma } from "@prisma/client";
import { programmeChildScopeSql, programmeChildWhere, programmeWhere, type Scope } from "~/auth/scope.server";
import { participantSumsSql, participantsCountedSql } from "~/models/activity.server";
import { EFFECTIVE_STATUS_SELECT, startOfToday, withEffectiveStatus } from "~/models/agreement.server";
import { overdueDeliverable } from "~/models/deliverable-rules.server";
import { documentWhere } from "~/models/document.server";
import { programmeSpan, type DateSpan } from "~/models/programme.server";
import { fundingByYear, type FundingYearRow } from "~/models/funding.server";
import { latestPeriod, type IndicatorLatest } from "~/models/indicator.server";
import { recordAudit } from "~/models/audit.server";
import { auditSource, type Ctx } from "~/models/ctx.server";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { narrative } from "~/i18n/narrative";
import type { Translator } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import type { Precision } from "~/utils/format";

// The programme report BUILDER: plain rows and sections read from the
// database through the viewer's scope, for one programme and one reporting
// period. The formats (pdf.server.ts, xlsx.server.ts) only lay these rows out;
// they never query. A programme outside the scope gives null (a 404).
//
// What "in the period" means, per record type:
// - agreements: in force at some point of the period (signed or effective on
//   or before its end, and not expired before its start; undated ones count);
// - activities: started in the period (actual start, else planned start);
// - deliverables: due in the period;
// - outcomes: agreed at an activity of the period;
// - indicator periods: overlapping the period;
// - funding: transaction date (else value date) in the period.
// Without ?from/?to the period is the programme's whole record (programmeSpan:
// every dated record, not only activity starts), so the report's counts are
// the pages' counts: its overdue deliverables are the dashboard's.
//
// Names of stored values (kinds, statuses, countries) are in the language of
// the translator given, the reader's: the formats write them as they are.
// So are the records' own titles, descriptions and outcome texts, where the
// record keeps them in that language (issue 7, item 3), else its own text:
// each field goes through narrative() here, once, while the rows are built,
// so the formats never see the translations and no second copy of the rows
// is made (the report is benchmarked for memory).

/** `whole`: the default period, the programme's whole record; it then also holds the undated activities (and their outcomes), as the pages do. */
export type ReportPeriod = DateSpan & { whole?: true };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A yyyy-mm-dd string as a UTC calendar date, or null when it is not a real date. */
export function parseReportDate(value: string | null | undefined): Date | null {
  if (!value || !DAY.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The reporting period asked for in a URL (?from=&to=), each end defaulting to
 * the programme's span. A period that ends before it starts is swapped rather
 * than refused: the report is still what the reader meant.
 */
export async function resolvePeriod(programmeId: string, params: URLSearchParams): Promise<ReportPeriod> {
  const asked = { from: parseReportDate(params.get("from")), to: parseReportDate(params.get("to")) };
  const span = asked.from && asked.to ? null : await programmeSpan(programmeId);
  const from = asked.from ?? span!.from;
  const to = asked.to ?? span!.to;
  if (!asked.from && !asked.to) return { from, to, whole: true };
  return from.getTime() <= to.getTime() ? { from, to } : { from: to, to: from };
}

const num = (d: Prisma.Decimal | null | undefined) => (d === null || d === undefined ? null : d.toNumber());

// ---------------------------------------------------------------------------
// The report

export type ReportAgreement = {
  title: string;
  type: string;
  status: string;
  reference: string | null;
  parties: string;
  signedOn: Date | null;
  /** How precisely signedOn is known ("Nov 2019" is MONTH). */
  signedPrecision: Precision;
  effectiveOn: Date | null;
  expiresOn: Date | null;
  value: number | null;
  currency: string | null;
};

export type ReportActivity = {
  title: string;
  kind: string;
  status: string;
  country: string | null;
  city: string | null;
  start: Date | null;
  end: Date | null;
  /** How precisely start and end are known. */
  precision: Precision;
  /** True when the dates are the planned ones (no actual start recorded). */
  planned: boolean;
  agreements: string;
  participantsTotal: number | null;
  female: number | null;
  male: number | null;
  other: number | null;
  participantsNote: string | null;
};

export type ReportParticipantGroup = {
  activity: string;
  activityStart: Date | null;
  activityPrecision: Precision;
  group: string;
  total: number;
  female: number;
  male: number;
  other: number;
};

export type ReportDeliverable = {
  title: string;
  agreement: string | null;
  activity: string | null;
  responsible: string | null;
  status: string;
  dueDate: Date | null;
  overdue: boolean;
  submittedAt: Date | null;
  acceptedAt: Date | null;
};

export type ReportOutcome = {
  activity: string;
  activityStart: Date | null;
  activityPrecision: Precision;
  type: string;
  text: string;
  responsible: string | null;
  dueDate: Date | null;
  followUp: string;
  followUpNote: string | null;
  deliverable: string | null;
};

export type ReportIndicatorPeriod = {
  start: Date;
  end: Date;
  target: number | null;
  actual: number | null;
  targetComment: string | null;
  actualComment: string | null;
};

export type ReportIndicator = {
  title: string;
  resultType: string;
  measure: string;
  unit: string | null;
  ascending: boolean;
  baseline: number | null;
  baselineYear: number | null;
  periods: ReportIndicatorPeriod[];
  latest: IndicatorLatest | null;
};

export type ReportDocument = { title: string; category: string; date: Date | null; file: string };

export type ProgrammeReport = {
  generatedAt: Date;
  period: ReportPeriod;
  programme: {
    id: string;
    code: string;
    title: string;
    /** The title in the other languages it is kept in (Russian, Korean…). */
    otherTitles: string[];
    status: string;
    description: string | null;
    countries: string[];
    funders: string[];
    implementers: string[];
    start: Date | null;
    end: Date | null;
    budget: number | null;
    budgetCurrency: string | null;
  };
  summary: {
    agreements: number;
    activities: number;
    participants: number;
    female: number;
    male: number;
    other: number;
    deliverables: number;
    deliverablesOverdue: number;
    outcomes: number;
    indicators: number;
    documents: number;
  };
  agreements: ReportAgreement[];
  activities: ReportActivity[];
  participantGroups: ReportParticipantGroup[];
  deliverables: ReportDeliverable[];
  outcomes: ReportOutcome[];
  indicators: ReportIndicator[];
  funding: FundingYearRow[];
  documents: ReportDocument[];
};

/** Names a record keeps in other languages (IATI narratives), e.g. { ru: { title }, ko: { fullName } }. */
function otherNames(translations: unknown, key: "title" | "fullName"): string[] {
  if (!translations || typeof translations !== "object") return [];
  return Object.values(translations as Record<string, Record<string, unknown>>)
    .map((t) => (t && typeof t[key] === "string" ? (t[key] as string).trim() : ""))
    .filter(Boolean);
}

type Narrated = { lang?: string | null; translations?: unknown };

/**
 * "Full name (SHORT)" with the full name in the reader's language where the
 * organisation keeps it, and (withOthers) its names in the other languages
 * after it (e.g. Korean, Russian), its own name among them when it is not
 * the one shown.
 */
function orgName(o: { shortName: string; fullName: string } & Narrated, locale: Locale, withOthers = true) {
  const shown = narrative(o, "fullName", o.fullName, locale);
  const base = shown && shown !== o.shortName ? `${shown} (${o.shortName})` : o.shortName;
  if (!withOthers) return base;
  const others = [...new Set([o.fullName, ...otherNames(o.translations, "fullName")])].filter((n) => n && n !== shown);
  return others.length ? `${base} — ${others.join(" / ")}` : base;
}

/** The programme (by code) as the scope sees it, or null: the one door every report goes through. */
export async function findReportProgramme(scope: Scope, code: string) {
  return prisma.programme.findFirst({
    where: { AND: [programmeWhere(scope), { code }] },
    select: { id: true, code: true, title: true },
  });
}

/**
 * Everything a programme report shows, for the period, as the scope sees it;
 * null when the programme does not exist or is outside the scope.
 */
export async function buildProgrammeReport(
  scope: Scope,
  code: string,
  period: ReportPeriod,
  now = new Date(),
  t: Translator = serverTranslator(DEFAULT_LOCALE),
): Promise<ProgrammeReport | null> {
  const found = await findReportProgramme(scope, code);
  if (!found) return null;
  const programmeId = found.id;
  const { from, to } = period;
  // Partners and donors never see archived records; staff reports leave them out too:
  // a report is about the live record of the programme.
  const live = { archivedAt: null };
  const today = startOfToday(now);
  const locale = t.locale;
  const title = (r: { title: string } & Narrated) => narrative(r, "title", r.title, locale);

  // Every section through the scope's rule for its kind (a partner sees only
  // what concerns its countries, ADR 0011); documents through documentWhere.
  const activityInPeriod: Prisma.ActivityWhereInput = {
    programmeId,
    ...live,
    AND: [programmeChildWhere(scope, "activity")],
    OR: [
      { actualStart: { gte: from, lte: to } },
      { actualStart: null, plannedStart: { gte: from, lte: to } },
      ...(period.whole ? [{ actualStart: null, plannedStart: null }] : []),
    ],
  };

  const [programme, agreements, activities, deliverables, outcomes, indicators, funding, documents] = await Promise.all([
    prisma.programme.findUniqueOrThrow({
      where: { id: programmeId },
      select: {
        id: true,
        code: true,
        title: true,
        status: true,
        description: true,
        plannedStart: true,
        plannedEnd: true,
        actualStart: true,
        actualEnd: true,
        budgetAmount: true,
        budgetCurrency: true,
        lang: true,
        translations: true,
        countries: { select: { countryCode: true }, orderBy: { countryCode: "asc" } },
        organisations: {
          select: { role: true, organisation: { select: { shortName: true, fullName: true, lang: true, translations: true } } },
          orderBy: { organisation: { shortName: "asc" } },
        },
      },
    }),
    prisma.agreement.findMany({
      where: {
        programmeId,
        ...live,
        AND: [
          programmeChildWhere(scope, "agreement"),
          { OR: [{ signedOn: null, effectiveOn: null }, { signedOn: { lte: to } }, { signedOn: null, effectiveOn: { lte: to } }] },
          { OR: [{ expiresOn: null }, { expiresOn: { gte: from } }] },
        ],
      },
      orderBy: [{ signedOn: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: {
        title: true,
        type: true,
        ...EFFECTIVE_STATUS_SELECT,
        reference: true,
        signedOn: true,
        signedPrecision: true,
        effectiveOn: true,
        value: true,
        currency: true,
        lang: true,
        translations: true,
        parties: { select: { organisation: { select: { shortName: true } } } },
      },
    }).then((rows) => withEffectiveStatus(rows, today)),
    prisma.activity.findMany({
      where: activityInPeriod,
      orderBy: [{ actualStart: { sort: "asc", nulls: "last" } }, { plannedStart: { sort: "asc", nulls: "last" } }, { title: "asc" }],
      select: {
        title: true,
        kind: true,
        status: true,
        city: true,
        plannedStart: true,
        plannedEnd: true,
        actualStart: true,
        actualEnd: true,
        datePrecision: true,
        participantsTotal: true,
        participantsFemale: true,
        participantsMale: true,
        participantsOther: true,
        participantsNote: true,
        countryCode: true,
        lang: true,
        translations: true,
        agreements: { select: { agreement: { select: { title: true, archivedAt: true, lang: true, translations: true } } } },
        participantGroups: {
          orderBy: [{ total: "desc" }, { id: "asc" }],
          select: {
            label: true,
            total: true,
            female: true,
            male: true,
            other: true,
            organisation: { select: { shortName: true, fullName: true, lang: true, translations: true } },
          },
        },
      },
    }),
    prisma.deliverable.findMany({
      where: { programmeId, ...live, dueDate: { gte: from, lte: to }, AND: [programmeChildWhere(scope, "deliverable")] },
      orderBy: [{ dueDate: "asc" }, { title: "asc" }],
      select: {
        title: true,
        status: true,
        dueDate: true,
        submittedAt: true,
        acceptedAt: true,
        lang: true,
        translations: true,
        agreement: { select: { title: true, archivedAt: true, lang: true, translations: true } },
        activity: { select: { title: true, archivedAt: true, lang: true, translations: true } },
        responsibleOrg: { select: { shortName: true } },
      },
    }),
    prisma.outcome.findMany({
      where: { ...live, activity: activityInPeriod },
      orderBy: [{ activity: { actualStart: { sort: "asc", nulls: "last" } } }, { activity: { plannedStart: "asc" } }, { createdAt: "asc" }],
      select: {
        type: true,
        text: true,
        dueDate: true,
        followUpStatus: true,
        followUpNote: true,
        lang: true,
        translations: true,
        responsibleOrg: { select: { shortName: true } },
        deliverable: { select: { title: true, archivedAt: true, lang: true, translations: true } },
        activity: { select: { title: true, actualStart: true, plannedStart: true, datePrecision: true, lang: true, translations: true } },
      },
    }),
    prisma.indicator.findMany({
      where: { programmeId, ...live, AND: [programmeChildWhere(scope, "indicator")] },
      orderBy: [{ resultType: "asc" }, { title: "asc" }],
      select: {
        title: true,
        resultType: true,
        measure: true,
        unitLabel: true,
        ascending: true,
        baselineValue: true,
        baselineYear: true,
        lang: true,
        translations: true,
        periods: {
          where: { periodStart: { lte: to }, periodEnd: { gte: from } },
          orderBy: { periodStart: "asc" },
          select: {
            periodStart: true,
            periodEnd: true,
            targetValue: true,
            actualValue: true,
            targetComment: true,
            actualComment: true,
          },
        },
      },
    }),
    fundingByYear([programmeId], period, scope),
    prisma.document.findMany({
      // Only staff see documents that are not published (documentWhere).
      where: { AND: [{ programmeId, ...live }, documentWhere(scope)] },
      orderBy: [{ documentDate: { sort: "desc", nulls: "last" } }, { title: "asc" }],
      select: { title: true, lang: true, translations: true, categoryCode: true, documentDate: true, originalName: true },
    }),
  ]);

  const byRole = (role: string) =>
    programme.organisations.filter((o) => o.role === role).map((o) => orgName(o.organisation, locale));

  const activityRows: ReportActivity[] = activities.map((a) => ({
    title: title(a),
    kind: t.label("activityKind", a.kind),
    status: t.label("activityStatus", a.status),
    country: a.countryCode ? t.label("country", a.countryCode) : null,
    city: a.city,
    start: a.actualStart ?? a.plannedStart,
    end: a.actualStart ? a.actualEnd : a.plannedEnd,
    precision: a.datePrecision,
    planned: !a.actualStart,
    agreements: a.agreements
      .filter((x) => !x.agreement.archivedAt)
      .map((x) => title(x.agreement))
      .join("; "),
    participantsTotal: a.participantsTotal,
    female: a.participantsFemale,
    male: a.participantsMale,
    other: a.participantsOther,
    participantsNote: a.participantsNote,
  }));

  const groups: ReportParticipantGroup[] = activities.flatMap((a) =>
    a.participantGroups.map((g) => ({
      activity: title(a),
      activityStart: a.actualStart ?? a.plannedStart,
      activityPrecision: a.datePrecision,
      // A group names its organisation only (the programme's organisations carry the other names).
      group: g.organisation ? orgName(g.organisation, locale, false) : g.label ?? t("reports.otherParticipants"),
      total: g.total,
      female: g.female,
      male: g.male,
      other: g.other,
    })),
  );

  const deliverableRows: ReportDeliverable[] = deliverables.map((d) => ({
    title: title(d),
    agreement: d.agreement && !d.agreement.archivedAt ? title(d.agreement) : null,
    activity: d.activity && !d.activity.archivedAt ? title(d.activity) : null,
    responsible: d.responsibleOrg?.shortName ?? null,
    status: t.label("deliverableStatus", d.status),
    dueDate: d.dueDate,
    overdue: overdueDeliverable.test(d, today),
    submittedAt: d.submittedAt,
    acceptedAt: d.acceptedAt,
  }));

  // Participants by their one rule (participantsCountedSql), in the period.
  const [participants] = await prisma.$queryRaw<{ total: number; female: number; male: number; other: number }[]>`
    SELECT ${participantSumsSql("a")} FROM "Activity" a
    WHERE a."programmeId" = ${programmeId} AND ${participantsCountedSql(scope, "a")}
      AND COALESCE(a."actualStart", a."plannedStart") BETWEEN ${isoDay(from)}::date AND ${isoDay(to)}::date`;

  const programmeTitle = title(programme);
  return {
    generatedAt: now,
    period,
    programme: {
      id: programme.id,
      code: programme.code,
      title: programmeTitle,
      status: programme.status,
      description: programme.description === null ? null : narrative(programme, "description", programme.description, locale),
      countries: programme.countries.map((c) => t.label("country", c.countryCode)),
      // Its own title too when the reader's language replaced it.
      otherTitles: [...new Set([programme.title, ...otherNames(programme.translations, "title")])].filter((n) => n && n !== programmeTitle),
      funders: byRole("FUNDING"),
      implementers: [...new Set([...byRole("IMPLEMENTING"), ...byRole("EXTENDING"), ...byRole("ACCOUNTABLE")])],
      start: programme.actualStart ?? programme.plannedStart,
      end: programme.actualEnd ?? programme.plannedEnd,
      budget: num(programme.budgetAmount),
      budgetCurrency: programme.budgetCurrency,
    },
    summary: {
      agreements: agreements.length,
      activities: activityRows.length,
      participants: participants.total,
      female: participants.female,
      male: participants.male,
      other: participants.other,
      deliverables: deliverableRows.length,
      deliverablesOverdue: deliverableRows.filter((d) => d.overdue).length,
      outcomes: outcomes.length,
      indicators: indicators.length,
      documents: documents.length,
    },
    agreements: agreements.map((a) => ({
      title: title(a),
      type: t.label("agreementType", a.type),
      status: t.label("agreementStatus", a.status),
      reference: a.reference,
      parties: [...new Set(a.parties.map((p) => p.organisation.shortName))].join(", "),
      signedOn: a.signedOn,
      signedPrecision: a.signedPrecision,
      effectiveOn: a.effectiveOn,
      expiresOn: a.expiresOn,
      value: num(a.value),
      currency: a.currency,
    })),
    activities: activityRows,
    participantGroups: groups,
    deliverables: deliverableRows,
    outcomes: outcomes.map((o) => ({
      activity: title(o.activity),
      activityStart: o.activity.actualStart ?? o.activity.plannedStart,
      activityPrecision: o.activity.datePrecision,
      type: t.label("outcomeType", o.type),
      text: narrative(o, "text", o.text, locale),
      responsible: o.responsibleOrg?.shortName ?? null,
      dueDate: o.dueDate,
      followUp: t.label("followUp", o.followUpStatus),
      followUpNote: o.followUpNote,
      deliverable: o.deliverable && !o.deliverable.archivedAt ? title(o.deliverable) : null,
    })),
    indicators: indicators.map((i) => ({
      title: title(i),
      resultType: t.label("resultType", i.resultType),
      measure: i.measure,
      unit: i.measure === "PERCENTAGE" ? "%" : i.unitLabel,
      ascending: i.ascending,
      baseline: num(i.baselineValue),
      baselineYear: i.baselineYear,
      periods: i.periods.map((p) => ({
        start: p.periodStart,
        end: p.periodEnd,
        target: num(p.targetValue),
        actual: num(p.actualValue),
        targetComment: p.targetComment,
        actualComment: p.actualComment,
      })),
      latest: latestPeriod(i.periods),
    })),
    funding,
    documents: documents.map((d) => ({ title: title(d), category: d.categoryCode, date: d.documentDate, file: d.originalName })),
  };
}

/** concord-<code>-<from>-to-<to>-<generated>.<ext>, safe as a file name. */
export function reportFilename(report: Pick<ProgrammeReport, "programme" | "period" | "generatedAt">, ext: "pdf" | "xlsx" | "csv"): string {
  const code = report.programme.code.replace(/[^A-Za-z0-9_-]+/g, "-");
  return `concord-${code}-${isoDay(report.period.from)}-to-${isoDay(report.period.to)}-${isoDay(report.generatedAt)}.${ext}`;
}

/**
 * A report for download: the programme through the scope (null when out of
 * scope), the period from the URL, and an "export" audit event. `t` is the
 * reader's language (the route's requestTranslator).
 */
export async function prepareProgrammeExport(
  ctx: Ctx,
  code: string,
  params: URLSearchParams,
  format: "pdf" | "xlsx" | "csv",
  t: Translator = serverTranslator(DEFAULT_LOCALE),
): Promise<{ report: ProgrammeReport; filename: string } | null> {
  const found = await findReportProgramme(ctx.scope, code);
  if (!found) return null;
  const period = await resolvePeriod(found.id, params);
  const report = await buildProgrammeReport(ctx.scope, code, period, new Date(), t);
  if (!report) return null;
  await recordAudit({
    ...auditSource(ctx),
    action: "export",
    entityType: "Programme",
    entityId: report.programme.id,
    metadata: { format, from: isoDay(period.from), to: isoDay(period.to) },
  });
  return { report, filename: reportFilename(report, format) };
}
