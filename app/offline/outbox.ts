import type { ActionResult, ConflictInfo } from "~/components/form/zod-form";
import { formDataToObject, type FieldErrors, type FormValues } from "~/utils/form";

// Issue 20: the offline outbox's pure parts (no IndexedDB, no DOM): what an
// entry holds, a form's data to and from an entry, the order entries are sent
// in, and what a replay's answer means. The store is outbox.client.ts, the
// replay sync.client.ts; docs/decisions/0043-offline-outbox.part.md.

export type OutboxState = "waiting" | "sending" | "refused" | "conflict" | "signedOut";

/** One field of the form's data: text, or a file kept as a Blob with its name. */
export type OutboxField = [name: string, value: string] | [name: string, value: Blob, filename: string];

export type OutboxEntry = {
  id: string;
  /** The order entries were saved in; they are sent in this order. */
  seq: number;
  createdAt: string;
  updatedAt: string;
  /** What the person sees: the form's heading and the record's title. */
  title: string;
  /** The page the form was on (opened again with ?outbox=<id> to edit the entry). */
  formUrl: string;
  /** The form's action URL and its route (a replay is a Remix data request to it). */
  action: string;
  routeId: string;
  encType: "multipart/form-data" | "application/x-www-form-urlencoded";
  fields: OutboxField[];
  /** The form's `_submission` key: a second send of an entry that reached the server saves nothing. */
  submissionKey: string;
  state: OutboxState;
  errors?: FieldErrors | null;
  formError?: string | null;
  conflict?: ConflictInfo | null;
  /** Where the record is, once sent (the answer's redirect). */
  sentTo?: string | null;
};

/** An entry that was sent: kept for the "sent" notice (with a link to the record) until dismissed. */
export type SentEntry = { id: string; title: string; sentTo: string; sentAt: string };

export const SUBMISSION_FIELD = "_submission";

/** The form's data as an entry keeps it (files kept as Blobs with their names). */
export function fieldsFromFormData(data: FormData): OutboxField[] {
  const fields: OutboxField[] = [];
  for (const [name, value] of data.entries()) {
    if (typeof value === "string") fields.push([name, value]);
    else fields.push([name, value, (value as File).name ?? ""]);
  }
  return fields;
}

/** The body of a replay: the same fields, the same encoding the form had. */
export function bodyFromFields(fields: OutboxField[], encType: OutboxEntry["encType"]): FormData | URLSearchParams {
  if (encType !== "multipart/form-data") {
    const params = new URLSearchParams();
    for (const [name, value] of fields) if (typeof value === "string") params.append(name, value);
    return params;
  }
  const data = new FormData();
  for (const field of fields) {
    if (field.length === 3) data.append(field[0], field[1], field[2]);
    else data.append(field[0], field[1]);
  }
  return data;
}

/** The entry's values as the form holds them ("a.0.b" names made nested), to load into the form again. */
export function valuesFromFields(fields: OutboxField[]): FormValues {
  const params = new URLSearchParams();
  for (const [name, value] of fields) if (typeof value === "string") params.append(name, value);
  return formDataToObject(params);
}

/** The fields with one replaced (or added): "Keep mine" sends the record's current version. */
export function withField(fields: OutboxField[], name: string, value: string): OutboxField[] {
  let found = false;
  const next = fields.map((f): OutboxField => {
    if (f[0] !== name) return f;
    found = true;
    return [name, value];
  });
  return found ? next : [...next, [name, value]];
}

/** The URL a replay posts to: the action with `_data=<routeId>` (a Remix data request). */
export function replayUrl(action: string, routeId: string, origin: string): string {
  const url = new URL(action, origin);
  url.searchParams.set("_data", routeId);
  return `${url.pathname}${url.search}`;
}

/** States an entry is sent from: waiting, an interrupted send, or waiting for the person to sign in again. */
const SENDABLE: ReadonlySet<OutboxState> = new Set(["waiting", "sending", "signedOut"]);

/**
 * The entries to send now, in the order they were saved. An entry held back
 * (refused or in conflict) holds back the later entries for the same action
 * (the same record), which may depend on it; the others go on.
 */
export function sendOrder(entries: OutboxEntry[]): OutboxEntry[] {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const held = new Set<string>();
  const out: OutboxEntry[] = [];
  for (const entry of sorted) {
    if (held.has(entry.action)) continue;
    if (SENDABLE.has(entry.state)) out.push(entry);
    else held.add(entry.action);
  }
  return out;
}

/** Whether an entry waits behind an earlier one held back for the same record. */
export function isHeldBack(entry: OutboxEntry, entries: OutboxEntry[]): boolean {
  return entries.some((e) => e.seq < entry.seq && e.action === entry.action && !SENDABLE.has(e.state));
}

/** What a replay's answer means for its entry. */
export type Outcome =
  | { kind: "sent"; location: string }
  | { kind: "refused"; errors: FieldErrors; formError: string | null }
  | { kind: "conflict"; conflict: ConflictInfo }
  | { kind: "signedOut" }
  /** Not now (the server failed or was busy): stop and try again later. */
  | { kind: "retry" };

/** The parts of a replay's answer classify() reads. */
export type Answer = {
  status: number;
  /** X-Remix-Redirect (a data request's redirect) or, for a followed redirect, the final URL's path. */
  redirect: string | null;
  body: unknown;
};

const isSignIn = (location: string) => /^\/sign-in(?:[/?#]|$)/.test(location);

/**
 * A replay's answer (see "A form replay" in the shared design): a redirect is
 * success, unless it goes to sign-in (the session is gone); 400 with errors is
 * refused; 409 with a conflict is a conflict; 401/403 mean sign in again;
 * 5xx (and anything unreadable) is tried again later. `gone` is the message
 * for a record that no longer exists (404).
 */
export function classify(answer: Answer, gone: string, notSaved: string): Outcome {
  if (answer.redirect) return isSignIn(answer.redirect) ? { kind: "signedOut" } : { kind: "sent", location: answer.redirect };
  if (answer.status === 401 || answer.status === 403) return { kind: "signedOut" };
  if (answer.status >= 500 || answer.status === 429) return { kind: "retry" };
  if (answer.status === 404 || answer.status === 410) return { kind: "refused", errors: {}, formError: gone };
  const result = (answer.body && typeof answer.body === "object" ? answer.body : {}) as ActionResult;
  if (result.conflict) return { kind: "conflict", conflict: result.conflict };
  const errors = result.errors ?? {};
  const formError = result.formError ?? null;
  if (Object.keys(errors).length || formError) return { kind: "refused", errors, formError };
  // An answer with nothing to show (an unexpected 200, a 413 without a body): refused, with a plain message.
  return { kind: "refused", errors: {}, formError: notSaved };
}
