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

/**
 * A throttle: after `freeFailures` consecutive failures, each further attempt
 * is checked only once a delay has passed, doubling with every failure from
 * `baseSeconds` up to `maxDelaySeconds`. Nothing locks for good: the wait is
 * bounded, and after `forgetSeconds` without a failure the count starts over.
 */
export type Throttle = { freeFailures: number; baseSeconds: number; maxDelaySeconds: number; forgetSeconds: number };

/** Seconds to wait after `failures` consecutive failures. */
export function throttleDelaySeconds(t: Throttle, failures: number): number {
  if (failures < t.freeFailures) return 0;
  return Math.min(t.maxDelaySeconds, t.baseSeconds * 2 ** (failures - t.freeFailures));
}

// A throttle's row: "count" is the run of failures, "resetAt" the moment the
// next attempt may be checked (the last failure's time when there is no wait).

/** The latest moment, still to come, before which one of the keys allows no attempt; null when all allow one now. */
export async function throttledUntil(keys: string[]): Promise<Date | null> {
  if (!keys.length) return null;
  const rows = await prisma.rateLimit.findMany({ where: { key: { in: keys }, resetAt: { gt: new Date() } }, select: { resetAt: true } });
  return rows.reduce<Date | null>((latest, r) => (!latest || r.resetAt > latest ? r.resetAt : latest), null);
}

/** Counts one failure against the key and starts the wait it now owes; returns the run of failures. */
export async function recordThrottledFailure(key: string, t: Throttle): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" + make_interval(secs => ${t.forgetSeconds}) <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = now()
    RETURNING "count"`;
  const failures = Number(row.count);
  const delay = throttleDelaySeconds(t, failures);
  if (delay > 0) await prisma.$executeRaw`UPDATE "RateLimit" SET "resetAt" = now() + make_interval(secs => ${delay}) WHERE "key" = ${key}`;
  return failures;
}

/** Remembers something until `seconds` from now (e.g. an address the account signed in from). */
export async function rememberKey(key: string, seconds: number): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, now() + make_interval(secs => ${seconds}))
    ON CONFLICT ("key") DO UPDATE SET "count" = 1, "resetAt" = now() + make_interval(secs => ${seconds})`;
}

export async function isRemembered(key: string): Promise<boolean> {
  return (await prisma.rateLimit.count({ where: { key, resetAt: { gt: new Date() } } })) > 0;
}

export async function clearLimitsStartingWith(prefix: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: prefix } } });
}

/**
 * Rows no limit reads any more; the hourly "sweep.rate-limits" job calls this.
 * A window's counter is dead once "resetAt" passed, but a throttle's row
 * keeps its run of failures for its forgetSeconds (a day for sign-ins) after
 * "resetAt", so only rows older than that go.
 */
export const RATE_LIMIT_KEEP_SECONDS = 24 * 60 * 60;
export async function purgeStaleLimits(keepSeconds = RATE_LIMIT_KEEP_SECONDS): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "RateLimit" WHERE "resetAt" < now() - make_interval(secs => ${keepSeconds})`;
}
