import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import * as queue from "~/jobs/queue.server";
import { BACKOFF, claimJobs, LEASE_LOST_ERROR, completeJob, countJobsByState, enqueue, listFailedJobs, registerJob, releaseJobs, retryJob } from "~/jobs/queue.server";
import { enqueueScheduledJobs, runDueJobs, startJobWorker, stopJobWorker } from "~/jobs/worker.server";
import { SCHEDULES } from "~/jobs/handlers.server";
import { incomingDir, STALE_UPLOAD_MS } from "~/models/file-store.server";
import { prisma } from "~/utils/db.server";
import { createUser } from "../factories";

// The job queue on the database (app/jobs): enqueued with the write that
// causes it, claimed once across workers, retried with back-off, taken over
// when its worker died, and the scheduled sweeps.

declare module "~/jobs/queue.server" {
  interface JobPayloads {
    "test.record": { label: string };
    "test.flaky": { succeedOnAttempt: number };
    "test.slow": Record<string, never>;
  }
}

/** Which job ids the "test.record" handler ran, and how often. */
const ran = new Map<string, number>();
registerJob("test.record", {
  run: async (_payload, job) => {
    ran.set(job.id, (ran.get(job.id) ?? 0) + 1);
    // Let other claims interleave while this one is running.
    await new Promise((r) => setTimeout(r, 1));
  },
});
registerJob("test.flaky", {
  run: async ({ succeedOnAttempt }, job) => {
    if (job.attempt < succeedOnAttempt) throw new Error(`mail server away (attempt ${job.attempt})`);
  },
});

/** The "test.slow" handler runs until the test lets it finish. */
let finishSlow: () => void = () => undefined;
let slowStarted = false;
registerJob("test.slow", {
  run: async () => {
    slowStarted = true;
    await new Promise<void>((resolve) => (finishSlow = resolve));
  },
});

const label = () => randomBytes(6).toString("hex");
const ageJob = (id: string) => prisma.$executeRaw`UPDATE "Job" SET "runAt" = now() - interval '1 second' WHERE "id" = ${id}`;

beforeAll(() => {
  // Failed runs are reported with console.warn; keep the test output readable.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("enqueue", () => {
  it("belongs to the transaction of the write: a rolled-back write leaves no job, a committed one leaves one", async () => {
    const rolledBack = label();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueue(tx, { name: "test.record", payload: { label: rolledBack } });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await prisma.job.count({ where: { payload: { path: ["label"], equals: rolledBack } } })).toBe(0);

    const committed = label();
    const id = await prisma.$transaction((tx) => enqueue(tx, { name: "test.record", payload: { label: committed } }));
    expect(await prisma.job.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ state: "QUEUED", attempts: 0, payload: { label: committed } });
  });

  it("inserts a keyed job once, however many times it is enqueued", async () => {
    const key = `test:${label()}`;
    const first = await enqueue(prisma, { name: "test.record", payload: { label: "a" }, key });
    const again = await Promise.all([1, 2, 3].map(() => enqueue(prisma, { name: "test.record", payload: { label: "b" }, key })));
    expect(first).not.toBeNull();
    expect(again).toEqual([null, null, null]);
    expect(await prisma.job.count({ where: { key } })).toBe(1);
  });

  it("does not run a job before its runAt", async () => {
    const id = (await enqueue(prisma, { name: "test.record", payload: { label: "later" }, runAt: new Date(Date.now() + 60 * 60 * 1000) }))!;
    await runDueJobs();
    expect(ran.get(id)).toBeUndefined();
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).state).toBe("QUEUED");
  });
});

