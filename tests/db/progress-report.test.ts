import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { ctxFor, type Ctx } from "~/models/ctx.server";
import { listHistory } from "~/models/history.server";
import { approveReport, loadReport, reopenReport, returnReport, saveDraft, submitReport } from "~/models/progress-report.server";
import { updateIndicator } from "~/models/indicator.server";
import { ProgressReportFormSchema, reportAbilities } from "~/schemas/progress-report";
import { IndicatorFormSchema } from "~/schemas/indicator";
import { prisma } from "~/utils/db.server";
import { ConflictError, DomainError } from "~/utils/errors.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createDeliverable, createOutcome } from "../factories/deliverable";
import { createIndicator } from "../factories/results";
import { createProgressReportRecord, createReportingFixture, createRequirementRecord } from "../factories/reporting";

// Issue 18, helper P: one progress report from draft to approval and back
// (app/models/progress-report.server.ts, ADR 0037).

let staff: Ctx;
let partnerBY: Ctx;
let partnerKZ: Ctx;
let donor: Ctx;
let funder: { id: string };

const day = (s: string) => new Date(`${s}T00:00:00Z`);

beforeAll(async () => {
  const s = await createUser(prisma, { role: "STAFF" });
  staff = ctxFor({ id: s.user.id, email: s.user.email }, { kind: "staff" });
  const pb = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
  partnerBY = ctxFor({ id: pb.user.id, email: pb.user.email }, { kind: "partner", countries: ["BY"] });
  const pk = await createUser(prisma, { role: "PARTNER", countries: ["KZ"] });
  partnerKZ = ctxFor({ id: pk.user.id, email: pk.user.email }, { kind: "partner", countries: ["KZ"] });
  funder = await createOrganisation(prisma);
  const d = await createUser(prisma, { role: "DONOR", organisationIds: [funder.id] });
  donor = ctxFor({ id: d.user.id, email: d.user.email }, { kind: "donor", organisationIds: [funder.id] } as Scope);
});

/** A BY programme with a quarterly report (Q1 2025), one indicator by sex, an activity in the period, a deliverable and a follow-up due. */
async function fixture(status: "NOT_STARTED" | "DRAFT" = "NOT_STARTED") {
  const programme = await createProgramme(prisma, { countries: ["BY"], funders: [funder.id] });
  const indicator = await createIndicator(prisma, {
    programmeId: programme.id,
    title: "Doctors trained",
    periods: [
      { start: "2024-10-01", end: "2024-12-31", target: 40, actual: 30, targetFemale: 20, targetMale: 20 },
      { start: "2025-01-01", end: "2025-03-31", target: 50, targetFemale: 25, targetMale: 25 },
    ],
  });
  const share = await createIndicator(prisma, { programmeId: programme.id, title: "Claims reviewed electronically", measure: "PERCENTAGE", unitLabel: "%" });
  const activity = await prisma.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: "DRG workshop in Minsk", status: "COMPLETED", plannedStart: day("2025-02-10"), actualStart: day("2025-02-10"), actualEnd: day("2025-02-12") },
  });
  const later = await prisma.activity.create({ data: { programmeId: programme.id, kind: "WORKSHOP", title: "Later workshop", plannedStart: day("2025-06-10") } });
  const deliverable = await createDeliverable(prisma, { programmeId: programme.id, title: "Costing manual", dueDate: day("2025-03-15") });
  const outcome = await createOutcome(prisma, { activityId: activity.id });
  const followUp = await prisma.followUpAction.create({ data: { outcomeId: outcome.id, description: "Draft the roadmap", dueDate: day("2025-03-20") } });
  const requirement = await createRequirementRecord(prisma, { programmeId: programme.id, country: "BY" });
  const report = await createProgressReportRecord(prisma, requirement, { status, narrative: status === "NOT_STARTED" ? null : undefined });
  return { programme, indicator, share, activity, later, deliverable, outcome, followUp, requirement, report };
}

type F = Awaited<ReturnType<typeof fixture>>;

/** What the browser posts for a full report. */
function filled(f: F, version: number, overrides: Record<string, unknown> = {}) {
  return ProgressReportFormSchema.parse({
    version: String(version),
    narrative: "Forty doctors trained in DRG coding.",
    translations: { ru: { narrative: "Обучено сорок врачей." }, ko: { narrative: "" } },
    indicators: [
      { indicatorId: f.indicator.id, actualValue: "40", actualFemale: "25", actualMale: "15", comment: "" },
      { indicatorId: f.share.id, actualValue: "62.5", actualFemale: "", actualMale: "", comment: "" },
    ],
    participants: [{ activityId: f.activity.id, total: "35", female: "20", male: "14", other: "1" }],
    items: [
      { kind: "deliverable", id: f.deliverable.id, status: "SUBMITTED", note: "Sent on 14 March" },
      { kind: "followUp", id: f.followUp.id, status: "DONE", note: "" },
    ],
    ...overrides,
  });
}

