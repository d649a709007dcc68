import { Prisma, type Job, type JobState } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { recordAudit } from "~/models/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { assertAdmin, auditSource, type Ctx } from "~/models/ctx.server";

// A durable job queue in Concord's own database (docs/decisions/0014-job-queue.md).
//
// A job is a row of "Job", inserted in the transaction of the write that
// causes it: a rolled-back write leaves no job, and a committed one always
// has its job. Workers (app/jobs/worker.server.ts) claim due rows with
// FOR UPDATE SKIP LOCKED, so two processes never take the same row, and hold
// them with a lease (lockedUntil) that they renew while the job runs: when a
// process dies mid-job, its lease runs out and another worker takes the job
// again. A finished job is marked DONE in the same statement that checks the
// worker still holds it, so it never runs again.

/**
 * The payload of each job name. Declared with the job's handler
 * (app/jobs/handlers.server.ts) by merging into this interface:
 *   declare module "~/jobs/queue.server" { interface JobPayloads { reminder: { id: string } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;

export type JobContext = { id: string; name: string; attempt: number; maxAttempts: number };

export type JobHandler<P> = {
  run: (payload: P, job: JobContext) => Promise<void>;
};

/** Back-off after the n-th failed run: 30 s, 1 min, 2 min, … up to an hour. */
export const BACKOFF = { baseSeconds: 30, maxSeconds: 60 * 60 };
export function backoffSeconds(attempt: number): number {
  return Math.min(BACKOFF.maxSeconds, BACKOFF.baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/** How long a claimed job stays with its worker without a renewal. */
export const LEASE_SECONDS = 5 * 60;

const DEFAULT_MAX_ATTEMPTS = 5;
export const LEASE_LOST_ERROR = "The process running it stopped before it finished, on its last attempt.";
const ERROR_MAX_CHARS = 4000;

// The registry is plain module state: the worker and runDueJobs() import the
// handlers module (app/jobs/handlers.server.ts), which fills it. Enqueueing
// needs no handler, so the Remix bundle's copy of this module may be empty.
const handlers = new Map<string, JobHandler<never>>();

/** Registers the handler of one job name (once per name). */
export function registerJob<N extends JobName>(name: N, handler: JobHandler<JobPayloads[N]>): void {
  if (handlers.has(name)) throw new Error(`Job "${name}" is registered twice`);
  handlers.set(name, handler as JobHandler<never>);
}

export function jobHandler(name: string): JobHandler<unknown> | undefined {
  return handlers.get(name) as JobHandler<unknown> | undefined;
}

export type EnqueueOptions<N extends JobName> = {
  name: N;
  payload: JobPayloads[N];
  /** Not before this moment (default: now). */
  runAt?: Date;
  /** At most one job with this key is ever inserted; a second enqueue with it does nothing. */
  key?: string;
  /** Runs before the job fails for good (default 5). Set here, not with the handler: the Remix bundle enqueues without the handlers loaded. */
  maxAttempts?: number;
};

/**
 * Adds a job inside `tx`, the transaction of the write that causes it (or
 * `prisma` for a job that stands alone, like a scheduled sweep). Returns the
 * job's id, or null when `key` is already taken.
 */
export async function enqueue<N extends JobName>(tx: Tx | typeof prisma, job: EnqueueOptions<N>): Promise<string | null> {
  const id = randomUUID();
  const { count } = await tx.job.createMany({
    data: [
      {
        id,
        name: job.name,
        payload: job.payload as Prisma.InputJsonValue,
        key: job.key ?? null,
        runAt: job.runAt ?? undefined,
        maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
    ],
    // ON CONFLICT DO NOTHING: the key's unique index decides between racing processes.
    skipDuplicates: true,
  });
  return count ? id : null;
}

type ClaimedRow = { id: string; name: string; payload: unknown; attempts: number; maxAttempts: number };

/**
 * Takes up to `limit` due jobs for `worker`: queued ones whose time has come,
 * and running ones whose worker's lease ran out (it died). One statement, so
 * the row locks of SKIP LOCKED last until the rows say who holds them.
 */
export async function claimJobs(worker: string, limit: number, leaseSeconds = LEASE_SECONDS): Promise<ClaimedRow[]> {
  if (limit <= 0) return [];
  // A job whose process died on its last attempt too (one that kills its
  // worker, say) fails here instead of being taken again for ever.
  await prisma.$executeRaw`
    UPDATE "Job" SET "state" = 'FAILED', "finishedAt" = now(), "lockedBy" = NULL, "lockedUntil" = NULL,
           "lastError" = ${LEASE_LOST_ERROR}
    WHERE "state" = 'RUNNING' AND "lockedUntil" < now() AND "attempts" >= "maxAttempts"`;
  const rows = await prisma.$queryRaw<ClaimedRow[]>`
    WITH due AS (
      SELECT "id" FROM "Job"
      WHERE ("state" = 'QUEUED' AND "runAt" <= now())
         OR ("state" = 'RUNNING' AND "lockedUntil" < now())
      ORDER BY "runAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "Job" AS j
    SET "state" = 'RUNNING', "attempts" = j."attempts" + 1, "lockedBy" = ${worker},
        "lockedUntil" = now() + make_interval(secs => ${leaseSeconds})
    FROM due WHERE j."id" = due."id"
    RETURNING j."id", j."name", j."payload", j."attempts", j."maxAttempts"`;
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), maxAttempts: Number(r.maxAttempts) }));
}

