import type { AgreementStatus, DeliverableStatus, FollowUpStatus, Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { EFFECTIVE_STATUS_SELECT, expiredRecentlyAgreement, expiringAgreement } from "~/models/agreement-rules.server";
import { dueSoonDeliverable, openDeliverable, overdueDeliverable } from "~/models/deliverable-rules.server";
import { followedUpOutcome, followUpMissingOutcome, followUpOverdueOutcome, overdueFollowUpAction } from "~/models/follow-up-rules.server";
import { addDays } from "~/models/sql-rule.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createActivity, createDeliverable, createOutcome } from "../factories/deliverable";

// Each shared rule is written three times, side by side: a Prisma `where`, an
// SQL fragment and a TypeScript predicate (app/models/*-rules.server.ts). Here
// the three select the same rows over the edge cases: every status, no date,
// due yesterday / today / tomorrow, exactly at the end of the window and the
// day after, renewals, archived records. A fixed "today" far from the other
// tests' data, and every query narrowed to this file's programme.

const today = new Date("2031-03-01T00:00:00Z");
const d = (days: number) => addDays(today, days);

const AGREEMENT_STATUSES: AgreementStatus[] = ["DRAFT", "UNDER_NEGOTIATION", "SIGNED", "ACTIVE", "EXPIRED", "TERMINATED"];
const DELIVERABLE_STATUSES: DeliverableStatus[] = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "ACCEPTED"];
const FOLLOW_UP_STATUSES: FollowUpStatus[] = ["NOT_STARTED", "IN_PROGRESS", "DONE", "NOT_PURSUED"];
/** Days from today: no date, far past, the 90-day edges, yesterday, today, tomorrow, the 30- and 90-day edges, far future. */
const OFFSETS: (number | null)[] = [null, -400, -91, -90, -89, -1, 0, 1, 29, 30, 31, 89, 90, 91, 400];

const sorted = (ids: string[]) => [...ids].sort();

let programmeId: string;
let titles: Map<string, string>;
const named = (ids: string[]) => sorted(ids).map((id) => titles.get(id) ?? id).sort();

beforeAll(async () => {
  titles = new Map();
  programmeId = (await createProgramme(prisma, { countries: ["BY"], title: "Shared rules programme" })).id;

  for (const status of DELIVERABLE_STATUSES) {
    for (const offset of OFFSETS) {
      const title = `deliverable ${status} ${offset ?? "undated"}`;
      titles.set((await createDeliverable(prisma, { programmeId, title, status, dueDate: offset === null ? null : d(offset) })).id, title);
    }
  }

  const agreement = async (title: string, status: AgreementStatus, expiresOn: Date | null, more: { parentId?: string; archived?: boolean; type?: "AMENDMENT" } = {}) => {
    const a = await prisma.agreement.create({
      data: { programmeId, title, type: more.type ?? "MOU", status, expiresOn, parentId: more.parentId ?? null, archivedAt: more.archived ? new Date() : null },
    });
    titles.set(a.id, title);
    return a.id;
  };
  for (const status of AGREEMENT_STATUSES) {
    for (const offset of OFFSETS) await agreement(`agreement ${status} ${offset ?? "undated"}`, status, offset === null ? null : d(offset));
  }
  // Renewals: one beyond the window (no longer expiring), one inside it, one
  // that lapsed too (expired recently through the renewal), an archived one
  // and a draft one (neither renews).
  const renew = async (title: string, expires: number, renewal: { on: number; status?: AgreementStatus; archived?: boolean }) => {
    const parentId = await agreement(title, "ACTIVE", d(expires));
    await agreement(`${title} (amendment)`, renewal.status ?? "SIGNED", d(renewal.on), { parentId, archived: renewal.archived, type: "AMENDMENT" });
  };
  await renew("expiring, renewed beyond", 20, { on: 200 });
  await renew("expiring, renewed within", 20, { on: 60 });
  await renew("expiring, renewed exactly at 90", 20, { on: 90 });
  await renew("lapsed, renewal lapsed too", -50, { on: -10 });
  await renew("lapsed, renewal in force", -50, { on: 10 });
  await renew("lapsed, renewal archived", -50, { on: 10, archived: true });
  await renew("lapsed, renewal a draft", -50, { on: 10, status: "DRAFT" });
  await renew("lapsed long ago, renewal recent", -300, { on: -5 });
  await agreement("archived, expiring", "ACTIVE", d(10), { archived: true });
  await agreement("archived, expired recently", "EXPIRED", d(-10), { archived: true });

  const activityId = (await createActivity(prisma, { programmeId })).id;
  const carrier = (await createDeliverable(prisma, { programmeId, title: "carrier" })).id;
  titles.set(carrier, "carrier");
  for (const followUpStatus of FOLLOW_UP_STATUSES) {
    for (const withDeliverable of [false, true]) {
      for (const actions of [[], [{ status: "NOT_STARTED", due: -1 }], [{ status: "IN_PROGRESS", due: 0 }], [{ status: "DONE", due: -30 }, { status: "IN_PROGRESS", due: null }], [{ status: "NOT_PURSUED", due: -3 }, { status: "IN_PROGRESS", due: -3 }]] as { status: FollowUpStatus; due: number | null }[][]) {
        const title = `outcome ${followUpStatus} ${withDeliverable ? "carried" : "alone"} ${actions.map((a) => `${a.status}@${a.due}`).join(",") || "no actions"}`;
        const o = await createOutcome(prisma, { activityId, followUpStatus, deliverableId: withDeliverable ? carrier : undefined, text: title });
        titles.set(o.id, title);
        for (const [position, a] of actions.entries()) {
          const action = await prisma.followUpAction.create({
            data: { outcomeId: o.id, position, description: `${title} #${position}`, status: a.status, dueDate: a.due === null ? null : d(a.due) },
          });
          titles.set(action.id, `${title} #${position}`);
        }
      }
    }
  }
});

