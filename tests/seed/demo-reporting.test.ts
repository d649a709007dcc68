// Issue 18, point 10: the demo's reporting cycle (the seed test may rely on the demo data).
import { beforeAll, describe, expect, it } from "vitest";
import { portalReports } from "~/models/progress-report-list.server";
import { prisma } from "~/utils/db.server";
import { seedDemo, type SeedDemoUser } from "../../prisma/seed/demo";

const USERS: SeedDemoUser[] = [
  { email: "staff@demo.example", name: "Demo staff", role: "STAFF", passwordHash: "hash-s" },
  { email: "partner.by@demo.example", name: "Demo partner (Belarus)", role: "PARTNER", passwordHash: "hash-p", countries: ["BY"] },
];

let first: Record<string, number>;
beforeAll(async () => {
  first = (await seedDemo(prisma, { users: USERS })).created;
});

describe("the demo's reporting cycle", () => {
  it("gives the programmes requirements with periods in every state, once", async () => {
    const requirements = await prisma.reportingRequirement.findMany({ select: { programme: { select: { code: true } }, frequency: true, reporter: true, reporterCountryCode: true } });
    expect(requirements.map((r) => `${r.programme.code} ${r.frequency} ${r.reporter} ${r.reporterCountryCode ?? "-"}`).sort()).toEqual([
      "BUSAN-MEDAID ANNUAL STAFF -",
      "BY-DRG QUARTERLY PARTNER_MINISTRY BY",
      "BY-QOC HALF_YEARLY PARTNER_MINISTRY BY",
      "KR-CA-HEALTH HALF_YEARLY STAFF -",
    ]);
    expect(first.reportingRequirement).toBe(4);
    expect(first.progressReport).toBe(await prisma.progressReport.count());
    const statuses = new Set((await prisma.progressReport.findMany({ select: { status: true } })).map((r) => r.status));
    expect([...statuses].sort()).toEqual(["APPROVED", "DRAFT", "NOT_STARTED", "RETURNED", "SUBMITTED"]);
    const returned = await prisma.progressReport.findFirstOrThrow({ where: { status: "RETURNED" }, include: { comments: true } });
    expect(returned.comments).toHaveLength(1);
    expect(returned.comments[0]).toMatchObject({ section: "GENERAL", round: 1 });
    const today = new Date(new Date().toISOString().slice(0, 10));
    // One overdue and not started, and upcoming periods, whenever the demo is loaded.
    expect(await prisma.progressReport.count({ where: { status: "NOT_STARTED", dueDate: { lt: today } } })).toBeGreaterThanOrEqual(1);
    expect(await prisma.progressReport.count({ where: { status: "NOT_STARTED", dueDate: { gte: today } } })).toBeGreaterThanOrEqual(1);
    // The Belarus partner finds the returned and overdue ones first in its portal.
    const portal = await portalReports({ kind: "partner", countries: ["BY"] }, "en", "PARTNER");
    expect(portal.first.map((r) => r.reason).slice(0, 2)).toEqual(["RETURNED", "OVERDUE"]);
    // A second run adds nothing.
    const again = (await seedDemo(prisma, { users: USERS })).created;
    expect([again.reportingRequirement, again.progressReport]).toEqual([0, 0]);
  });

  it("makes the approved reports' figures the official ones, equal to the demo's values", async () => {
    const periods = await prisma.indicatorPeriod.findMany({ where: { indicator: { programme: { code: "BUSAN-MEDAID" } } } });
    expect(periods).toHaveLength(4);
    for (const p of periods) {
      expect(p.approvedReportId).not.toBeNull();
      const report = await prisma.progressReport.findUniqueOrThrow({ where: { id: p.approvedReportId! }, include: { indicators: true } });
      expect(report.status).toBe("APPROVED");
      const reported = report.indicators.find((i) => i.indicatorId === p.indicatorId)!;
      expect(reported.actualValue?.toString()).toBe(p.actualValue?.toString());
      expect(report.periodStart <= p.periodStart && p.periodEnd <= report.periodEnd).toBe(true);
    }
    const brest = await prisma.activity.findFirstOrThrow({ where: { programme: { code: "BY-QOC" }, kind: "WORKSHOP" }, include: { participantsReport: { include: { participants: true } } } });
    expect(brest.participantsReport?.status).toBe("APPROVED");
    expect(brest.participantsReport?.participants.find((x) => x.activityId === brest.id)?.total).toBe(brest.participantsTotal);
    expect(brest.participantsTotal).toBe(80);
    // Only approved reports carry official figures.
    expect(await prisma.indicatorPeriod.count({ where: { approvedReport: { status: { not: "APPROVED" } } } })).toBe(0);
    expect(await prisma.activity.count({ where: { participantsReport: { status: { not: "APPROVED" } } } })).toBe(0);
  });
});