/** Moves the lease on while the job still runs; false when the worker no longer holds it. */
export async function renewLease(id: string, worker: string, leaseSeconds = LEASE_SECONDS): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "Job" SET "lockedUntil" = now() + make_interval(secs => ${leaseSeconds})
    WHERE "id" = ${id} AND "state" = 'RUNNING' AND "lockedBy" = ${worker}`;
  return n > 0;
}

/**
 * Hands jobs this worker claimed but will not run back to the queue, as they
 * were: a worker told to stop while its claim was on the way (a job enqueued
 * meanwhile could be in it) starts nothing new. Only jobs it still holds.
 */
export async function releaseJobs(ids: string[], worker: string): Promise<number> {
  if (ids.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Job" SET "state" = 'QUEUED', "attempts" = "attempts" - 1, "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "id" IN (${Prisma.join(ids)}) AND "state" = 'RUNNING' AND "lockedBy" = ${worker}`;
}

/** Done: never runs again; the payload (which may hold a secret) is dropped; "lockedBy" keeps who ran it. */
export async function completeJob(id: string, worker: string): Promise<boolean> {
  const n = await prisma.$executeRaw`
    UPDATE "Job" SET "state" = 'DONE', "finishedAt" = now(), "payload" = NULL, "lockedUntil" = NULL
    WHERE "id" = ${id} AND "state" = 'RUNNING' AND "lockedBy" = ${worker}`;
  return n > 0;
}

/** A failed run: queued again after the back-off, or FAILED once the attempts are used up. The error is kept. */
export async function failJob(job: Pick<ClaimedRow, "id" | "attempts" | "maxAttempts">, worker: string, error: unknown): Promise<JobState | null> {
  const text = (error instanceof Error ? error.message || error.name : String(error)).slice(0, ERROR_MAX_CHARS);
  const final = job.attempts >= job.maxAttempts;
  const delay = backoffSeconds(job.attempts);
  const n = final
    ? await prisma.$executeRaw`
        UPDATE "Job" SET "state" = 'FAILED', "finishedAt" = now(), "lastError" = ${text}, "lockedBy" = NULL, "lockedUntil" = NULL
        WHERE "id" = ${job.id} AND "state" = 'RUNNING' AND "lockedBy" = ${worker}`
    : await prisma.$executeRaw`
        UPDATE "Job" SET "state" = 'QUEUED', "runAt" = now() + make_interval(secs => ${delay}), "lastError" = ${text},
               "lockedBy" = NULL, "lockedUntil" = NULL
        WHERE "id" = ${job.id} AND "state" = 'RUNNING' AND "lockedBy" = ${worker}`;
  if (!n) return null;
  return final ? "FAILED" : "QUEUED";
}

// ---------------------------------------------------------------------------
// What administrators see and do (/admin/jobs)

export type JobCounts = Record<JobState, number>;

export async function countJobsByState(): Promise<JobCounts> {
  const groups = await prisma.job.groupBy({ by: ["state"], _count: { _all: true } });
  const counts: JobCounts = { QUEUED: 0, RUNNING: 0, DONE: 0, FAILED: 0 };
  for (const g of groups) counts[g.state] = g._count._all;
  return counts;
}

export type FailedJob = Pick<Job, "id" | "name" | "attempts" | "maxAttempts" | "lastError" | "createdAt" | "finishedAt">;

export async function listFailedJobs(take = 100): Promise<FailedJob[]> {
  return prisma.job.findMany({
    where: { state: "FAILED" },
    orderBy: { finishedAt: "desc" },
    take,
    select: { id: true, name: true, attempts: true, maxAttempts: true, lastError: true, createdAt: true, finishedAt: true },
  });
}

/**
 * An administrator sends a failed job back to the queue: it runs again at
 * once, with its attempts counted afresh (the last error stays until it
 * succeeds). "not_failed" when it is not failed (any more: someone retried
 * it first), "not_found" when there is no such job.
 */
export async function retryJob(ctx: Ctx, id: string): Promise<"retried" | "not_failed" | "not_found"> {
  assertAdmin(ctx);
  return prisma.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE "Job" SET "state" = 'QUEUED', "runAt" = now(), "attempts" = 0, "finishedAt" = NULL
      WHERE "id" = ${id} AND "state" = 'FAILED'`;
    const job = await tx.job.findUnique({ where: { id }, select: { name: true } });
    if (!job) return "not_found";
    if (!n) return "not_failed";
    await recordAudit({ ...auditSource(ctx), action: "job_retried", entityType: "Job", entityId: id, metadata: { job: job.name } }, tx);
    return "retried";
  });
}
