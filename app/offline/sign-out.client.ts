import { accountKey, countEntries, deleteOutbox } from "./outbox.client";

// Issue 20: signing out with entries still waiting in the outbox asks first
// (they would be deleted from this device); cancelling keeps them.

/** True to go on signing out; the outbox is deleted once the person agreed. */
export async function confirmSignOut(question: (count: number) => string): Promise<boolean> {
  const key = accountKey();
  if (!key) return true;
  const count = await countEntries(key).catch(() => 0);
  if (!count) return true;
  if (!window.confirm(question(count))) return false;
  await deleteOutbox(key);
  return true;
}
