import { enqueue } from "~/jobs/queue.server";
import type { Tx } from "~/utils/db.server";

// Issue 18: what happened, handed to the notification side in the transaction
// of the write that caused it. The write only enqueues a "notify" job with the
// event: working out who is told, writing their inbox entries and mailing them
// happens in a worker (app/notifications/*), never inside the request, and a
// write that rolls back notifies nobody. Time-based notices (due soon,
// overdue, expiring) are not emitted: the reminder sweep finds them.

export type NotificationEvent =
  /** A progress report was submitted (or resubmitted): its reviewers are told. */
  | { kind: "REPORT_SUBMITTED"; reportId: string; actorId: string }
  /** Staff returned it with comments: its reporters are told. */
  | { kind: "REPORT_RETURNED"; reportId: string; actorId: string }
  /** Staff approved it: its reporters (and donors of the programme) are told. */
  | { kind: "REPORT_APPROVED"; reportId: string; actorId: string }
  /** Staff reopened an approved report, with a reason: its reporters are told. */
  | { kind: "REPORT_REOPENED"; reportId: string; actorId: string }
  /** A partner commented on an outcome or a deliverable: staff are told. */
  | { kind: "PARTNER_COMMENTED"; target: { kind: "Outcome" | "Deliverable"; id: string }; commentId: string; actorId: string }
  /** A partner acknowledged an outcome or a deliverable: staff are told. */
  | { kind: "PARTNER_ACKNOWLEDGED"; target: { kind: "Outcome" | "Deliverable"; id: string }; actorId: string }
  /** Someone accepted an invitation: whoever invited them (else the administrators) is told. */
  | { kind: "INVITATION_ACCEPTED"; userId: string; invitedById: string | null };

declare module "~/jobs/queue.server" {
  interface JobPayloads {
    notify: NotificationEvent;
  }
}

/** Records `event` for the notification worker inside `tx`; nothing is told if `tx` rolls back. */
export async function emitNotification(tx: Tx, event: NotificationEvent): Promise<void> {
  await enqueue(tx, { name: "notify", payload: event });
}