async function version(id: string) {
  return (await prisma.progressReport.findUniqueOrThrow({ where: { id } })).version;
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe("who may do what (reportAbilities)", () => {
  it("lets partners fill their reports unless staff report, staff review, donors read approved ones", () => {
    expect(reportAbilities("partner", { status: "DRAFT", reporter: "PARTNER_MINISTRY" })).toMatchObject({ edit: true, submit: true, approve: false });
    expect(reportAbilities("partner", { status: "DRAFT", reporter: "STAFF" })).toMatchObject({ view: true, edit: false, submit: false });
    expect(reportAbilities("partner", { status: "SUBMITTED", reporter: "PARTNER_MINISTRY" })).toMatchObject({ edit: false, submit: false });
    expect(reportAbilities("staff", { status: "RETURNED", reporter: "PARTNER_MINISTRY" })).toMatchObject({ edit: true, submit: true, approve: false });
    expect(reportAbilities("staff", { status: "SUBMITTED", reporter: "PARTNER_MINISTRY" })).toMatchObject({ edit: false, return: true, approve: true });
    expect(reportAbilities("staff", { status: "APPROVED", reporter: "PARTNER_MINISTRY" })).toMatchObject({ reopen: true, approve: false });
    expect(reportAbilities("donor", { status: "SUBMITTED", reporter: "PARTNER_MINISTRY" }).view).toBe(false);
    expect(reportAbilities("donor", { status: "APPROVED", reporter: "PARTNER_MINISTRY" })).toMatchObject({ view: true, edit: false });
  });
});

describe("what a report covers (loadReport)", () => {
  it("lists the programme's indicators with the period's target and the previous approved value, the period's activities and the items due", async () => {
    const f = await fixture();
    await prisma.indicatorPeriod.updateMany({ where: { indicatorId: f.indicator.id, periodEnd: day("2024-12-31") }, data: { approvedReportId: null } });
    const earlier = await createProgressReportRecord(prisma, f.requirement, { status: "APPROVED", sequence: 0, periodStart: "2024-10-01", periodEnd: "2024-12-31" });
    await prisma.indicatorPeriod.updateMany({ where: { indicatorId: f.indicator.id, periodEnd: day("2024-12-31") }, data: { approvedReportId: earlier.id } });
    const loaded = await loadReport(partnerBY, f.report.id);
    const doctors = loaded.indicators.find((i) => i.id === f.indicator.id)!;
    expect(doctors.bySex).toBe(true);
    expect(doctors.target?.value).toBe("50");
    expect(doctors.previous?.value).toBe("30");
    expect(loaded.indicators.find((i) => i.id === f.share.id)!.bySex).toBe(false);
    expect(loaded.activities.map((a) => a.title)).toEqual(["DRG workshop in Minsk"]);
    expect(loaded.items.map((i) => i.title)).toEqual(["Costing manual", "Draft the roadmap"]);
    expect(loaded.abilities).toMatchObject({ edit: true, submit: true, approve: false });
  });

  it("is not found for a partner of another country, and for a donor until approved", async () => {
    const f = await fixture("DRAFT");
    expect((await refusal(loadReport(partnerKZ, f.report.id))).code).toBe("not_found");
    expect((await refusal(loadReport(donor, f.report.id))).code).toBe("not_found");
    expect((await refusal(saveDraft(partnerKZ, f.report.id, f.report.version, filled(f, f.report.version)))).code).toBe("not_found");
  });
});

describe("saving a draft", () => {
  it("moves NOT_STARTED to DRAFT, keeps the narrative in the writer's language with its translations, and records the figures", async () => {
    const f = await fixture();
    await saveDraft(partnerBY, f.report.id, f.report.version, filled(f, f.report.version), "en");
    const saved = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id }, include: { indicators: true, participants: true, items: true } });
    expect(saved.status).toBe("DRAFT");
    expect(saved.lang).toBe("en");
    expect(saved.translations).toEqual({ ru: { narrative: "Обучено сорок врачей." } });
    expect(saved.indicators.find((i) => i.indicatorId === f.indicator.id)?.actualFemale?.toString()).toBe("25");
    expect(saved.participants[0]).toMatchObject({ activityId: f.activity.id, total: 35, female: 20, male: 14, other: 1 });
    expect(saved.items.map((i) => i.status).sort()).toEqual(["DONE", "SUBMITTED"]);
    const history = await listHistory("ProgressReport", f.report.id);
    expect(history[0].changes).toHaveProperty("indicators");
    // Nothing reaches the official figures before approval.
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } })).participantsTotal).toBeNull();
  });

  it("refuses a stale version with a conflict naming what the other person changed, and writes nothing", async () => {
    const f = await fixture();
    await saveDraft(partnerBY, f.report.id, f.report.version, filled(f, f.report.version, { narrative: "First" }));
    const e = await refusal(saveDraft(staff, f.report.id, f.report.version, filled(f, f.report.version, { narrative: "Second" })));
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).changes.narrative).toEqual({ mine: null, theirs: "First" });
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).narrative).toBe("First");
  });

  it("refuses bad values next to their fields and saves nothing of the form", async () => {
    const f = await fixture();
    const parsed = ProgressReportFormSchema.safeParse({
      version: "1",
      indicators: [{ indicatorId: f.indicator.id, actualValue: "10", actualFemale: "8", actualMale: "5" }],
      participants: [{ activityId: f.activity.id, total: "10", female: "8", male: "5" }],
      items: [{ kind: "deliverable", id: f.deliverable.id, status: "DONE" }],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["indicators.0.actualFemale", "participants.0.total", "items.0.status"]));

    const e = await refusal(
      saveDraft(partnerBY, f.report.id, f.report.version, filled(f, f.report.version, {
        narrative: "Should not be saved",
        indicators: [
          { indicatorId: f.indicator.id, actualValue: "40" },
          { indicatorId: f.share.id, actualValue: "120", actualFemale: "3" },
        ],
      })),
    );
    expect(e.code).toBe("invalid");
    expect(Object.keys(e.fieldMessages())).toEqual(expect.arrayContaining(["indicators.1.actualValue", "indicators.1.actualFemale"]));
    const after = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id }, include: { indicators: true } });
    expect(after).toMatchObject({ narrative: null, status: "NOT_STARTED", version: f.report.version });
    expect(after.indicators).toHaveLength(0);
  });

  it("is refused to a partner when staff report, and once submitted", async () => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const { report } = await createReportingFixture(prisma, { programmeId: programme.id, country: "BY", reporter: "STAFF" });
    expect((await refusal(saveDraft(partnerBY, report.id, report.version, ProgressReportFormSchema.parse({ version: "1" })))).code).toBe("forbidden");
    const f = await fixture("DRAFT");
    await prisma.progressReport.update({ where: { id: f.report.id }, data: { status: "SUBMITTED" } });
    expect((await refusal(saveDraft(partnerBY, f.report.id, f.report.version, filled(f, f.report.version)))).code).toBe("invalid");
  });
});

