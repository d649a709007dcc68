import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { MAX_PERIODS } from "~/models/reporting-periods";
import { enumField, isRealDay, narratives, optionalId, requiredDate, requiredText } from "./fields";

// Issue 18: a programme's reporting requirement (who reports how often), the
// staff form on both sides. Checks that need the database (the reporter
// country among the programme's countries, the agreement in the programme,
// periods whose reports already hold data) run in the model.

export const REPORTING_FREQUENCIES = ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "ANNUAL", "CUSTOM"] as const;
export const REPORTER_KINDS = ["PARTNER_MINISTRY", "IMPLEMENTING_ORGANISATION", "STAFF"] as const;
export const PROGRESS_REPORT_STATUSES = ["NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
export type ProgressReportStatusName = (typeof PROGRESS_REPORT_STATUSES)[number];

/** A report can be late only while nobody has submitted it (not started, draft, or returned for correction). */
export const OPEN_REPORT_STATUSES = ["NOT_STARTED", "DRAFT", "RETURNED"] as const satisfies readonly ProgressReportStatusName[];
/** "Due soon": open and due within this many days (today included). */
export const REPORT_DUE_SOON_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The custom period ends as typed: dates separated by commas, spaces or lines. */
const customEnds = z.preprocess(
  (v) => (Array.isArray(v) ? v.join("\n") : v ?? ""),
  z
    .string()
    .max(4000, m("reporting.v.customTooMany", { max: MAX_PERIODS }))
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
    .superRefine((parts, ctx) => {
      const bad = parts.find((p) => !isRealDay(p));
      if (bad) ctx.addIssue({ code: "custom", message: m("reporting.v.customNotDate", { value: bad.slice(0, 20) }) });
      if (parts.length > MAX_PERIODS) ctx.addIssue({ code: "custom", message: m("reporting.v.customTooMany", { max: MAX_PERIODS }) });
    })
    .transform((parts) => parts.map((p) => new Date(`${p}T00:00:00Z`))),
);

export const RequirementFormSchema = z
  .object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    title: requiredText("reporting.v.title", 300),
    /** The title in Russian and Korean (the form's language is the record's lang). */
    translations: narratives(300, 0, { title: 300 }),
    agreementId: optionalId(),
    frequency: enumField(REPORTING_FREQUENCIES, m("reporting.v.chooseFrequency")),
    startDate: requiredDate("reporting.v.startDate"),
    endDate: requiredDate("reporting.v.endDate"),
    customPeriodEnds: customEnds,
    dueDays: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.coerce
        .number({ required_error: m("reporting.v.dueDays"), invalid_type_error: m("reporting.v.dueDays") })
        .int(m("reporting.v.dueDays"))
        .min(0, m("reporting.v.dueDays"))
        .max(365, m("reporting.v.dueDays")),
    ),
    reporter: enumField(REPORTER_KINDS, m("reporting.v.chooseReporter")),
    reporterCountryCode: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.string().trim().regex(/^[A-Za-z]{2}$/, m("reporting.v.country")).transform((s) => s.toUpperCase()).optional(),
    ),
    reporterOrganisationId: optionalId(),
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (d.endDate.getTime() < d.startDate.getTime()) issue("endDate", m("reporting.v.endBeforeStart"));
    else if (d.endDate.getTime() - d.startDate.getTime() > 10 * 366 * DAY_MS) issue("endDate", m("reporting.v.tooLong"));
    if (d.frequency === "CUSTOM") {
      const ends = d.customPeriodEnds;
      if (ends.length === 0) issue("customPeriodEnds", m("reporting.v.customNeeded"));
      else if (ends.some((e, i) => i > 0 && e.getTime() <= ends[i - 1].getTime())) issue("customPeriodEnds", m("reporting.v.customAscending"));
      else if (ends.some((e) => e.getTime() < d.startDate.getTime() || e.getTime() > d.endDate.getTime())) {
        issue("customPeriodEnds", m("reporting.v.customRange"));
      }
    }
    if (d.reporter !== "STAFF" && !d.reporterCountryCode) issue("reporterCountryCode", m("reporting.v.countryNeeded"));
    if (d.reporter === "IMPLEMENTING_ORGANISATION" && !d.reporterOrganisationId) issue("reporterOrganisationId", m("reporting.v.organisationNeeded"));
  });

export type RequirementForm = z.infer<typeof RequirementFormSchema>;

/** Open and due before today: late. */
export function isReportOverdue(r: { dueDate: Date | string; status: string }, today: Date): boolean {
  const due = typeof r.dueDate === "string" ? new Date(r.dueDate) : r.dueDate;
  return (OPEN_REPORT_STATUSES as readonly string[]).includes(r.status) && due.getTime() < today.getTime();
}

/** Open and due from today to REPORT_DUE_SOON_DAYS ahead. */
export function isReportDueSoon(r: { dueDate: Date | string; status: string }, today: Date): boolean {
  const due = typeof r.dueDate === "string" ? new Date(r.dueDate) : r.dueDate;
  return (
    (OPEN_REPORT_STATUSES as readonly string[]).includes(r.status) &&
    due.getTime() >= today.getTime() &&
    due.getTime() <= today.getTime() + REPORT_DUE_SOON_DAYS * DAY_MS
  );
}