describe("running jobs", () => {
  it("marks a finished job done, drops its payload, and never runs it again", async () => {
    const id = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
    expect(await runDueJobs({ worker: "only-worker" })).toBeGreaterThanOrEqual(1);
    expect(await runDueJobs()).toBe(0);
    expect(ran.get(id)).toBe(1);
    const row = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ state: "DONE", attempts: 1, payload: null, lockedBy: "only-worker", lockedUntil: null });
    expect(row.finishedAt).not.toBeNull();
  });

  it("retries a failing job with a growing back-off, then marks it failed with the last error; an admin's retry runs it again", async () => {
    const id = (await enqueue(prisma, { name: "test.flaky", payload: { succeedOnAttempt: 99 }, maxAttempts: 3 }))!;
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const before = await prisma.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
      await runDueJobs();
      const row = await prisma.job.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ state: "QUEUED", attempts: attempt, lastError: `mail server away (attempt ${attempt})`, lockedBy: null });
      gaps.push((row.runAt.getTime() - before[0].now.getTime()) / 1000);
      await ageJob(id);
    }
    // 30 s after the first failure, 60 s after the second (measured from before the run, so a little more).
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF.baseSeconds);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * BACKOFF.baseSeconds);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);

    await runDueJobs();
    const failed = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ state: "FAILED", attempts: 3, maxAttempts: 3, lastError: "mail server away (attempt 3)" });
    expect(await runDueJobs()).toBe(0);
    expect((await listFailedJobs()).map((j) => j.id)).toContain(id);
    expect((await countJobsByState()).FAILED).toBeGreaterThanOrEqual(1);

    // The admin retries it: the attempts start over (and this time it succeeds on its first).
    await prisma.job.update({ where: { id }, data: { payload: { succeedOnAttempt: 1 } } });
    const { user: admin } = await createUser(prisma, { role: "ADMIN" });
    const ctx = ctxFor({ id: admin.id, email: admin.email, role: "ADMIN" }, { kind: "staff" }, { ip: "203.0.113.5" });
    // Only an administrator retries: a staff member's ctx is refused before anything changes.
    const staffCtx = ctxFor({ id: admin.id, email: admin.email, role: "STAFF" });
    expect(await retryJob(staffCtx, id).catch((e: unknown) => (e as { code?: string }).code)).toBe("forbidden");
    expect(await retryJob(ctx, id)).toBe("retried");
    expect(await retryJob(ctx, id)).toBe("not_failed"); // someone retried it first
    expect(await retryJob(ctx, "no-such-job")).toBe("not_found");
    expect(await prisma.auditEvent.count({ where: { action: "job_retried", entityId: id, actorId: admin.id } })).toBe(1);
    await runDueJobs();
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DONE", attempts: 1 });
  });

  it("fails a mail job whose sealed message this server cannot open, saying why", async () => {
    const id = (await enqueue(prisma, { name: "mail", payload: { sealed: "v1.c2VhbGVkIGJ5IGFub3RoZXIga2V5" }, maxAttempts: 1 }))!;
    await runDueJobs();
    const row = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("FAILED");
    expect(row.lastError).toContain("CONCORD_SECRET_KEY");
  });

  it("gives each job to exactly one of several workers claiming at once", async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => enqueue(prisma, { name: "test.record", payload: { label: label() } })));
    // Four workers racing (on PostgreSQL each claim runs on its own pooled connection).
    const counts = await Promise.all(["w1", "w2", "w3", "w4"].map((worker) => runDueJobs({ worker })));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
    for (const id of ids) expect(ran.get(id!)).toBe(1);
    expect(await prisma.job.count({ where: { id: { in: ids as string[] }, state: "DONE", attempts: 1 } })).toBe(40);
  });

  it("takes over a job whose worker died once its lease has run out, and the dead worker cannot finish it afterwards", async () => {
    const id = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
    // A worker claims it and is killed before it finishes.
    const claimed = await claimJobs("killed-worker", 100);
    expect(claimed.map((j) => j.id)).toContain(id);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "RUNNING", lockedBy: "killed-worker", attempts: 1 });

    // While the lease holds, nobody else takes it.
    await runDueJobs({ worker: "survivor" });
    expect(ran.get(id)).toBeUndefined();

    await prisma.$executeRaw`UPDATE "Job" SET "lockedUntil" = now() - interval '1 second' WHERE "id" = ${id}`;
    await runDueJobs({ worker: "survivor" });
    expect(ran.get(id)).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DONE", attempts: 2, lockedBy: "survivor" });
    // A worker that only seemed dead (paused) and wakes up cannot mark it again.
    expect(await completeJob(id, "killed-worker")).toBe(false);
    expect(await runDueJobs()).toBe(0);
    expect(ran.get(id)).toBe(1);
  });

  it("hands a claimed job back as it was, and only the worker that holds it can", async () => {
    const id = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
    expect((await claimJobs("stopping-worker", 100)).map((j) => j.id)).toContain(id);
    expect(await releaseJobs([id], "another-worker")).toBe(0);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "RUNNING", lockedBy: "stopping-worker" });
    expect(await releaseJobs([id], "stopping-worker")).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "QUEUED", attempts: 0, lockedBy: null, lockedUntil: null });
    await runDueJobs();
    expect(ran.get(id)).toBe(1);
  });

  it("fails a job whose worker died on its last attempt instead of taking it again", async () => {
    const id = (await enqueue(prisma, { name: "test.record", payload: { label: label() }, maxAttempts: 1 }))!;
    expect((await claimJobs("killed-worker", 100)).map((j) => j.id)).toContain(id);
    await prisma.$executeRaw`UPDATE "Job" SET "lockedUntil" = now() - interval '1 second' WHERE "id" = ${id}`;
    await runDueJobs();
    expect(ran.get(id)).toBeUndefined();
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "FAILED", attempts: 1, lastError: LEASE_LOST_ERROR });
  });
});

