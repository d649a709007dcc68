import type { Prisma, PrismaClient, ProgressReportStatus, ReporterKind, ReportingFrequency } from "@prisma/client";
import { reportingPeriods } from "../../app/models/reporting-periods";

// Issue 18, point 10: the demo programmes' reporting requirements, with
// periods in every state so a newcomer sees a cycle at work. Rows are written
// directly (the seed does not run the workflow), once: a requirement that
// exists is left as it is.
//
// - BY-QOC and BUSAN-MEDAID report the past: their periods are approved, and
//   the approved reports carry the figures the demo already holds (the Brest
//   workshop's 80 participants; Busan's four 2022 indicator values), which
//   therefore become the official ones (Activity.participantsReportId,
//   IndicatorPeriod.approvedReportId).
// - BY-DRG (quarterly, the Belarus ministry) and KR-CA-HEALTH (half-yearly,
//   staff) run around the day the demo is loaded: approved, returned with a
//   comment, overdue, submitted for review, a draft in progress, upcoming.
//   Their reports carry a narrative only: the demo has no figures for those
//   periods, and none are invented.

type StatusPlan = { status: ProgressReportStatus; narrative?: string; comment?: string };

type RequirementSpec = {
  programme: string;
  title: string;
  translations: Record<string, { title: string }>;
  frequency: ReportingFrequency;
  start: Date;
  end: Date;
  dueDays: number;
  reporter: ReporterKind;
  country: string | null;
  /** One per period, in order. */
  plan: StatusPlan[];
  /** Figures of the first period: the demo's own values, made official by its approval. */
  figures?: { indicatorPeriodsFrom?: string; activities?: string[] };
};

const utc = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d));

/** The first day of the calendar block of `months` that holds `now`, moved by `shift` blocks. */
function blockStart(now: Date, months: number, shift: number): Date {
  const first = Math.floor(now.getUTCMonth() / months) * months;
  return utc(now.getUTCFullYear(), first + shift * months);
}

export function demoRequirements(now: Date): RequirementSpec[] {
  const quarter = (shift: number) => blockStart(now, 3, shift);
  const half = (shift: number) => blockStart(now, 6, shift);
  const dayBefore = (d: Date) => new Date(d.getTime() - 24 * 60 * 60 * 1000);
  return [
    {
      programme: "BY-QOC",
      title: "Half-yearly progress report to the Ministry of Health",
      translations: { ru: { title: "Полугодовой отчёт о ходе работ для Министерства здравоохранения" } },
      frequency: "HALF_YEARLY",
      start: utc(2019, 0, 1),
      end: utc(2019, 11, 31),
      dueDays: 30,
      reporter: "PARTNER_MINISTRY",
      country: "BY",
      plan: [
        { status: "APPROVED", narrative: "The workshop on the national strategy for quality of care was held in the Brest region on 17–18 January with more than 80 participants from all regions; consensus was reached on a comprehensive quality-improvement approach." },
        { status: "APPROVED", narrative: "Work continued on the four lines of assistance: the review of the current status of quality of care, capacity building, policy dialogue and the facilitation of the strategy." },
      ],
      figures: { activities: ["Workshop on the national strategy for quality of care, Brest region"] },
    },
    {
      programme: "BUSAN-MEDAID",
      title: "Annual results report",
      translations: { ko: { title: "연간 성과 보고서" } },
      frequency: "ANNUAL",
      start: utc(2022, 0, 1),
      end: utc(2022, 11, 31),
      dueDays: 60,
      reporter: "STAFF",
      country: null,
      plan: [{ status: "APPROVED", narrative: "Results of 2022: Busan ranked first of 17 cities and provinces in Medical Aid financial management; the home-based medical aid pilot ran in six districts." }],
      figures: { indicatorPeriodsFrom: "2022-01-01" },
    },
    {
      programme: "BY-DRG",
      title: "Quarterly progress report",
      translations: { ru: { title: "Ежеквартальный отчёт о ходе работ" } },
      frequency: "QUARTERLY",
      start: quarter(-4),
      end: dayBefore(quarter(2)),
      dueDays: 30,
      reporter: "PARTNER_MINISTRY",
      country: "BY",
      plan: [
        { status: "APPROVED", narrative: "DRG pilot hospitals continued grouping their discharges; the purchasing working group met twice." },
        {
          status: "RETURNED",
          narrative: "Training of coders in the pilot hospitals continued.",
          comment: "Please add how many coders were trained in each pilot hospital, and attach the training schedule.",
        },
        { status: "NOT_STARTED" },
        { status: "SUBMITTED", narrative: "The Ministry of Health and the Ministry of Finance agreed the DRG base rates for the next year; ten pilot hospitals reported their first full quarter under DRG payment." },
        { status: "DRAFT", narrative: "Draft: preparation of the national DRG coding guideline." },
        { status: "NOT_STARTED" },
      ],
    },
    {
      programme: "KR-CA-HEALTH",
      title: "Half-yearly cooperation report",
      translations: { ko: { title: "반기 협력 보고서" }, ru: { title: "Полугодовой отчёт о сотрудничестве" } },
      frequency: "HALF_YEARLY",
      start: half(-1),
      end: dayBefore(half(2)),
      dueDays: 45,
      reporter: "STAFF",
      country: null,
      plan: [
        { status: "APPROVED", narrative: "The working groups with Kazakhstan and Turkmenistan met; HIRA discussed training with Kazakhstan's health-insurance officers." },
        { status: "NOT_STARTED" },
        { status: "NOT_STARTED" },
      ],
    },
  ];
}

