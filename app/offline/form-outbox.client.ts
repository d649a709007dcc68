import type { ActionResult } from "~/components/form/zod-form";
import type { FormValues } from "~/utils/form";
import { fieldsFromFormData, SUBMISSION_FIELD, valuesFromFields, withField } from "./outbox";
import { accountKey, addEntry, getEntry, updateEntry } from "./outbox.client";

// Issue 20: what ZodForm asks of the outbox (loaded by import() only when a
// form is saved offline or opened from the outbox): keep a valid form's data
// as an entry, or load an entry back into its form.

/** The form's data as the browser would post it: its fields and the button pressed. */
function formDataOf(form: HTMLFormElement, submitter: HTMLButtonElement | null): FormData {
  try {
    return new FormData(form, submitter);
  } catch {
    const data = new FormData(form);
    if (submitter?.name) data.append(submitter.name, submitter.value);
    return data;
  }
}

/** "New activity — Water workshop": the page's heading, and the record's title when the heading lacks it. */
function titleOf(form: HTMLFormElement, data: FormData): string {
  const heading = document.querySelector("main h1")?.textContent?.trim() ?? document.title;
  const named = data.get("title") ?? data.get("name") ?? data.get("shortName");
  const record = typeof named === "string" ? named.trim() : "";
  return record && !heading.includes(record) ? `${heading} — ${record}` : heading;
}

/**
 * Keeps the form's data in the outbox: a new entry, or (the form was opened
 * from the outbox) that entry updated and waiting again. Returns the entry's
 * id; null when nobody is signed in (there is no outbox then).
 */
export async function saveFormToOutbox(args: {
  form: HTMLFormElement;
  submitter: HTMLButtonElement | null;
  routeId: string;
  outboxId: string | null;
}): Promise<string | null> {
  const key = accountKey();
  if (!key) return null;
  const { form, submitter, routeId, outboxId } = args;
  const data = formDataOf(form, submitter);
  const fields = fieldsFromFormData(data);
  const title = titleOf(form, data);
  const existing = outboxId ? await getEntry(key, outboxId) : undefined;
  if (existing) {
    // The entry keeps its submission key: if an earlier send did reach the server, this one saves nothing twice.
    const kept = existing.submissionKey ? withField(fields, SUBMISSION_FIELD, existing.submissionKey) : fields;
    const updated = await updateEntry(key, existing.id, { fields: kept, title, state: "waiting", errors: null, formError: null, conflict: null });
    if (updated) return updated.id;
  }
  const action = new URL(form.action, window.location.href);
  const page = new URL(window.location.href);
  page.searchParams.delete("outbox");
  // A new entry gets a submission key of its own: the form may be a page from
  // this device's offline copy, whose key was rendered once and is the same on
  // every offline opening of that page (two workshops recorded from it must
  // be two entries, not one saved twice). Every send of this entry then
  // carries this key.
  const submissionKey = freshSubmissionKey();
  const entry = await addEntry(key, {
    title,
    formUrl: `${page.pathname}${page.search}`,
    action: `${action.pathname}${action.search}`,
    routeId,
    encType: form.enctype === "multipart/form-data" ? "multipart/form-data" : "application/x-www-form-urlencoded",
    fields: withField(fields, SUBMISSION_FIELD, submissionKey),
    submissionKey,
  });
  return entry.id;
}

/** An entry's values (and the messages of its last try) to load into its form; null if it is gone. */
export async function loadOutboxEntry(id: string): Promise<{ values: FormValues; result: ActionResult } | null> {
  const key = accountKey();
  const entry = key ? await getEntry(key, id) : undefined;
  if (!entry) return null;
  return {
    values: valuesFromFields(entry.fields),
    result: { errors: entry.errors ?? null, formError: entry.formError ?? null, conflict: entry.conflict ?? null },
  };
}

/** 128 random bits in hex, the shape of the key ZodForm renders (docs/decisions/0007-double-submit.md). */
function freshSubmissionKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
