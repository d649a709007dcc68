import { lucia } from "~/auth/session.server";
import { prisma } from "~/utils/db.server";
import { isUniqueViolation } from "~/utils/errors.server";
import { currentRequestContext, runWithContextFields, type SubmissionScope } from "~/utils/request-context.server";
import { noticeOfAnswer } from "~/utils/flash.server";

// A double-submitted form (double click, a retried POST, the back button)
// must create one record. Every ZodForm carries a random `_submission` key;
// runAction claims it here before writing, and the server records where the
// first submission redirected. A second post with the same key writes nothing
// and is sent to the same place. See docs/decisions/0007-double-submit.md.

export const SUBMISSION_FIELD = "_submission";
const KEY = /^[0-9a-f]{32}$/;
// Fourteen days, not one: an entry of the offline outbox (issue 20) may be
// replayed long after a first send that did reach the server (the answer was
// lost); its key must still be known then, so it saves once.
// docs/decisions/0043-offline-outbox.part.md.
const KEEP_MS = 14 * 24 * 60 * 60 * 1000;

export type { SubmissionScope };

/**
 * This request's double-submit state: a field of the request context
 * (app/utils/request-context.server.ts), built by scripts/server.ts. `run`
 * lets a test give a call a scope of its own.
 */
export const submissionScope = {
  getStore: (): SubmissionScope | undefined => currentRequestContext()?.submission,
  run: <T>(scope: SubmissionScope, fn: () => T): T => runWithContextFields(scope.request, { submission: scope }, fn),
};

export function submissionKeyOf(values: Record<string, unknown>): string | null {
  const raw = values[SUBMISSION_FIELD];
  return typeof raw === "string" && KEY.test(raw) ? raw : null;
}

async function sessionUserId(request: Request): Promise<string | null> {
  const id = lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!id) return null;
  const session = await prisma.session.findUnique({ where: { id }, select: { userId: true } });
  return session?.userId ?? null;
}

export type Claim =
  | { kind: "claimed"; key: string }
  | { kind: "done"; location: string; notice: string | null }
  | { kind: "pending" }
  | { kind: "skip" };

/**
 * Claims a submission key for this request. "claimed": go ahead and write;
 * "done": an earlier post with this key already saved, send the user where it
 * went; "pending": an earlier post is still running (or died mid-way) and
 * did not finish within the wait; "skip": no key, or no request context
 * (a script or a test calling the model), so no protection applies.
 */
export async function claimSubmission(key: string | null, waitMs = 8_000): Promise<Claim> {
  const scope = submissionScope.getStore();
  if (!key || !scope) return { kind: "skip" };
  const userId = await sessionUserId(scope.request);
  if (!userId) return { kind: "skip" };
  try {
    await prisma.formSubmission.create({ data: { key, userId } });
    scope.claimed = key;
    return { kind: "claimed", key };
  } catch (error) {
    // Either adapter's way of saying "this key is taken" (P2002 or SQLSTATE 23505).
    if (!isUniqueViolation(error)) throw error;
  }
  // Someone already holds this key: wait for it to finish.
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await prisma.formSubmission.findUnique({ where: { key } });
    // Released in the meantime (the first attempt failed): try to claim it again.
    if (!row) return claimSubmission(key, Math.max(0, deadline - Date.now()));
    // Another user's key (it should be impossible to know it): never reveal where it went.
    if (row.userId !== userId) return { kind: "pending" };
    if (row.location) return { kind: "done", location: row.location, notice: row.notice };
    if (Date.now() >= deadline) return { kind: "pending" };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first attempt did not save (invalid, refused, failed): the user may send the form again. */
export async function releaseSubmission(key: string): Promise<void> {
  await prisma.formSubmission.deleteMany({ where: { key, location: null } });
  const scope = submissionScope.getStore();
  if (scope?.claimed === key) scope.claimed = null;
}

/** The claimed write committed: from now on the key is never freed, whatever the answer. */
export function markSubmissionCommitted(key: string): void {
  const scope = submissionScope.getStore();
  if (scope?.claimed === key) scope.committed = true;
}

/** The write committed and answered with a redirect: later posts with this key go there too. */
export async function recordSubmissionLocation(key: string, location: string, notice: string | null = null): Promise<void> {
  await prisma.formSubmission.updateMany({ where: { key }, data: { location: location.slice(0, 2000), notice } });
}

/** Keys older than fourteen days are forgotten; the hourly "sweep.form-submissions" job calls this (app/jobs/handlers.server.ts). */
export async function purgeOldSubmissions(now = Date.now()): Promise<number> {
  const { count } = await prisma.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(now - KEEP_MS) } } });
  return count;
}

/**
 * Called by the HTTP server once the handler has answered, before the answer
 * is sent: a redirect records its target, anything else frees the key.
 */
export async function settleSubmission(scope: SubmissionScope, response: Response): Promise<void> {
  const key = scope.claimed;
  if (!key) return;
  const location =
    response.status >= 300 && response.status < 400 ? response.headers.get("Location") : response.headers.get("X-Remix-Redirect");
  if (location) await recordSubmissionLocation(key, location, await noticeOfAnswer(response));
  // Freed only when nothing was written; a write that committed but did not
  // redirect (an error after it) keeps its key, so a repeat cannot write twice.
  else if (!scope.committed) await releaseSubmission(key);
  scope.claimed = null;
}
