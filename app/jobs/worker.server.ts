import { randomBytes } from "node:crypto";
import os from "node:os";
import { prisma } from "~/utils/db.server";
import { SCHEDULES } from "./handlers.server";
import { claimJobs, completeJob, enqueue, failJob, jobHandler, LEASE_SECONDS, releaseJobs, renewLease } from "./queue.server";

// The worker: polls the Job table for due jobs, runs up to `concurrency` at a
// time, and enqueues the scheduled sweeps. scripts/server.ts starts it after
// the migrations and stops it (waiting for running jobs) before the database
// closes. Tests call runDueJobs() instead, and wait for it.

export const POLL_MS = 1_000;
const SCHEDULE_CHECK_MS = 60_000;

type ClaimedJob = Awaited<ReturnType<typeof claimJobs>>[number];

/** This process's name in "Job"."lockedBy": host, process id and a random part (a restarted process is someone else). */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`.slice(0, 200);
}

async function runClaimed(job: ClaimedJob, worker: string): Promise<void> {
  // Renewed well before it runs out, so a slow job (a mail server taking its
  // time) is not taken by another worker while this one is still at it.
  const renew = setInterval(() => void renewLease(job.id, worker).catch(() => undefined), (LEASE_SECONDS * 1000) / 3);
  renew.unref();
  try {
    const handler = jobHandler(job.name);
    if (!handler) throw new Error(`No handler for jobs named "${job.name}"`);
    await handler.run(job.payload as never, { id: job.id, name: job.name, attempt: job.attempts, maxAttempts: job.maxAttempts });
    await completeJob(job.id, worker);
  } catch (error) {
    const state = await failJob(job, worker, error).catch(() => null);
    const what = state === "FAILED" ? "failed for good" : "failed; it will be retried";
    console.warn(`Job ${job.name} ${job.id} (attempt ${job.attempts} of ${job.maxAttempts}) ${what}: ${(error as Error)?.message ?? error}`);
  } finally {
    clearInterval(renew);
  }
}

/**
 * Runs every job that is due now, in this process, until none is left; returns
 * how many ran. For tests and scripts: a test that enqueued a mail awaits this,
 * then reads the outbox.
 */
export async function runDueJobs(options: { worker?: string; limit?: number } = {}): Promise<number> {
  const worker = options.worker ?? newWorkerId();
  let ran = 0;
  for (;;) {
    const claimed = await claimJobs(worker, Math.min(10, (options.limit ?? Infinity) - ran));
    if (!claimed.length) return ran;
    for (const job of claimed) await runClaimed(job, worker);
    ran += claimed.length;
  }
}

/** Enqueues the current period's run of each scheduled sweep; the period's key makes this a no-op in all processes but the first. */
export async function enqueueScheduledJobs(now = Date.now()): Promise<void> {
  for (const s of SCHEDULES) {
    const slot = new Date(Math.floor(now / s.everyMs) * s.everyMs).toISOString();
    await enqueue(prisma, { name: s.name, payload: {}, key: `${s.name}@${slot}` });
  }
}

type Worker = { id: string; stopping: boolean; running: Set<Promise<void>>; wake: () => void; loop: Promise<void> };
let current: Worker | null = null;

/** Starts polling in this process (once; a second call returns the running worker's id). */
export function startJobWorker(options: { concurrency: number; pollMs?: number; schedule?: boolean }): string {
  if (current) return current.id;
  const pollMs = options.pollMs ?? POLL_MS;
  const w: Worker = { id: newWorkerId(), stopping: false, running: new Set(), wake: () => undefined, loop: Promise.resolve() };
  let lastScheduleCheck = 0;
  let lastProblem = 0;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      w.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  w.loop = (async () => {
    while (!w.stopping) {
      try {
        if (options.schedule !== false && Date.now() - lastScheduleCheck >= SCHEDULE_CHECK_MS) {
          lastScheduleCheck = Date.now();
          await enqueueScheduledJobs();
        }
        const free = options.concurrency - w.running.size;
        const claimed = free > 0 ? await claimJobs(w.id, free) : [];
        // Told to stop while the claim was on its way: start nothing new.
        if (w.stopping) {
          await releaseJobs(claimed.map((job) => job.id), w.id);
          break;
        }
        for (const job of claimed) {
          const run = runClaimed(job, w.id).finally(() => {
            w.running.delete(run);
            w.wake(); // a slot is free: look for more at once
          });
          w.running.add(run);
        }
        // A full batch: there may be more due at once.
        if (claimed.length && claimed.length === free) continue;
      } catch (error) {
        // The database is away (restarting, unreachable): try again on the next poll, and say so now and then.
        if (Date.now() - lastProblem > 60_000) {
          lastProblem = Date.now();
          console.warn(`Job worker: ${(error as Error).message}`);
        }
      }
      if (!w.stopping) await pause(pollMs);
    }
  })();
  current = w;
  return w.id;
}

/** Stops claiming jobs and waits for the running ones to finish. */
export async function stopJobWorker(): Promise<void> {
  const w = current;
  if (!w) return;
  w.stopping = true;
  w.wake();
  await w.loop;
  await Promise.allSettled([...w.running]);
  current = null;
}
