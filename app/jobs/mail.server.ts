import { openText, sealText } from "~/auth/mfa.server";
import type { Tx } from "~/utils/db.server";
import { sendMail, type MailMessage } from "~/utils/mail.server";
import { enqueue } from "./queue.server";

// Mail leaves the request: the write that causes a message (an invitation, a
// reset link) enqueues a "mail" job in its own transaction, and a worker sends
// it, retrying when the SMTP server is away. The message carries a sign-in
// link, so the job table holds it sealed (AES-256-GCM under a key derived from
// CONCORD_SECRET_KEY or <data>/secret.key), and the queue drops the payload
// once the job is done. Every process that runs workers needs the same secret.

declare module "./queue.server" {
  interface JobPayloads {
    mail: { sealed: string };
  }
}

const PURPOSE = "job:mail";
/** With the back-off (30 s, 1 min, 2 min …) a mail is tried for about two hours before it fails. */
const MAIL_MAX_ATTEMPTS = 8;

/**
 * Queues `message` in the transaction `tx`; nothing is sent if it rolls back.
 * With `key`, at most one mail with that key is ever queued (a digest's
 * "digest:<user>:<day>"); false when the key was taken.
 */
export async function enqueueMail(tx: Tx, message: MailMessage, options: { key?: string } = {}): Promise<boolean> {
  const id = await enqueue(tx, { name: "mail", payload: { sealed: sealText(PURPOSE, JSON.stringify(message)) }, maxAttempts: MAIL_MAX_ATTEMPTS, key: options.key });
  return id !== null;
}

/** The "mail" job's handler. */
export async function sendQueuedMail(payload: { sealed: string }): Promise<void> {
  const text = typeof payload?.sealed === "string" ? openText(PURPOSE, payload.sealed) : null;
  if (text === null) {
    throw new Error("The message cannot be opened with this server's secret key: every server process needs the same CONCORD_SECRET_KEY.");
  }
  const message = JSON.parse(text) as MailMessage;
  try {
    await sendMail(message);
  } catch (error) {
    // The job's lastError is what /admin/jobs shows: say whose mail failed and
    // what it was (subjects carry no secrets; links and bodies stay sealed).
    const about = message.ref ? `, ${message.ref}` : "";
    throw new Error(`Mail to ${message.to} (“${message.subject}”${about}) failed: ${(error as Error)?.message ?? String(error)}`);
  }
}