describe("the workflow", () => {
  it("submit names what is missing; return needs a comment; resubmit counts the round; approve makes the figures official; reopen releases them", async () => {
    const f = await fixture();
    await saveDraft(partnerBY, f.report.id, 1, filled(f, 1, { narrative: "", indicators: [{ indicatorId: f.indicator.id, actualValue: "40", actualFemale: "25", actualMale: "15" }] }));
    const missing = await refusal(submitReport(partnerBY, f.report.id, 2));
    expect(Object.keys(missing.fieldMessages()).sort()).toEqual(["indicators.0.actualValue", "narrative"]);

    await saveDraft(partnerBY, f.report.id, 2, filled(f, 2));
    await submitReport(partnerBY, f.report.id, 3);
    let r = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
    expect(r).toMatchObject({ status: "SUBMITTED", round: 1, submittedById: partnerBY.actor.id });
    expect((await refusal(approveReport(partnerBY, f.report.id, r.version))).code).toBe("forbidden");
    expect((await refusal(returnReport(staff, f.report.id, r.version, {}))).code).toBe("invalid");

    await returnReport(staff, f.report.id, r.version, { INDICATORS: "Check the number of women." });
    r = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
    expect(r.status).toBe("RETURNED");
    const seen = await loadReport(partnerBY, f.report.id);
    expect(seen.comments.map((c) => [c.section, c.round, c.body])).toEqual([["INDICATORS", 1, "Check the number of women."]]);

    await saveDraft(partnerBY, f.report.id, r.version, filled(f, r.version));
    await submitReport(partnerBY, f.report.id, r.version + 1);
    r = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
    expect(r).toMatchObject({ status: "SUBMITTED", round: 2 });

    await approveReport(staff, f.report.id, r.version);
    r = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
    expect(r.status).toBe("APPROVED");
    const period = await prisma.indicatorPeriod.findFirstOrThrow({ where: { indicatorId: f.indicator.id, periodStart: day("2025-01-01"), periodEnd: day("2025-03-31") } });
    expect([period.actualValue?.toString(), period.actualFemale?.toString(), period.actualMale?.toString(), period.approvedReportId]).toEqual(["40", "25", "15", f.report.id]);
    const activity = await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } });
    expect(activity).toMatchObject({ participantsTotal: 35, participantsFemale: 20, participantsMale: 14, participantsOther: 1, participantsReportId: f.report.id });
    const deliverable = await prisma.deliverable.findUniqueOrThrow({ where: { id: f.deliverable.id } });
    expect(deliverable.status).toBe("SUBMITTED");
    expect(deliverable.submittedAt).not.toBeNull();
    expect((await prisma.followUpAction.findUniqueOrThrow({ where: { id: f.followUp.id } })).status).toBe("DONE");
    expect((await listHistory("Activity", f.activity.id))[0].changes).toHaveProperty("participantsTotal");
    expect(await loadReport(donor, f.report.id)).toBeTruthy();

    // Every step told the notification side, in the same transaction.
    const jobs = await prisma.job.findMany({ where: { name: "notify" } });
    const kinds = jobs.map((j) => j.payload as { kind: string; reportId?: string }).filter((p) => p.reportId === f.report.id).map((p) => p.kind);
    expect(kinds.sort()).toEqual(["REPORT_APPROVED", "REPORT_RETURNED", "REPORT_SUBMITTED", "REPORT_SUBMITTED"]);

    // Locked: the indicator's actual and the activity's headline refuse a change.
    const indicator = await prisma.indicator.findUniqueOrThrow({ where: { id: f.indicator.id }, include: { periods: { orderBy: { periodStart: "asc" } } } });
    const form = (actual: string) =>
      IndicatorFormSchema.parse({
        version: String(indicator.version), programmeId: f.programme.id, agreementId: "", resultType: "OUTPUT", measure: "UNIT", title: indicator.title,
        description: "", unitLabel: "people", ascending: "on", baselineValue: "", baselineYear: "", baselineComment: "",
        periods: indicator.periods.map((p) => ({
          periodStart: p.periodStart.toISOString().slice(0, 10), periodEnd: p.periodEnd.toISOString().slice(0, 10),
          targetValue: p.targetValue?.toString() ?? "", actualValue: p.approvedReportId ? actual : (p.actualValue?.toString() ?? ""),
          targetFemale: p.targetFemale?.toString() ?? "", targetMale: p.targetMale?.toString() ?? "",
          actualFemale: p.actualFemale?.toString() ?? "", actualMale: p.actualMale?.toString() ?? "", targetComment: "", actualComment: p.actualComment ?? "",
        })),
      });
    const locked = await refusal(updateIndicator(staff, f.indicator.id, indicator.version, form("41")));
    expect(locked.message).toContain("progressReport.lock.indicator");
    // Saving without changing the locked actual keeps the lock on the period.
    await updateIndicator(staff, f.indicator.id, indicator.version, form("40"));
    expect(await prisma.indicatorPeriod.count({ where: { approvedReportId: f.report.id } })).toBe(2);
    expect((await listHistory("Indicator", f.indicator.id))[0].action).toBe("update");

    // Reopen: a reason is needed; the report goes back to its reporter; the figures stay but are unlocked.
    expect((await refusal(reopenReport(staff, f.report.id, r.version, "  "))).code).toBe("invalid");
    await reopenReport(staff, f.report.id, r.version, "The women count was corrected by the ministry.");
    r = await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } });
    expect(r).toMatchObject({ status: "RETURNED", reopenReason: "The women count was corrected by the ministry." });
    expect(await prisma.indicatorPeriod.count({ where: { approvedReportId: f.report.id } })).toBe(0);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } })).participantsTotal).toBe(35);
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } })).participantsReportId).toBeNull();
    expect((await refusal(loadReport(donor, f.report.id))).code).toBe("not_found");
    const history = await listHistory("ProgressReport", f.report.id);
    expect(history[0].changes).toMatchObject({ status: { before: "APPROVED", after: "RETURNED" } });
  });

  it("takes a value reported inside a longer target period as its actual to date, the latest approved report's standing", async () => {
    const f = await fixture();
    // A year's target for the percentage indicator, reported quarterly.
    const year = await prisma.indicatorPeriod.create({ data: { indicatorId: f.share.id, periodStart: day("2025-01-01"), periodEnd: day("2025-12-31"), targetValue: "80" } });
    const seen = (await loadReport(partnerBY, f.report.id)).indicators.find((i) => i.id === f.share.id)!;
    expect(seen.target?.value).toBe("80");
    expect(seen.toDate).toEqual({ periodStart: day("2025-01-01"), periodEnd: day("2025-12-31") });
    await saveDraft(partnerBY, f.report.id, 1, filled(f, 1));
    await submitReport(partnerBY, f.report.id, 2);
    await approveReport(staff, f.report.id, 3);
    let official = await prisma.indicatorPeriod.findUniqueOrThrow({ where: { id: year.id } });
    expect([official.actualValue?.toString(), official.approvedReportId]).toEqual(["62.5", f.report.id]);
    expect(await prisma.indicatorPeriod.count({ where: { indicatorId: f.share.id } })).toBe(1);

    // The second quarter's report: the previous approved value is the first quarter's; its approval moves the year's actual.
    const q2 = await createProgressReportRecord(prisma, f.requirement, { status: "NOT_STARTED", sequence: 2, periodStart: "2025-04-01", periodEnd: "2025-06-30", dueDate: "2025-07-30", narrative: null });
    const before = (await loadReport(partnerBY, q2.id)).indicators.find((i) => i.id === f.share.id)!;
    expect(before.previous?.value).toBe("62.5");
    await saveDraft(partnerBY, q2.id, 1, ProgressReportFormSchema.parse({
      version: "1",
      narrative: "Second quarter.",
      indicators: [
        { indicatorId: f.indicator.id, actualValue: "12", actualFemale: "6", actualMale: "6", comment: "" },
        { indicatorId: f.share.id, actualValue: "70", actualFemale: "", actualMale: "", comment: "" },
      ],
    }));
    await submitReport(partnerBY, q2.id, 2);
    await approveReport(staff, q2.id, 3);
    official = await prisma.indicatorPeriod.findUniqueOrThrow({ where: { id: year.id } });
    expect([official.actualValue?.toString(), official.approvedReportId]).toEqual(["70", q2.id]);
  });

  it("refuses to approve over an indicator period that overlaps the report's only in part", async () => {
    const f = await fixture();
    await prisma.indicatorPeriod.create({ data: { indicatorId: f.share.id, periodStart: day("2025-02-01"), periodEnd: day("2025-12-31"), targetValue: "80" } });
    await saveDraft(partnerBY, f.report.id, 1, filled(f, 1));
    await submitReport(partnerBY, f.report.id, 2);
    const e = await refusal(approveReport(staff, f.report.id, 3));
    expect(e.message).toContain("progressReport.v.periodOverlap");
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).status).toBe("SUBMITTED");
    expect(await prisma.indicatorPeriod.count({ where: { approvedReportId: f.report.id } })).toBe(0);
  });

  it("refuses a partner's approval (403) and a transition from the wrong status", async () => {
    const f = await fixture("DRAFT");
    expect((await refusal(approveReport(partnerBY, f.report.id, 1))).code).toBe("forbidden");
    expect((await refusal(approveReport(staff, f.report.id, 1))).code).toBe("invalid");
    expect((await refusal(reopenReport(staff, f.report.id, 1, "why"))).code).toBe("invalid");
    expect((await refusal(returnReport(donor, f.report.id, 1, { GENERAL: "x" }))).code).toBe("not_found");
  });

  it("lets staff fill in and submit for the reporter", async () => {
    const f = await fixture();
    await saveDraft(staff, f.report.id, 1, filled(f, 1));
    await submitReport(staff, f.report.id, 2);
    expect((await prisma.progressReport.findUniqueOrThrow({ where: { id: f.report.id } })).submittedById).toBe(staff.actor.id);
  });
});

