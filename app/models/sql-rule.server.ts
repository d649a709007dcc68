import { Prisma } from "@prisma/client";

// Helpers for the rule modules (deliverable-rules, agreement-rules,
// follow-up-rules): a rule used by several pages is written once, as a Prisma
// `where` (lists, filters, counts through Prisma), an SQL fragment (the
// one-statement counts of the dashboard, the portal and the programme page)
// and a TypeScript predicate (flags on rows already read). The three forms sit
// side by side in one module so a change to the rule changes all of them;
// tests/db/shared-rules.test.ts checks they select the same rows, on both
// databases, over the edge cases.

/** A column of a table alias in SQL: col("x", "dueDate") is x."dueDate". */
export function col(alias: string, column: string): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias) || !/^[a-z_][a-z0-9_]*$/i.test(column)) throw new Error(`Bad SQL name ${alias}.${column}`);
  return Prisma.raw(`${alias}."${column}"`);
}

/** A constant list of enum values as SQL literals (never user input): 'A', 'B'. */
export function sqlValues(values: readonly string[]): Prisma.Sql {
  for (const v of values) if (!/^[A-Z_]+$/.test(v)) throw new Error(`Not an enum value: ${v}`);
  return Prisma.raw(values.map((v) => `'${v}'`).join(", "));
}

/** A calendar date as an SQL date parameter (dates are stored as UTC calendar days). */
export function sqlDay(d: Date): Prisma.Sql {
  return Prisma.sql`${d.toISOString().slice(0, 10)}::date`;
}

export const DAY_MS = 86_400_000;

/** `today` moved by `days` calendar days (UTC). */
export function addDays(today: Date, days: number): Date {
  return new Date(today.getTime() + days * DAY_MS);
}

/** A date column's value (Date from Prisma, ISO text once serialised) as its time, or null. */
export function time(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? new Date(value) : value).getTime();
}

/** Today as a calendar date (UTC midnight), the way dates are stored: the `today` every rule is given. */
export function startOfToday(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
