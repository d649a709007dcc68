import type { PrismaClient, ProgressReportStatus, ReporterKind, ReportingFrequency } from "@prisma/client";
import { uid } from "./index";

// Factories for issue 18's reporting cycles: a reporting requirement and the
// progress report of one of its periods, written directly (not through the
// period generator or the workflow), so a test gets exactly the state it asks
// for.

const day = (s: string) => new Date(`${s}T00:00:00Z`);

export async function createRequirementRecord(
  db: PrismaClient,
  opts: {
    programmeId: string;
    agreementId?: string | null;
    country?: string | null;
    reporter?: ReporterKind;
    reporterOrganisationId?: string | null;
    frequency?: ReportingFrequency;
    startDate?: string;
    endDate?: string;
    dueDays?: number;
    title?: string;
    archived?: boolean;
  },
) {
  return db.reportingRequirement.create({
    data: {
      programmeId: opts.programmeId,
      agreementId: opts.agreementId ?? null,
      title: opts.title ?? `Quarterly progress report ${uid()}`,
      frequency: opts.frequency ?? "QUARTERLY",
      startDate: day(opts.startDate ?? "2025-01-01"),
      endDate: day(opts.endDate ?? "2025-12-31"),
      dueDays: opts.dueDays ?? 30,
      reporter: opts.reporter ?? "PARTNER_MINISTRY",
      reporterCountryCode: opts.country === undefined ? null : opts.country,
      reporterOrganisationId: opts.reporterOrganisationId ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

/** One period's report of `requirement` (its programme, agreement and country copied as the generator does). */
export async function createProgressReportRecord(
  db: PrismaClient,
  requirement: { id: string; programmeId: string; agreementId: string | null; reporterCountryCode: string | null },
  opts: { status?: ProgressReportStatus; sequence?: number; periodStart?: string; periodEnd?: string; dueDate?: string; narrative?: string | null; submittedById?: string | null } = {},
) {
  const status = opts.status ?? "DRAFT";
  const submitted = status === "SUBMITTED" || status === "RETURNED" || status === "APPROVED";
  const now = new Date();
  return db.progressReport.create({
    data: {
      requirementId: requirement.id,
      programmeId: requirement.programmeId,
      agreementId: requirement.agreementId,
      countryCode: requirement.reporterCountryCode,
      sequence: opts.sequence ?? 1,
      periodStart: day(opts.periodStart ?? "2025-01-01"),
      periodEnd: day(opts.periodEnd ?? "2025-03-31"),
      dueDate: day(opts.dueDate ?? "2025-04-30"),
      status,
      narrative: opts.narrative === undefined ? (status === "NOT_STARTED" ? null : `Progress in the period ${uid()}`) : opts.narrative,
      round: submitted ? 1 : 0,
      submittedAt: submitted ? now : null,
      submittedById: submitted ? (opts.submittedById ?? null) : null,
      returnedAt: status === "RETURNED" ? now : null,
      approvedAt: status === "APPROVED" ? now : null,
    },
  });
}

/** A requirement with one report in `status`: the usual fixture. */
export async function createReportingFixture(
  db: PrismaClient,
  opts: { programmeId: string; country: string | null; status?: ProgressReportStatus; archivedRequirement?: boolean; reporter?: ReporterKind },
) {
  const requirement = await createRequirementRecord(db, {
    programmeId: opts.programmeId,
    country: opts.country,
    archived: opts.archivedRequirement,
    reporter: opts.reporter,
  });
  const report = await createProgressReportRecord(db, requirement, { status: opts.status });
  return { requirement, report };
}