describe("the official figures (issue 18, point 4)", () => {
  it("a submitted report's values reach no dashboard, report or IATI file; once approved they do", async () => {
    const { ensurePublisher } = await import("../factories/publisher");
    const { programmeCounts } = await import("~/models/programme.server");
    const { buildProgrammeReport } = await import("~/reports/programme-report.server");
    const { buildIatiXml } = await import("~/reports/iati.server");
    await ensurePublisher(prisma);
    const f = await fixture();
    await prisma.programmeSector.create({ data: { programmeId: f.programme.id, sectorCode: "12110", percentage: "100" } });
    const period = { from: day("2025-01-01"), to: day("2025-03-31") };
    const figures = async () => {
      const counts = await programmeCounts(staff.scope, f.programme.id);
      const report = await buildProgrammeReport(donor.scope, f.programme.code, period);
      const doctors = report!.indicators.find((i) => i.title === "Doctors trained")!;
      const xml = await buildIatiXml({ kind: "staff" }, { code: f.programme.code });
      return {
        participants: counts.participants,
        donorActual: doctors.periods.find((p) => p.start.getTime() === period.from.getTime())?.actual ?? null,
        iatiActual: /<period>\s*<period-start iso-date="2025-01-01"\/>\s*<period-end iso-date="2025-03-31"\/>[\s\S]*?<actual value="40"/.test(xml),
      };
    };
    await saveDraft(partnerBY, f.report.id, 1, filled(f, 1));
    await submitReport(partnerBY, f.report.id, 2);
    expect(await figures()).toEqual({ participants: 0, donorActual: null, iatiActual: false });
    await approveReport(staff, f.report.id, 3);
    expect(await figures()).toEqual({ participants: 35, donorActual: 40, iatiActual: true });
  });
});

