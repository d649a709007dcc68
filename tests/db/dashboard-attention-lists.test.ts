import { beforeAll, describe, expect, it } from "vitest";
import { programmeChildWhere, type Scope } from "~/auth/scope.server";
import { needsAttention } from "~/models/dashboard.server";
import { dueSoonDeliverable, overdueDeliverable } from "~/models/deliverable-rules.server";
import { EXPIRING_DAYS, expiringAgreement } from "~/models/agreement-rules.server";
import { followUpMissingOutcome, followUpOverdueOutcome, overdueFollowUpAction } from "~/models/follow-up-rules.server";
import { startOfToday } from "~/models/sql-rule.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";

// The dashboard's deliverable, outcome, expiring-agreement and overdue
// follow-up panels read their first items with
// the related names in one statement each (issue 16, session 10). They must
// list what the Prisma form they replaced listed (here, with the rules'
// Prisma conditions and the scope's Prisma filter), for staff and partners.

const now = new Date("2033-06-15T10:00:00Z");
const today = startOfToday(now);
const TAKE = 100;

const narrated = { lang: true, translations: true } as const;

async function simpleDeliverables(scope: Scope, rule: typeof overdueDeliverable | typeof dueSoonDeliverable) {
  return prisma.deliverable.findMany({
    where: { AND: [programmeChildWhere(scope, "deliverable"), { archivedAt: null }, rule.where(today)] },
    select: { id: true, title: true, ...narrated, dueDate: true, status: true, programme: { select: { code: true, title: true, ...narrated } }, responsibleOrg: { select: { shortName: true } } },
    orderBy: [{ dueDate: "asc" }, { title: "asc" }, { id: "asc" }],
    take: TAKE,
  });
}

async function simpleOutcomes(scope: Scope) {
  return prisma.outcome.findMany({
    where: { AND: [programmeChildWhere(scope, "outcome"), { archivedAt: null }, followUpMissingOutcome.where()] },
    select: { id: true, text: true, ...narrated, type: true, dueDate: true, createdAt: true, activity: { select: { id: true, title: true, ...narrated } } },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: TAKE,
  });
}

async function simpleExpiring(scope: Scope) {
  return prisma.agreement.findMany({
    where: { AND: [programmeChildWhere(scope, "agreement"), expiringAgreement.where(today, EXPIRING_DAYS)] },
    select: { id: true, title: true, ...narrated, type: true, expiresOn: true, programme: { select: { code: true, title: true, ...narrated } } },
    orderBy: [{ expiresOn: "asc" }, { title: "asc" }, { id: "asc" }],
    take: TAKE,
  });
}

