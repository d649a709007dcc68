import { Prisma } from "@prisma/client";
import { isFollowUpOverdue, OPEN_FOLLOW_UP_STATUSES } from "~/schemas/outcome";
import { col, sqlDay, sqlValues } from "./sql-rule.server";

// How workshop outcomes are followed up, as the dashboard, the outcome list's
// `followUp=` filter and the programme page count them: each rule as a Prisma
// `where`, an SQL fragment and a predicate (see sql-rule.server.ts). The
// predicate for one action is the client-safe isFollowUpOverdue
// (~/schemas/outcome), which the outcome page runs in the browser.

type Action = { status: string; dueDate: Date | string | null };

/** A follow-up action that is overdue: open (not started or in progress) and due before today (issue 14, item 12). */
export const overdueFollowUpAction = {
  where: (today: Date): Prisma.FollowUpActionWhereInput => ({ status: { in: [...OPEN_FOLLOW_UP_STATUSES] }, dueDate: { lt: today } }),
  sql: (alias: string, today: Date): Prisma.Sql =>
    Prisma.sql`${col(alias, "status")} IN (${sqlValues(OPEN_FOLLOW_UP_STATUSES)}) AND ${col(alias, "dueDate")} < ${sqlDay(today)}`,
  test: (a: Action, today: Date): boolean => isFollowUpOverdue(a, today),
};

/** `followUp=overdue`: outcomes with at least one overdue follow-up action. */
export const followUpOverdueOutcome = {
  where: (today: Date): Prisma.OutcomeWhereInput => ({ followUps: { some: overdueFollowUpAction.where(today) } }),
  sql: (alias: string, today: Date): Prisma.Sql =>
    Prisma.sql`EXISTS (SELECT 1 FROM "FollowUpAction" f WHERE f."outcomeId" = ${col(alias, "id")} AND ${overdueFollowUpAction.sql("f", today)})`,
  test: (o: { followUps: Action[] }, today: Date): boolean => o.followUps.some((a) => overdueFollowUpAction.test(a, today)),
};

type OutcomeFollowUp = { followUpStatus: string; deliverableId: string | null; followUps: unknown[] };

/**
 * `followUp=missing`: nobody has started on it, no deliverable carries it out
 * and no follow-up action is planned.
 */
export const followUpMissingOutcome = {
  where: (): Prisma.OutcomeWhereInput => ({ followUpStatus: "NOT_STARTED", deliverableId: null, followUps: { none: {} } }),
  sql: (alias: string): Prisma.Sql =>
    Prisma.sql`${col(alias, "followUpStatus")} = 'NOT_STARTED' AND ${col(alias, "deliverableId")} IS NULL
  AND NOT EXISTS (SELECT 1 FROM "FollowUpAction" fa WHERE fa."outcomeId" = ${col(alias, "id")})`,
  test: (o: OutcomeFollowUp): boolean => o.followUpStatus === "NOT_STARTED" && o.deliverableId === null && o.followUps.length === 0,
};

/** Statuses that count an outcome as followed up (with, or instead of, a deliverable carrying it out). */
const FOLLOWED_UP_STATUSES = ["DONE", "IN_PROGRESS"] as const;

/** Followed up (the programme page's "followed up" count): in progress or done, or carried out by a deliverable. */
export const followedUpOutcome = {
  where: (): Prisma.OutcomeWhereInput => ({ OR: [{ followUpStatus: { in: [...FOLLOWED_UP_STATUSES] } }, { deliverableId: { not: null } }] }),
  sql: (alias: string): Prisma.Sql =>
    Prisma.sql`(${col(alias, "followUpStatus")} IN (${sqlValues(FOLLOWED_UP_STATUSES)}) OR ${col(alias, "deliverableId")} IS NOT NULL)`,
  test: (o: Pick<OutcomeFollowUp, "followUpStatus" | "deliverableId">): boolean =>
    (FOLLOWED_UP_STATUSES as readonly string[]).includes(o.followUpStatus) || o.deliverableId !== null,
};