describe("the activity's approved participants (lock)", () => {
  it("refuses a change of the headline numbers an approved report set, and allows other edits", async () => {
    const { updateActivity } = await import("~/models/activity.server");
    const { ActivityFormSchema } = await import("~/schemas/activity");
    const f = await fixture();
    await saveDraft(partnerBY, f.report.id, 1, filled(f, 1));
    await submitReport(partnerBY, f.report.id, 2);
    await approveReport(staff, f.report.id, 3);
    const a = await prisma.activity.findUniqueOrThrow({ where: { id: f.activity.id } });
    const form = (total: string, title = a.title) =>
      ActivityFormSchema.parse({
        programmeId: f.programme.id, kind: "WORKSHOP", title, description: "", countryCode: "", city: "", status: "COMPLETED",
        plannedStart: "2025-02-10", plannedEnd: "", actualStart: "2025-02-10", actualEnd: "2025-02-12", datePrecision: "DAY",
        participantsTotal: total, participantsFemale: "20", participantsMale: "14", participantsOther: "1", participantsNote: "",
        agreementIds: [], organisations: [], participantGroups: [],
      });
    const e = await refusal(updateActivity(staff, a.id, a.version, form("36")));
    expect(e.fieldMessages()).toHaveProperty("participantsTotal");
    expect(e.message).toContain("progressReport.lock.activity");
    await updateActivity(staff, a.id, a.version, form("35", "DRG coding workshop in Minsk"));
    expect((await prisma.activity.findUniqueOrThrow({ where: { id: a.id } })).title).toBe("DRG coding workshop in Minsk");
  });
});

