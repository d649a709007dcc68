import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { DELIVERABLE_STATUSES } from "./deliverable";
import { id, optionalInt, optionalMeasure, optionalText, requiredText, version } from "./fields";
import { measureUnits } from "./indicator";
import { FOLLOW_UP_STATUSES } from "./outcome";

// Issue 18: the progress report form (app/routes/portal.reports.$id.tsx and
// progress-reports.$id.tsx) and who may do what with a report. Client-safe:
// the browser validates with the same schema and shows the same buttons the
// model allows (app/models/progress-report.server.ts).

export const PROGRESS_REPORT_STATUSES = ["NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
export type ProgressReportStatusValue = (typeof PROGRESS_REPORT_STATUSES)[number];
export const REPORT_SECTIONS = ["GENERAL", "NARRATIVE", "INDICATORS", "PARTICIPANTS", "DELIVERABLES", "EVIDENCE"] as const;
export type ReportSectionValue = (typeof REPORT_SECTIONS)[number];

/** Statuses in which the reporter (or staff for them) may still change the report. */
export const EDITABLE_REPORT_STATUSES = ["NOT_STARTED", "DRAFT", "RETURNED"] as const satisfies readonly ProgressReportStatusValue[];

export type ReportActorRole = "staff" | "partner" | "donor";
export type ReportAbilities = { view: boolean; edit: boolean; submit: boolean; comment: boolean; return: boolean; approve: boolean; reopen: boolean };

/**
 * What a reader may do with a report it can see (scope is the query's
 * business: progressReportWhere). Partners of the report's country fill and
 * submit it unless the requirement says staff report; staff may always fill
 * and submit for the reporter (a ministry that sends its figures by mail),
 * and they alone review. Donors read approved reports only.
 */
export function reportAbilities(
  role: ReportActorRole,
  report: { status: ProgressReportStatusValue; reporter: "PARTNER_MINISTRY" | "IMPLEMENTING_ORGANISATION" | "STAFF" },
): ReportAbilities {
  const editable = (EDITABLE_REPORT_STATUSES as readonly string[]).includes(report.status);
  const none = { view: false, edit: false, submit: false, comment: false, return: false, approve: false, reopen: false };
  switch (role) {
    case "donor":
      return { ...none, view: report.status === "APPROVED" };
    case "partner": {
      const fills = report.reporter !== "STAFF" && editable;
      return { ...none, view: true, edit: fills, submit: fills };
    }
    case "staff":
      return {
        view: true,
        edit: editable,
        submit: editable,
        comment: report.status === "SUBMITTED",
        return: report.status === "SUBMITTED",
        approve: report.status === "SUBMITTED",
        reopen: report.status === "APPROVED",
      };
  }
}

const ITEM_STATUSES = [...new Set([...DELIVERABLE_STATUSES, ...FOLLOW_UP_STATUSES])] as [string, ...string[]];

const IndicatorRow = z.object({
  indicatorId: id("progressReport.v.indicator"),
  actualValue: optionalMeasure("progressReport.v.actual"),
  actualFemale: optionalMeasure("progressReport.v.actualFemale"),
  actualMale: optionalMeasure("progressReport.v.actualMale"),
  comment: optionalText("progressReport.v.comment", 2000),
});

const ParticipantsRow = z.object({
  activityId: id("progressReport.v.activity"),
  total: optionalInt("progressReport.v.total"),
  female: optionalInt("progressReport.v.women"),
  male: optionalInt("progressReport.v.men"),
  other: optionalInt("progressReport.v.other"),
});

const ItemRow = z.object({
  kind: z.enum(["deliverable", "followUp"]),
  id: id("progressReport.v.item"),
  status: z.enum(ITEM_STATUSES, { errorMap: () => ({ message: m("progressReport.v.itemStatus") }) }),
  note: optionalText("progressReport.v.note", 2000),
});

const list = <T extends z.ZodTypeAny>(row: T, max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []), z.array(row).max(max));

/**
 * A draft as the form posts it. Everything is optional: a draft is saved as
 * far as it goes; what submitting needs (the narrative, every indicator's
 * value) is checked by the model's submit. Rules that depend on an
 * indicator's measure (a percentage within 0-100, no numbers for a
 * qualitative one) are the model's too: the form does not carry the measure.
 */
