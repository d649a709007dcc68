import { Prisma } from "@prisma/client";

/**
 * A table alias for hand-written SQL, quoted: sqlAlias("x") is "x". Only
 * letters, digits and underscores are kept, so a caller's alias can never
 * carry SQL of its own.
 */
export function sqlAlias(alias: string): Prisma.Sql {
  return Prisma.raw(`"${alias.replace(/[^A-Za-z0-9_]/g, "")}"`);
}