describe("evidence", () => {
  it("attaches a document to the report, shared with partners, only while the report may be changed", async () => {
    const { addEvidence } = await import("~/models/progress-report.server");
    const fs = await import("node:fs/promises");
    const os = await import("node:os");
    const path = await import("node:path");
    const { createHash } = await import("node:crypto");
    const f = await fixture("DRAFT");
    const upload = async () => {
      const pdf = Buffer.from(`%PDF-1.4\n% evidence ${Math.random()}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
      const tempPath = path.join(os.tmpdir(), `evidence-${Math.random().toString(36).slice(2)}.pdf`);
      await fs.writeFile(tempPath, pdf);
      return { tempPath, sha256: createHash("sha256").update(pdf).digest("hex"), sizeBytes: pdf.length, originalName: "attendance.pdf" };
    };
    const doc = await addEvidence(partnerBY, f.report.id, "Attendance sheets", await upload());
    expect(doc).toMatchObject({ progressReportId: f.report.id, programmeId: f.programme.id, shareable: true, isPublic: false });
    expect((await loadReport(partnerBY, f.report.id)).documents.map((d) => d.title)).toEqual(["Attendance sheets"]);
    await prisma.progressReport.update({ where: { id: f.report.id }, data: { status: "SUBMITTED" } });
    const late = await upload();
    expect((await refusal(addEvidence(partnerBY, f.report.id, "Too late", late))).code).toBe("invalid");
    await expect(fs.access(late.tempPath)).rejects.toThrow();
  });
});
