import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxEntry, SentEntry } from "./outbox";

// Issue 20: the outbox store, one IndexedDB database per account,
// `concord-outbox-<key>` (the key is <meta name="concord-user">, so two
// accounts on one device never see each other's entries). Loaded by
// import() only when needed (never in a page's first load). Every change is
// announced (this tab and the others) so the header's count and /outbox follow.

interface OutboxDB extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { seq: number } };
  sent: { key: string; value: SentEntry };
}

export const CHANGED_EVENT = "concord-outbox-changed";
const CHANNEL = "concord-outbox";

/** The signed-in account's key, from the page; null when nobody is signed in. */
export function accountKey(): string | null {
  if (typeof document === "undefined") return null;
  return document.querySelector<HTMLMetaElement>('meta[name="concord-user"]')?.content || null;
}

export const outboxName = (key: string) => `concord-outbox-${key}`;

const open = new Map<string, Promise<IDBPDatabase<OutboxDB>>>();

function db(key: string): Promise<IDBPDatabase<OutboxDB>> {
  let found = open.get(key);
  if (!found) {
    found = openDB<OutboxDB>(outboxName(key), 1, {
      upgrade(database) {
        const entries = database.createObjectStore("entries", { keyPath: "id" });
        entries.createIndex("seq", "seq");
        database.createObjectStore("sent", { keyPath: "id" });
      },
      // Another tab deletes the database (sign-out): let it, and open afresh next time.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        open.delete(key);
      },
      terminated() {
        open.delete(key);
      },
    });
    open.set(key, found);
  }
  return found;
}

function changed(): void {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(CHANGED_EVENT));
  if (typeof BroadcastChannel !== "undefined") {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage("changed");
    channel.close();
  }
}

/** Calls `fn` when the outbox changes, in this tab or another; returns the unsubscribe. */
export function onOutboxChange(fn: () => void): () => void {
  window.addEventListener(CHANGED_EVENT, fn);
  const channel = typeof BroadcastChannel !== "undefined" ? new BroadcastChannel(CHANNEL) : null;
  channel?.addEventListener("message", fn);
  return () => {
    window.removeEventListener(CHANGED_EVENT, fn);
    channel?.close();
  };
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** Adds an entry at the end of the order; returns it. */
export async function addEntry(key: string, draft: Omit<OutboxEntry, "id" | "seq" | "createdAt" | "updatedAt" | "state">): Promise<OutboxEntry> {
  const database = await db(key);
  const tx = database.transaction("entries", "readwrite");
  const last = await tx.store.index("seq").openCursor(null, "prev");
  const now = new Date().toISOString();
  const entry: OutboxEntry = { ...draft, id: newId(), seq: (last?.value.seq ?? 0) + 1, createdAt: now, updatedAt: now, state: "waiting" };
  await tx.store.add(entry);
  await tx.done;
  changed();
  return entry;
}

export async function getEntry(key: string, id: string): Promise<OutboxEntry | undefined> {
  return (await db(key)).get("entries", id);
}

/** Every entry, in the order they are sent. */
export async function listEntries(key: string): Promise<OutboxEntry[]> {
  return (await db(key)).getAllFromIndex("entries", "seq");
}

export async function countEntries(key: string): Promise<number> {
  return (await db(key)).count("entries");
}

/** Changes an entry that is still there (it may have been sent or discarded meanwhile); returns it, or undefined. */
export async function updateEntry(key: string, id: string, change: Partial<Omit<OutboxEntry, "id" | "seq" | "createdAt">>): Promise<OutboxEntry | undefined> {
  const database = await db(key);
  const tx = database.transaction("entries", "readwrite");
  const entry = await tx.store.get(id);
  if (!entry) {
    await tx.done;
    return undefined;
  }
  const next: OutboxEntry = { ...entry, ...change, updatedAt: new Date().toISOString() };
  await tx.store.put(next);
  await tx.done;
  changed();
  return next;
}

export async function removeEntry(key: string, id: string): Promise<void> {
  await (await db(key)).delete("entries", id);
  changed();
}

/** An entry that was sent: out of the outbox, into the "sent" notices (one transaction). */
export async function markSent(key: string, entry: OutboxEntry, sentTo: string): Promise<void> {
  const database = await db(key);
  const tx = database.transaction(["entries", "sent"], "readwrite");
  await tx.objectStore("entries").delete(entry.id);
  await tx.objectStore("sent").put({ id: entry.id, title: entry.title, sentTo, sentAt: new Date().toISOString() });
  await tx.done;
  changed();
}

export async function listSent(key: string): Promise<SentEntry[]> {
  const sent = await (await db(key)).getAll("sent");
  return sent.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

export async function dismissSent(key: string, id: string): Promise<void> {
  await (await db(key)).delete("sent", id);
  changed();
}

/** Deletes this account's outbox from the device (signing out with entries waiting, once confirmed). */
export async function deleteOutbox(key: string): Promise<void> {
  const found = open.get(key);
  open.delete(key);
  if (found) (await found).close();
  await deleteDB(outboxName(key));
  changed();
}
