import { message } from "~/i18n/translate";
import { classify, replayUrl, bodyFromFields, sendOrder, type OutboxEntry } from "./outbox";
import { listEntries, markSent, updateEntry } from "./outbox.client";

// Issue 20: sending the outbox. Entries go one at a time, in the order they
// were saved, through the same action as the form (a Remix data request with
// the same fields and the same `_submission` key, so an entry that did reach
// the server before saves nothing twice). One tab sends at a time (Web Locks).
// docs/decisions/0043-offline-outbox.part.md.

export type SyncResult =
  /** Everything that could be sent was. */
  | { kind: "done"; sent: number }
  /** The network failed: the rest waits for the next try. */
  | { kind: "offline"; sent: number }
  /** The server failed: the rest waits for the next try. */
  | { kind: "later"; sent: number }
  /** The session is gone: nothing more is sent until the person signs in again. */
  | { kind: "signedOut"; sent: number }
  /** Another tab is sending. */
  | { kind: "busy" };

const LOCK = "concord-outbox-send";

async function answerOf(response: Response) {
  const remixRedirect = response.headers.get("X-Remix-Redirect");
  // A redirect the browser followed (not a Remix one): where it landed.
  const followed = response.redirected ? new URL(response.url).pathname + new URL(response.url).search : null;
  const type = response.headers.get("Content-Type") ?? "";
  const body = type.includes("json") ? await response.json().catch(() => null) : null;
  return { status: response.status, redirect: remixRedirect ?? followed, body };
}

async function sendOne(key: string, entry: OutboxEntry): Promise<"next" | SyncResult["kind"]> {
  const current = await updateEntry(key, entry.id, { state: "sending" });
  if (!current) return "next"; // discarded meanwhile
  let response: Response;
  try {
    response = await fetch(replayUrl(current.action, current.routeId, window.location.origin), {
      method: "POST",
      body: bodyFromFields(current.fields, current.encType),
      credentials: "same-origin",
    });
  } catch {
    await updateEntry(key, entry.id, { state: "waiting" });
    return "offline";
  }
  const outcome = classify(await answerOf(response), message("outbox.gone"), message("outbox.notSaved"));
  switch (outcome.kind) {
    case "sent":
      await markSent(key, current, outcome.location);
      return "next";
    case "refused":
      await updateEntry(key, entry.id, { state: "refused", errors: outcome.errors, formError: outcome.formError, conflict: null });
      return "next";
    case "conflict":
      await updateEntry(key, entry.id, { state: "conflict", conflict: outcome.conflict, errors: null, formError: null });
      return "next";
    case "signedOut":
      await updateEntry(key, entry.id, { state: "signedOut" });
      return "signedOut";
    case "retry":
      await updateEntry(key, entry.id, { state: "waiting" });
      return "later";
  }
}

async function sendAll(key: string): Promise<SyncResult> {
  let sent = 0;
  // The order is worked out again after each entry: one held back (refused, in
  // conflict) holds back the later entries for the same record.
  const tried = new Set<string>();
  for (;;) {
    const next = sendOrder(await listEntries(key)).find((e) => !tried.has(e.id));
    if (!next) return { kind: "done", sent };
    tried.add(next.id);
    const step = await sendOne(key, next);
    if (step === "next") {
      if (!(await listEntries(key)).some((e) => e.id === next.id)) sent++;
      continue;
    }
    if (step === "signedOut") {
      // Everything else waits for the person to sign in again.
      for (const e of sendOrder(await listEntries(key))) await updateEntry(key, e.id, { state: "signedOut" });
    }
    return { kind: step, sent } as SyncResult;
  }
}

/**
 * Sends the outbox now, never in two tabs (or two triggers) at once. On page
 * load and back online it is skipped if a send is already going on; "Send
 * now" (`wait`) waits for that send to finish, then sends what is left.
 */
export async function syncOutbox(key: string, options: { wait?: boolean } = {}): Promise<SyncResult> {
  if (!navigator.locks) return sendAll(key);
  if (options.wait) return navigator.locks.request(LOCK, () => sendAll(key));
  return navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? sendAll(key) : ({ kind: "busy" } as const)));
}