describe("the worker", () => {
  it("runs jobs as they come, and stopping it waits for the running job to finish", async () => {
    startJobWorker({ concurrency: 2, pollMs: 20, schedule: false });
    let stopped = false;
    try {
      const quick = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
      await expect.poll(() => ran.get(quick), { timeout: 20_000 }).toBe(1);
      const slow = (await enqueue(prisma, { name: "test.slow", payload: {} }))!;
      await expect.poll(() => slowStarted, { timeout: 20_000 }).toBe(true);

      const stopping = stopJobWorker().then(() => (stopped = true));
      // It waits for the running job; a job enqueued now is not taken any more.
      const late = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
      await new Promise((r) => setTimeout(r, 200));
      expect(stopped).toBe(false);
      expect((await prisma.job.findUniqueOrThrow({ where: { id: slow } })).state).toBe("RUNNING");
      finishSlow();
      await stopping;
      expect((await prisma.job.findUniqueOrThrow({ where: { id: slow } })).state).toBe("DONE");
      expect((await prisma.job.findUniqueOrThrow({ where: { id: late } })).state).toBe("QUEUED");
      await runDueJobs();
    } finally {
      finishSlow();
      if (!stopped) await stopJobWorker();
    }
  });
});

describe("a worker told to stop while its claim is on the way", () => {
  it("starts none of what that claim brings back, and leaves it queued as it was", async () => {
    const late = (await enqueue(prisma, { name: "test.record", payload: { label: label() } }))!;
    const claim = queue.claimJobs;
    let stopping: Promise<void> | null = null;
    // The stop arrives between the worker's decision to claim and the claim's answer.
    const spy = vi.spyOn(queue, "claimJobs").mockImplementation(async (worker, limit, lease) => {
      await Promise.resolve(); // startJobWorker has returned: the worker is the current one
      stopping ??= stopJobWorker();
      return claim(worker, limit, lease);
    });
    try {
      startJobWorker({ concurrency: 2, pollMs: 20, schedule: false });
      await expect.poll(() => stopping !== null, { timeout: 20_000 }).toBe(true);
      await stopping;
    } finally {
      spy.mockRestore();
      await stopJobWorker();
    }
    expect(ran.get(late)).toBeUndefined();
    expect(await prisma.job.findUniqueOrThrow({ where: { id: late } })).toMatchObject({ state: "QUEUED", attempts: 0, lockedBy: null });
    await runDueJobs();
    expect(ran.get(late)).toBe(1);
  });
});