async function simpleFollowUps(scope: Scope) {
  return prisma.outcome.findMany({
    where: { AND: [programmeChildWhere(scope, "outcome"), { archivedAt: null }, followUpOverdueOutcome.where(today)] },
    select: {
      id: true,
      text: true,
      ...narrated,
      activity: { select: { id: true, title: true, ...narrated } },
      followUps: { where: overdueFollowUpAction.where(today), orderBy: [{ dueDate: "asc" }, { position: "asc" }], take: 1, select: { description: true, dueDate: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: TAKE,
  });
}

/** As the page receives it. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

beforeAll(async () => {
  const org = await createOrganisation(prisma, { shortName: "ATTN-ORG" });
  const own = await createProgramme(prisma, { countries: ["BY"], title: "Attention: Belarus" });
  const other = await createProgramme(prisma, { countries: ["UZ"], title: "Attention: Uzbekistan" });
  const archivedProgramme = await createProgramme(prisma, { countries: ["BY"], title: "Attention: archived", archived: true });
  await prisma.programme.update({ where: { id: own.id }, data: { translations: { ru: { title: "Внимание" } } } });
  for (const p of [own, other, archivedProgramme]) {
    for (const [title, dueDate, status] of [
      ["overdue b", "2033-06-01", "NOT_STARTED"],
      ["overdue a", "2033-06-01", "IN_PROGRESS"],
      ["same day, same title", "2033-06-02", "NOT_STARTED"],
      ["same day, same title", "2033-06-02", "NOT_STARTED"],
      ["overdue but submitted", "2033-06-01", "SUBMITTED"],
      ["due today", "2033-06-15", "NOT_STARTED"],
      ["due in 30 days", "2033-07-15", "IN_PROGRESS"],
    ] as const) {
      await createDeliverableRecord(prisma, p.id, { title, dueDate, status });
    }
    const withOrg = await createDeliverableRecord(prisma, p.id, { title: "overdue, with an organisation", dueDate: "2033-05-01" });
    await prisma.deliverable.update({ where: { id: withOrg.id }, data: { responsibleOrgId: org.id } });
    await createDeliverableRecord(prisma, p.id, { title: "overdue, archived", dueDate: "2033-05-01", archived: true });

    const activity = await createActivityRecord(prisma, p.id, { title: `Workshop of ${p.code}` });
    const archivedActivity = await createActivityRecord(prisma, p.id, { title: `Archived workshop of ${p.code}`, archived: true });
    const carried = await createDeliverableRecord(prisma, p.id, { title: "carries an outcome" });
    await createOutcomeRecord(prisma, activity.id, { text: "due later", dueDate: "2033-09-01" });
    await createOutcomeRecord(prisma, activity.id, { text: "due first", dueDate: "2033-07-01" });
    await createOutcomeRecord(prisma, activity.id, { text: "no due date" });
    await createOutcomeRecord(prisma, activity.id, { text: "carried by a deliverable", deliverableId: carried.id });
    await createOutcomeRecord(prisma, activity.id, { text: "started", followUpStatus: "IN_PROGRESS" });
    await createOutcomeRecord(prisma, activity.id, { text: "archived", archived: true });
    await createOutcomeRecord(prisma, archivedActivity.id, { text: "of an archived activity", dueDate: "2033-07-02" });
    const withAction = await createOutcomeRecord(prisma, activity.id, { text: "has an action" });
    await prisma.followUpAction.create({ data: { outcomeId: withAction.id, position: 0, description: "Call", dueDate: new Date("2033-08-01") } });
    // Overdue follow-up actions: the longest-overdue open one is shown.
    const late = await createOutcomeRecord(prisma, activity.id, { text: "late actions", followUpStatus: "IN_PROGRESS" });
    await prisma.followUpAction.createMany({
      data: [
        { outcomeId: late.id, position: 0, description: "Later one", dueDate: new Date("2033-06-10") },
        { outcomeId: late.id, position: 1, description: "Longest overdue", dueDate: new Date("2033-05-01") },
        { outcomeId: late.id, position: 2, description: "Done, older", dueDate: new Date("2033-04-01"), status: "DONE" },
      ],
    });
    const lateArchived = await createOutcomeRecord(prisma, archivedActivity.id, { text: "late, archived activity", followUpStatus: "IN_PROGRESS" });
    await prisma.followUpAction.create({ data: { outcomeId: lateArchived.id, position: 0, description: "Ring", dueDate: new Date("2033-06-01") } });
    // Agreements: expiring within 90 days, one renewed, one ended, one archived.
    await createAgreementRecord(prisma, p.id, { title: "expires soon", expiresOn: "2033-07-01" });
    await createAgreementRecord(prisma, p.id, { title: "expires soon, same day", expiresOn: "2033-07-01" });
    await createAgreementRecord(prisma, p.id, { title: "expires soon, terminated", expiresOn: "2033-07-01", status: "TERMINATED" });
    await createAgreementRecord(prisma, p.id, { title: "expires soon, archived", expiresOn: "2033-07-01", archived: true });
    await createAgreementRecord(prisma, p.id, { title: "expires later", expiresOn: "2034-01-01" });
  }
});

describe("the dashboard's panels in one statement each", () => {
  const scopes: [string, Scope][] = [
    ["staff", { kind: "staff" }],
    ["partner", { kind: "partner", countries: ["BY"] }],
  ];
  for (const [name, scope] of scopes) {
    it(`lists what the Prisma form listed (${name})`, async () => {
      const a = await needsAttention(scope, now, TAKE);
      expect(plain(a.overdue.items)).toEqual(plain(await simpleDeliverables(scope, overdueDeliverable)));
      expect(plain(a.dueSoon.items)).toEqual(plain(await simpleDeliverables(scope, dueSoonDeliverable)));
      expect(plain(a.outcomesWithoutFollowUp.items)).toEqual(plain(await simpleOutcomes(scope)));
      expect(plain(a.expiring.items)).toEqual(plain(await simpleExpiring(scope)));
      expect(plain(a.followUpsOverdue.items)).toEqual(plain(await simpleFollowUps(scope)));
      expect(a.expiring.items.length).toBeGreaterThan(1);
      expect(a.followUpsOverdue.items.find((o) => o.text === "late actions")?.followUps).toEqual([{ description: "Longest overdue", dueDate: new Date("2033-05-01") }]);
      expect(a.overdue.items.length).toBeGreaterThan(3);
      expect(a.outcomesWithoutFollowUp.items.length).toBeGreaterThan(2);
      // Each panel's count and list agree.
      expect(a.overdue.items).toHaveLength(Math.min(TAKE, a.overdue.count));
      expect(a.outcomesWithoutFollowUp.items).toHaveLength(Math.min(TAKE, a.outcomesWithoutFollowUp.count));
    });
  }

  it("keeps other countries' records from a partner", async () => {
    const a = await needsAttention({ kind: "partner", countries: ["BY"] }, now, TAKE);
    const codes = new Set(a.overdue.items.map((d) => d.programme.title));
    expect([...codes]).toEqual(["Attention: Belarus"]);
    expect(a.outcomesWithoutFollowUp.items.some((o) => o.text === "of an archived activity")).toBe(false);
    expect(a.overdue.items.find((d) => d.title === "overdue, with an organisation")?.responsibleOrg).toEqual({ shortName: "ATTN-ORG" });
  });
});