/** The ids each form selects among this programme's deliverables. */
async function deliverableForms(rule: { where: Prisma.DeliverableWhereInput; sql: Prisma.Sql; test: (r: { status: string; dueDate: Date | null }) => boolean }) {
  const rows = await prisma.deliverable.findMany({ where: { programmeId }, select: { id: true, status: true, dueDate: true } });
  const viaPrisma = await prisma.deliverable.findMany({ where: { AND: [{ programmeId }, rule.where] }, select: { id: true } });
  const viaSql = await prisma.$queryRaw<{ id: string }[]>`SELECT x.id FROM "Deliverable" x WHERE x."programmeId" = ${programmeId} AND ${rule.sql}`;
  return { prisma: named(viaPrisma.map((r) => r.id)), sql: named(viaSql.map((r) => r.id)), ts: named(rows.filter(rule.test).map((r) => r.id)) };
}

describe("deliverable rules", () => {
  it("open: the three forms agree, every status", async () => {
    const forms = await deliverableForms({ where: openDeliverable.where(), sql: openDeliverable.sql("x"), test: openDeliverable.test });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    expect(forms.prisma).toHaveLength(2 * OFFSETS.length + 1); // NOT_STARTED and IN_PROGRESS, and the carrier
  });

  it("overdue: due before today, open; due today is not overdue", async () => {
    const forms = await deliverableForms({ where: overdueDeliverable.where(today), sql: overdueDeliverable.sql("x", today), test: (r) => overdueDeliverable.test(r, today) });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    expect(forms.prisma).toContain("deliverable IN_PROGRESS -1");
    expect(forms.prisma).not.toContain("deliverable IN_PROGRESS 0");
    expect(forms.prisma).not.toContain("deliverable SUBMITTED -1");
    expect(forms.prisma).not.toContain("deliverable NOT_STARTED undated");
  });

  it("due soon: today up to and including the 30th day", async () => {
    const forms = await deliverableForms({ where: dueSoonDeliverable.where(today), sql: dueSoonDeliverable.sql("x", today), test: (r) => dueSoonDeliverable.test(r, today) });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    expect(forms.prisma).toEqual(["deliverable IN_PROGRESS 0", "deliverable IN_PROGRESS 1", "deliverable IN_PROGRESS 29", "deliverable IN_PROGRESS 30",
      "deliverable NOT_STARTED 0", "deliverable NOT_STARTED 1", "deliverable NOT_STARTED 29", "deliverable NOT_STARTED 30"]);
  });
});

async function agreementForms(rule: { where: Prisma.AgreementWhereInput; sql: Prisma.Sql; test: (a: Prisma.AgreementGetPayload<{ select: typeof select }>) => boolean }) {
  const rows = await prisma.agreement.findMany({ where: { programmeId }, select });
  const viaPrisma = await prisma.agreement.findMany({ where: { AND: [{ programmeId }, rule.where] }, select: { id: true } });
  const viaSql = await prisma.$queryRaw<{ id: string }[]>`SELECT x.id FROM "Agreement" x WHERE x."programmeId" = ${programmeId} AND ${rule.sql}`;
  return { prisma: named(viaPrisma.map((r) => r.id)), sql: named(viaSql.map((r) => r.id)), ts: named(rows.filter(rule.test).map((r) => r.id)) };
}
const select = { id: true, archivedAt: true, ...EFFECTIVE_STATUS_SELECT } satisfies Prisma.AgreementSelect;

