import { CONCORD_PREFIX } from "./cache-rules";

// Issue 20: "the local copy" of this device is every Cache Storage cache and
// IndexedDB database whose name starts with "concord-" (the service worker's
// page and static caches, the outbox). Signing out clears it here first (with
// JavaScript) and again through the sign-out answer's Clear-Site-Data header.

/** Deletes every `concord-…` cache and IndexedDB database, and tells the service worker nobody is signed in. */
export async function clearLocalCopy(): Promise<void> {
  navigator.serviceWorker?.controller?.postMessage({ type: "key", key: null });
  if ("caches" in window) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CONCORD_PREFIX)).map((name) => caches.delete(name)));
  }
  if ("indexedDB" in window && typeof indexedDB.databases === "function") {
    const databases = await indexedDB.databases();
    await Promise.all(
      databases
        .map((db) => db.name)
        .filter((name): name is string => typeof name === "string" && name.startsWith(CONCORD_PREFIX))
        .map(deleteDatabase),
    );
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Another tab still has it open: the deletion is queued and completes
    // when that tab closes it (the outbox closes on "versionchange").
    request.onblocked = () => resolve();
  });
}