export const ProgressReportFormSchema = z
  .object({
    version: version(),
    narrative: optionalText("progressReport.v.narrative", 20_000),
    /** The narrative in the other languages (kept as narratives, as record titles are). */
    translations: z
      .object({
        ru: z.object({ narrative: optionalText("progressReport.v.translatedNarrative", 20_000) }).default({}),
        ko: z.object({ narrative: optionalText("progressReport.v.translatedNarrative", 20_000) }).default({}),
        en: z.object({ narrative: optionalText("progressReport.v.translatedNarrative", 20_000) }).default({}),
      })
      .default({}),
    indicators: list(IndicatorRow, 300).default([]),
    participants: list(ParticipantsRow, 500).default([]),
    items: list(ItemRow, 500).default([]),
  })
  .superRefine((a, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    a.indicators.forEach((row, i) => {
      if (row.actualValue === undefined || (row.actualFemale === undefined && row.actualMale === undefined)) return;
      const sum = (row.actualFemale ? measureUnits(row.actualFemale) : BigInt(0)) + (row.actualMale ? measureUnits(row.actualMale) : BigInt(0));
      if (sum > measureUnits(row.actualValue)) {
        issue(["indicators", i, row.actualFemale !== undefined ? "actualFemale" : "actualMale"], m("progressReport.v.sexOverActual"));
      }
    });
    a.participants.forEach((row, i) => {
      const bySex = [row.female, row.male, row.other];
      const sum = bySex.reduce<number>((s, n) => s + (n ?? 0), 0);
      if (row.total === undefined && bySex.some((n) => n !== undefined)) issue(["participants", i, "total"], m("progressReport.v.totalNeeded"));
      if (row.total !== undefined && sum > row.total) {
        issue(["participants", i, "total"], m("progressReport.v.bySexOverTotal", { sum: String(sum), total: String(row.total) }));
      }
    });
    a.items.forEach((row, i) => {
      const allowed: readonly string[] = row.kind === "deliverable" ? DELIVERABLE_STATUSES : FOLLOW_UP_STATUSES;
      if (!allowed.includes(row.status)) issue(["items", i, "status"], m("progressReport.v.itemStatus"));
    });
  });

export type ProgressReportForm = z.infer<typeof ProgressReportFormSchema>;

/** A report as loadReport reads it (or its JSON): what the form's values come from. */
type LoadedValues = {
  report: { version: number; narrative: string | null; translations: unknown };
  indicators: { id: string; reported: { actualValue: string | null; actualFemale: string | null; actualMale: string | null; comment: string | null } }[];
  activities: { id: string; reported: { total: number; female: number; male: number; other: number } | null }[];
  items: { kind: "deliverable" | "followUp"; id: string; status: string; reported: { status: string; note: string | null } | null }[];
};

/** The form's values for the report as loaded: the report pages' form and the JSON API's record (what a PATCH changes). */
export function reportFormDefaults(data: LoadedValues) {
  const translations = (data.report.translations ?? {}) as Record<string, { narrative?: string }>;
  return {
    version: String(data.report.version),
    narrative: data.report.narrative ?? "",
    translations: Object.fromEntries(["en", "ru", "ko"].map((l) => [l, { narrative: translations[l]?.narrative ?? "" }])),
    indicators: data.indicators.map((i) => ({
      indicatorId: i.id,
      actualValue: i.reported.actualValue ?? "",
      actualFemale: i.reported.actualFemale ?? "",
      actualMale: i.reported.actualMale ?? "",
      comment: i.reported.comment ?? "",
    })),
    participants: data.activities.map((a) => ({
      activityId: a.id,
      total: a.reported ? String(a.reported.total) : "",
      female: a.reported ? String(a.reported.female) : "",
      male: a.reported ? String(a.reported.male) : "",
      other: a.reported ? String(a.reported.other) : "",
    })),
    items: data.items.map((i) => ({ kind: i.kind, id: i.id, status: i.reported?.status ?? i.status, note: i.reported?.note ?? "" })),
  };
}

/** A reviewer's return: at least one section comment. */
export const ReturnReportSchema = z
  .object({
    version: version(),
    comments: z
      .object(Object.fromEntries(REPORT_SECTIONS.map((s) => [s, optionalText("progressReport.v.sectionComment", 5000)])) as Record<ReportSectionValue, ReturnType<typeof optionalText>>)
      .default({}),
  })
  .superRefine((a, ctx) => {
    if (!Object.values(a.comments).some((c) => c)) ctx.addIssue({ code: "custom", path: ["comments", "GENERAL"], message: m("progressReport.v.commentNeeded") });
  });
export type ReturnReportForm = z.infer<typeof ReturnReportSchema>;

export const ApproveReportSchema = z.object({ version: version() });

export const ReopenReportSchema = z.object({
  version: version(),
  reason: requiredText("progressReport.v.reason", 2000),
});

/** An evidence document's title (the file is the upload's; its checks are the document store's). */
export const EvidenceFormSchema = z.object({ title: requiredText("progressReport.v.evidenceTitle", 300) });