describe("agreement rules", () => {
  it("expiring within 90 days: the three forms agree; today and the 90th day count, renewals beyond do not", async () => {
    const forms = await agreementForms({ where: expiringAgreement.where(today), sql: expiringAgreement.sql("x", today), test: (a) => expiringAgreement.test(a, today) });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    for (const inside of ["agreement ACTIVE 0", "agreement ACTIVE 90", "agreement DRAFT 1", "expiring, renewed within", "expiring, renewed exactly at 90"]) expect(forms.prisma).toContain(inside);
    for (const outside of ["agreement ACTIVE 91", "agreement ACTIVE -1", "agreement TERMINATED 10", "agreement EXPIRED 1", "expiring, renewed beyond", "archived, expiring"]) {
      expect(forms.prisma).not.toContain(outside);
    }
  });

  it("expiring within another window (the list's expiring= filter)", async () => {
    const forms = await agreementForms({ where: expiringAgreement.where(today, 30), sql: expiringAgreement.sql("x", today, 30), test: (a) => expiringAgreement.test(a, today, 30) });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    expect(forms.prisma).toContain("agreement SIGNED 30");
    expect(forms.prisma).not.toContain("agreement SIGNED 31");
  });

  it("expired within the last 90 days: the three forms agree; yesterday and the 90th day back count, today does not", async () => {
    const forms = await agreementForms({ where: expiredRecentlyAgreement.where(today), sql: expiredRecentlyAgreement.sql("x", today), test: (a) => expiredRecentlyAgreement.test(a, today) });
    expect(forms.sql).toEqual(forms.prisma);
    expect(forms.ts).toEqual(forms.prisma);
    for (const inside of ["agreement ACTIVE -1", "agreement ACTIVE -90", "agreement EXPIRED -89", "lapsed, renewal lapsed too", "lapsed, renewal archived", "lapsed, renewal a draft", "lapsed long ago, renewal recent"]) {
      expect(forms.prisma).toContain(inside);
    }
    for (const outside of ["agreement ACTIVE 0", "agreement ACTIVE -91", "agreement DRAFT -1", "agreement TERMINATED -1", "lapsed, renewal in force", "archived, expired recently"]) {
      expect(forms.prisma).not.toContain(outside);
    }
  });
});

describe("follow-up rules", () => {
  const outcomeRows = () =>
    prisma.outcome.findMany({ where: { activity: { programmeId } }, select: { id: true, followUpStatus: true, deliverableId: true, followUps: { select: { status: true, dueDate: true } } } });
  async function outcomeForms(rule: { where: Prisma.OutcomeWhereInput; sql: Prisma.Sql; test: (o: Awaited<ReturnType<typeof outcomeRows>>[number]) => boolean }) {
    const inProgramme: Prisma.OutcomeWhereInput = { activity: { programmeId } };
    const viaPrisma = await prisma.outcome.findMany({ where: { AND: [inProgramme, rule.where] }, select: { id: true } });
    const viaSql = await prisma.$queryRaw<{ id: string }[]>`SELECT o.id FROM "Outcome" o JOIN "Activity" a ON a.id = o."activityId" WHERE a."programmeId" = ${programmeId} AND ${rule.sql}`;
    return { prisma: named(viaPrisma.map((r) => r.id)), sql: named(viaSql.map((r) => r.id)), ts: named((await outcomeRows()).filter(rule.test).map((r) => r.id)) };
  }

  it("an overdue action: open and due before today", async () => {
    const rows = await prisma.followUpAction.findMany({ where: { outcome: { activity: { programmeId } } }, select: { id: true, status: true, dueDate: true } });
    const viaPrisma = await prisma.followUpAction.findMany({ where: { AND: [{ outcome: { activity: { programmeId } } }, overdueFollowUpAction.where(today)] }, select: { id: true } });
    const viaSql = await prisma.$queryRaw<{ id: string }[]>`SELECT f.id FROM "FollowUpAction" f JOIN "Outcome" o ON o.id = f."outcomeId" JOIN "Activity" a ON a.id = o."activityId"
      WHERE a."programmeId" = ${programmeId} AND ${overdueFollowUpAction.sql("f", today)}`;
    const ts = rows.filter((r) => overdueFollowUpAction.test(r, today)).map((r) => r.id);
    expect(named(viaSql.map((r) => r.id))).toEqual(named(viaPrisma.map((r) => r.id)));
    expect(named(ts)).toEqual(named(viaPrisma.map((r) => r.id)));
    expect(viaPrisma.length).toBe(FOLLOW_UP_STATUSES.length * 2 * 2); // NOT_STARTED@-1 and IN_PROGRESS@-3, on every outcome
  });

  it("outcomes with an overdue action, without follow-up, followed up: the three forms agree", async () => {
    for (const rule of [
      { where: followUpOverdueOutcome.where(today), sql: followUpOverdueOutcome.sql("o", today), test: (o: Parameters<typeof followUpOverdueOutcome.test>[0]) => followUpOverdueOutcome.test(o, today) },
      { where: followUpMissingOutcome.where(), sql: followUpMissingOutcome.sql("o"), test: followUpMissingOutcome.test },
      { where: followedUpOutcome.where(), sql: followedUpOutcome.sql("o"), test: followedUpOutcome.test },
    ]) {
      const forms = await outcomeForms(rule);
      expect(forms.sql).toEqual(forms.prisma);
      expect(forms.ts).toEqual(forms.prisma);
      expect(forms.prisma.length).toBeGreaterThan(0);
    }
    expect((await outcomeForms({ where: followUpMissingOutcome.where(), sql: followUpMissingOutcome.sql("o"), test: followUpMissingOutcome.test })).prisma).toEqual([
      "outcome NOT_STARTED alone no actions",
    ]);
  });
});
