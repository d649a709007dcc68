import { prisma } from "~/utils/db.server";

// Fixed-window counters kept in the database, so they hold across restarts
// and across several server processes sharing one PostgreSQL database.

export type LimitState = { key: string; count: number; resetAt: Date };

/** Counts one event against each key; the upsert is atomic per key. */
export async function hitLimits(keys: string[], windowSeconds: number): Promise<void> {
  for (const key of keys) {
    await prisma.$executeRaw`
      INSERT INTO "RateLimit" ("key", "count", "resetAt")
      VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
      ON CONFLICT ("key") DO UPDATE SET
        "count"   = CASE WHEN "RateLimit"."resetAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
        "resetAt" = CASE WHEN "RateLimit"."resetAt" <= now()
                         THEN now() + make_interval(secs => ${windowSeconds}) ELSE "RateLimit"."resetAt" END`;
  }
}

/** The first key that has reached its limit in its current window, if any. */
export async function exceededLimit(limits: { key: string; max: number }[]): Promise<LimitState | null> {
  const rows = await prisma.rateLimit.findMany({
    where: { key: { in: limits.map((l) => l.key) }, resetAt: { gt: new Date() } },
  });
  for (const limit of limits) {
    const row = rows.find((r) => r.key === limit.key);
    if (row && row.count >= limit.max) return row;
  }
  return null;
}

export async function clearLimit(key: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key } });
}
