import { Prisma } from "@prisma/client";
import { isDeliverableOverdue, OPEN_DELIVERABLE_STATUSES } from "~/schemas/deliverable";
import { addDays, col, sqlDay, sqlValues, time } from "./sql-rule.server";

// What the pages mean by an open, an overdue and a soon-due deliverable, in
// one place (see sql-rule.server.ts). Archiving is not part of these rules:
// each caller says whether archived records count, as its scope does.
//
// The TypeScript forms are the client-safe ones in ~/schemas/deliverable
// (isDeliverableOverdue runs in the browser too); the statuses come from there.

/** How far ahead `due=next30` looks: today and the 30 days after it (as `expiring=90` does for agreements). */
export const DUE_SOON_DAYS = 30;

type Row = { status: string; dueDate: Date | string | null };

/** Still owed: not started or in progress. */
export const openDeliverable = {
  where: (): Prisma.DeliverableWhereInput => ({ status: { in: [...OPEN_DELIVERABLE_STATUSES] } }),
  sql: (alias: string): Prisma.Sql => Prisma.sql`${col(alias, "status")} IN (${sqlValues(OPEN_DELIVERABLE_STATUSES)})`,
  test: (d: Pick<Row, "status">): boolean => (OPEN_DELIVERABLE_STATUSES as readonly string[]).includes(d.status),
};

/** Open and due before today (calendar dates). */
export const overdueDeliverable = {
  where: (today: Date): Prisma.DeliverableWhereInput => ({ ...openDeliverable.where(), dueDate: { lt: today } }),
  sql: (alias: string, today: Date): Prisma.Sql => Prisma.sql`${openDeliverable.sql(alias)} AND ${col(alias, "dueDate")} < ${sqlDay(today)}`,
  test: (d: Row, today: Date): boolean => isDeliverableOverdue(d, today),
};

/** Open and due today or within the next DUE_SOON_DAYS days. */
export const dueSoonDeliverable = {
  where: (today: Date, days = DUE_SOON_DAYS): Prisma.DeliverableWhereInput => ({
    ...openDeliverable.where(),
    dueDate: { gte: today, lte: addDays(today, days) },
  }),
  sql: (alias: string, today: Date, days = DUE_SOON_DAYS): Prisma.Sql =>
    Prisma.sql`${openDeliverable.sql(alias)} AND ${col(alias, "dueDate")} BETWEEN ${sqlDay(today)} AND ${sqlDay(addDays(today, days))}`,
  test: (d: Row, today: Date, days = DUE_SOON_DAYS): boolean => {
    const due = time(d.dueDate);
    return openDeliverable.test(d) && due !== null && due >= today.getTime() && due <= addDays(today, days).getTime();
  },
};
