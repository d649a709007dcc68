import { prisma } from "~/utils/db.server";
import { extractDocumentText, sweepDocumentText } from "~/models/document-text.server";
import { sweepStaleUploads } from "~/models/file-store.server";
import { sweepImports } from "~/imports/engine.server";
import { purgeOldSubmissions } from "~/models/form-submission.server";
import { purgeStaleLimits } from "~/models/rate-limit.server";
import { sendDigests } from "~/notifications/digest.server";
import { handleNotification } from "~/notifications/notify.server";
import { runReminderSweep } from "~/notifications/reminders.server";
import { sendQueuedMail } from "./mail.server";
import { registerJob } from "./queue.server";

// Every job Concord runs, with its handler, and the sweeps run on a schedule.
// The worker and runDueJobs() import this module, so a job is never claimed by
// a process that does not know how to run it.

declare module "./queue.server" {
  interface JobPayloads {
    "sweep.sessions": Record<string, never>;
    "sweep.rate-limits": Record<string, never>;
    "sweep.form-submissions": Record<string, never>;
    "sweep.uploads": Record<string, never>;
    "sweep.jobs": Record<string, never>;
    "notify.reminders": Record<string, never>;
    "notify.digest": Record<string, never>;
    "document.text": { sha256: string };
    "sweep.document-text": Record<string, never>;
    "sweep.imports": Record<string, never>;
  }
}

/** Finished jobs are kept this long (what the admin page counts), failed ones until an administrator retries them. */
export const DONE_JOBS_KEEP_DAYS = 7;

/** Expired sessions: lucia only deletes one when its owner comes back. */
export async function purgeExpiredSessions(): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "Session" WHERE "expiresAt" < now()`;
}

export async function purgeFinishedJobs(keepDays = DONE_JOBS_KEEP_DAYS): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "Job" WHERE "state" = 'DONE' AND "finishedAt" < now() - make_interval(days => ${keepDays})`;
}

registerJob("mail", { run: sendQueuedMail });
registerJob("sweep.sessions", { run: async () => void (await purgeExpiredSessions()) });
registerJob("sweep.rate-limits", { run: async () => void (await purgeStaleLimits()) });
registerJob("sweep.form-submissions", { run: async () => void (await purgeOldSubmissions()) });
registerJob("sweep.uploads", {
  run: async () => {
    const removed = await sweepStaleUploads();
    if (removed) console.log(`Removed ${removed} temporary upload file(s) left by an interrupted upload`);
  },
});
registerJob("sweep.jobs", { run: async () => void (await purgeFinishedJobs()) });
// Issue 18 (docs/decisions/0038-notifications.md): events to inbox entries and mail, reminders, digests.
registerJob("notify", { run: async (event) => void (await handleNotification(event)) });
registerJob("notify.reminders", { run: async () => void (await runReminderSweep()) });
registerJob("notify.digest", { run: async () => void (await sendDigests()) });
// Issue 19 (docs/decisions/0040-search.md): the text of uploaded text and CSV files, for search.
registerJob("document.text", { run: async ({ sha256 }) => void (await extractDocumentText(sha256)) });
registerJob("sweep.document-text", { run: async () => void (await sweepDocumentText()) });
// Issue 19 (docs/decisions/0042-spreadsheet-import.md): expired import previews and old imports' rows.
registerJob("sweep.imports", { run: async () => void (await sweepImports()) });

/** Sweeps enqueued by every worker once per period; the period's key makes each run happen once across processes. */
export const SCHEDULES: {
  name: "sweep.sessions" | "sweep.rate-limits" | "sweep.form-submissions" | "sweep.uploads" | "sweep.jobs" | "notify.reminders" | "notify.digest" | "sweep.document-text" | "sweep.imports";
  everyMs: number;
}[] = [
  { name: "sweep.sessions", everyMs: 60 * 60 * 1000 },
  { name: "sweep.rate-limits", everyMs: 60 * 60 * 1000 },
  { name: "sweep.form-submissions", everyMs: 60 * 60 * 1000 },
  { name: "sweep.uploads", everyMs: 60 * 60 * 1000 },
  { name: "sweep.jobs", everyMs: 24 * 60 * 60 * 1000 },
  { name: "notify.reminders", everyMs: 60 * 60 * 1000 },
  { name: "notify.digest", everyMs: 60 * 60 * 1000 },
  { name: "sweep.document-text", everyMs: 60 * 60 * 1000 },
  { name: "sweep.imports", everyMs: 60 * 60 * 1000 },
];