export type ReportingCounts = { reportingRequirement: number; progressReport: number };

/**
 * Seeds the requirements above (ids from `id`, stable across runs), their
 * periods and reports, once. `staffEmail` / `partnerEmail`: the demo accounts
 * named as reviewer and reporter, when they exist.
 */
export async function seedDemoReporting(
  prisma: PrismaClient,
  opts: { id: (...parts: string[]) => string; staffEmail?: string; partnerEmail?: string; now?: Date },
): Promise<ReportingCounts> {
  const counts: ReportingCounts = { reportingRequirement: 0, progressReport: 0 };
  const now = opts.now ?? new Date();
  const [staff, partner] = await Promise.all([
    opts.staffEmail ? prisma.user.findUnique({ where: { email: opts.staffEmail.toLowerCase() }, select: { id: true } }) : null,
    opts.partnerEmail ? prisma.user.findUnique({ where: { email: opts.partnerEmail.toLowerCase() }, select: { id: true } }) : null,
  ]);
  for (const spec of demoRequirements(now)) {
    const programme = await prisma.programme.findUnique({ where: { code: spec.programme }, select: { id: true } });
    if (!programme) continue;
    const requirementId = opts.id(spec.programme, "reporting-requirement", spec.title);
    if (await prisma.reportingRequirement.findUnique({ where: { id: requirementId }, select: { id: true } })) continue;
    await prisma.$transaction(async (tx) => {
      await tx.reportingRequirement.create({
        data: {
          id: requirementId,
          programmeId: programme.id,
          title: spec.title,
          translations: spec.translations as Prisma.InputJsonObject,
          frequency: spec.frequency,
          startDate: spec.start,
          endDate: spec.end,
          dueDays: spec.dueDays,
          reporter: spec.reporter,
          reporterCountryCode: spec.country,
        },
      });
      counts.reportingRequirement++;
      const periods = reportingPeriods({ frequency: spec.frequency, startDate: spec.start, endDate: spec.end, dueDays: spec.dueDays });
      for (const [i, period] of periods.entries()) {
        const plan = spec.plan[i] ?? { status: "NOT_STARTED" as const };
        const submitted = plan.status === "SUBMITTED" || plan.status === "RETURNED" || plan.status === "APPROVED";
        // Events on plausible days: submitted on the due date (or today, if that is still ahead), reviewed a week later.
        const submittedAt = submitted ? new Date(Math.min(period.dueDate.getTime(), now.getTime())) : null;
        const reviewedAt = submittedAt ? new Date(Math.min(submittedAt.getTime() + 7 * 24 * 60 * 60 * 1000, now.getTime())) : null;
        const reporterId = spec.reporter === "STAFF" ? (staff?.id ?? null) : (partner?.id ?? null);
        const report = await tx.progressReport.create({
          data: {
            id: opts.id(spec.programme, "progress-report", spec.title, String(period.sequence)),
            requirementId,
            programmeId: programme.id,
            countryCode: spec.country,
            sequence: period.sequence,
            periodStart: period.periodStart,
            periodEnd: period.periodEnd,
            dueDate: period.dueDate,
            status: plan.status,
            narrative: plan.narrative ?? null,
            round: submitted ? 1 : 0,
            submittedAt,
            submittedById: submitted ? reporterId : null,
            returnedAt: plan.status === "RETURNED" ? reviewedAt : null,
            returnedById: plan.status === "RETURNED" ? (staff?.id ?? null) : null,
            approvedAt: plan.status === "APPROVED" ? reviewedAt : null,
            approvedById: plan.status === "APPROVED" ? (staff?.id ?? null) : null,
          },
        });
        counts.progressReport++;
        if (plan.comment && staff) {
          await tx.progressReportComment.create({ data: { reportId: report.id, section: "GENERAL", round: 1, body: plan.comment, authorId: staff.id, createdAt: reviewedAt ?? now } });
        }
        if (i === 0 && spec.figures && plan.status === "APPROVED") await applyFigures(tx, programme.id, report.id, spec.figures);
      }
    });
  }
  return counts;
}

/**
 * The first period's figures, as the demo holds them, reported and made
 * official: indicator values of the periods starting on the given day, and
 * the named activities' participant counts (the demo records totals only).
 */
async function applyFigures(tx: Prisma.TransactionClient, programmeId: string, reportId: string, figures: NonNullable<RequirementSpec["figures"]>) {
  if (figures.indicatorPeriodsFrom) {
    const periods = await tx.indicatorPeriod.findMany({
      where: { indicator: { programmeId }, periodStart: new Date(`${figures.indicatorPeriodsFrom}T00:00:00Z`), approvedReportId: null },
      select: { id: true, indicatorId: true, actualValue: true, actualFemale: true, actualMale: true, actualComment: true },
    });
    for (const p of periods) {
      await tx.progressReportIndicator.create({
        data: { reportId, indicatorId: p.indicatorId, actualValue: p.actualValue, actualFemale: p.actualFemale, actualMale: p.actualMale, comment: p.actualComment },
      });
      await tx.indicatorPeriod.update({ where: { id: p.id }, data: { approvedReportId: reportId } });
    }
  }
  for (const title of figures.activities ?? []) {
    const activity = await tx.activity.findFirst({ where: { programmeId, title, participantsReportId: null }, select: { id: true, participantsTotal: true } });
    if (!activity || activity.participantsTotal === null) continue;
    await tx.progressReportParticipants.create({ data: { reportId, activityId: activity.id, total: activity.participantsTotal } });
    await tx.activity.update({ where: { id: activity.id }, data: { participantsReportId: reportId } });
  }
}