describe("scheduled sweeps", () => {
  it("are enqueued once per period however many processes ask", async () => {
    const now = Date.parse("2031-03-04T10:17:00Z");
    await Promise.all([enqueueScheduledJobs(now), enqueueScheduledJobs(now + 1000), enqueueScheduledJobs(now + 30 * 60 * 1000)]);
    const rows = await prisma.job.findMany({ where: { key: { endsWith: "@2031-03-04T10:00:00.000Z" } } });
    expect(rows.map((r) => r.name).sort()).toEqual(SCHEDULES.filter((s) => s.everyMs === 60 * 60 * 1000).map((s) => s.name).sort());
    // The next hour is another run.
    await enqueueScheduledJobs(now + 60 * 60 * 1000);
    expect(await prisma.job.count({ where: { key: { endsWith: "@2031-03-04T11:00:00.000Z" } } })).toBe(rows.length);
    await prisma.job.deleteMany({ where: { key: { contains: "@2031-" } } });
  });

  it("purge expired sessions, stale rate-limit rows, old double-submit keys, old finished jobs and abandoned uploads, and nothing else", async () => {
    const { user } = await createUser(prisma, { role: "STAFF" });
    const hour = 60 * 60 * 1000;
    const day = 24 * hour;
    const tag = label();
    await prisma.session.createMany({
      data: [
        { id: `expired-${tag}`, userId: user.id, expiresAt: new Date(Date.now() - 1000) },
        { id: `live-${tag}`, userId: user.id, expiresAt: new Date(Date.now() + hour) },
      ],
    });
    await prisma.rateLimit.createMany({
      data: [
        { key: `old-window-${tag}`, count: 3, resetAt: new Date(Date.now() - 2 * day) },
        // A sign-in throttle's run of failures is remembered for a day after its last failure.
        { key: `recent-throttle-${tag}`, count: 4, resetAt: new Date(Date.now() - hour) },
        { key: `open-window-${tag}`, count: 1, resetAt: new Date(Date.now() + hour) },
      ],
    });
    // Submission keys are kept fourteen days (an offline outbox entry may be replayed that late, issue 20).
    const oldKey = randomBytes(16).toString("hex");
    const weekKey = randomBytes(16).toString("hex");
    const newKey = randomBytes(16).toString("hex");
    await prisma.formSubmission.createMany({
      data: [
        { key: oldKey, userId: user.id, location: "/x", createdAt: new Date(Date.now() - 15 * day) },
        { key: weekKey, userId: user.id, location: "/w", createdAt: new Date(Date.now() - 13 * day) },
        { key: newKey, userId: user.id, location: "/y", createdAt: new Date(Date.now() - hour) },
      ],
    });
    await prisma.job.createMany({
      data: [
        { id: `done-old-${tag}`, name: "test.record", state: "DONE", finishedAt: new Date(Date.now() - 8 * day) },
        { id: `done-new-${tag}`, name: "test.record", state: "DONE", finishedAt: new Date(Date.now() - day) },
        { id: `failed-old-${tag}`, name: "test.record", state: "FAILED", finishedAt: new Date(Date.now() - 30 * day), lastError: "x" },
      ],
    });
    const stale = path.join(incomingDir(), `abandoned-${tag}`);
    const fresh = path.join(incomingDir(), `in-progress-${tag}`);
    for (const [file, age] of [
      [stale, STALE_UPLOAD_MS + 60_000],
      [fresh, 5_000],
    ] as const) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "half-received upload");
      const at = new Date(Date.now() - age);
      fs.utimesSync(file, at, at);
    }

    await enqueueScheduledJobs();
    await runDueJobs();
    const sweeps = await prisma.job.findMany({ where: { name: { startsWith: "sweep." }, key: { not: null } } });
    // (Issue 18's scheduled notify.* jobs, reminders and digests, are tested in notifications.test.ts.)
    expect(sweeps.length).toBe(SCHEDULES.filter((s) => s.name.startsWith("sweep.")).length);
    expect(sweeps.every((j) => j.state === "DONE")).toBe(true);

    expect((await prisma.session.findMany({ where: { userId: user.id } })).map((s) => s.id)).toEqual([`live-${tag}`]);
    expect((await prisma.rateLimit.findMany({ where: { key: { endsWith: tag } } })).map((r) => r.key).sort()).toEqual([
      `open-window-${tag}`,
      `recent-throttle-${tag}`,
    ]);
    expect((await prisma.formSubmission.findMany({ where: { key: { in: [oldKey, weekKey, newKey] } } })).map((f) => f.key).sort()).toEqual([weekKey, newKey].sort());
    expect((await prisma.job.findMany({ where: { id: { endsWith: tag } } })).map((j) => j.id).sort()).toEqual([`done-new-${tag}`, `failed-old-${tag}`]);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh);
  });
});
