// Issue 20: writing to and reading from one account's page cache. The service
// worker (pages fetched as the person browses) and the page (a programme kept
// for offline use) both write through putPage, so both follow the same rules:
// stamped with the time, at most MAX_PAGES entries, pinned entries kept.
// Uses only what a window and a service worker both have (Cache Storage).

import { CACHED_AT_HEADER, entriesOverLimit, isFresh, PINNED_PATH, USER_HEADER, type PinnedProgramme } from "./cache-rules";

const MATCH = { ignoreVary: true } as const;

/**
 * May this answer to a page or data request be kept in `key`'s cache? Only a
 * 200 that is not the end of a redirect; a page (HTML) also only when the
 * server says it was made for this very account (USER_HEADER), so a page
 * fetched while another person's session was live never lands here.
 */
export function keepable(response: Response, key: string, page: boolean): boolean {
  if (response.status !== 200 || response.redirected || response.type === "opaqueredirect") return false;
  if (response.headers.get("X-Remix-Redirect")) return false;
  if (page) return response.headers.get(USER_HEADER) === key;
  return true;
}

/** Keep `response` (consumed) under `url`, stamped now, and trim the cache to its limit. */
export async function putPage(cache: Cache, url: string, response: Response, now = Date.now()): Promise<void> {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, String(now));
  const body = await response.arrayBuffer();
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  await trim(cache);
}

/** A kept entry still within its age; an expired one is deleted and not returned. */
export async function matchFresh(cache: Cache, url: string, now = Date.now()): Promise<Response | undefined> {
  const hit = await cache.match(url, MATCH);
  if (!hit) return undefined;
  if (isFresh(hit.headers.get(CACHED_AT_HEADER), now)) return hit;
  await cache.delete(url, MATCH);
  return undefined;
}

/** Deletes expired entries (the worker runs it when it starts and when the account is named). */
export async function sweepExpired(cache: Cache, now = Date.now()): Promise<void> {
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname === PINNED_PATH) continue;
    const hit = await cache.match(request, MATCH);
    if (hit && !isFresh(hit.headers.get(CACHED_AT_HEADER), now)) await cache.delete(request, MATCH);
  }
}

async function trim(cache: Cache): Promise<void> {
  const urls = (await cache.keys()).map((request) => request.url);
  const pinned = new Set((await readPinned(cache)).flatMap((p) => p.urls));
  for (const url of entriesOverLimit(urls, pinned)) await cache.delete(url, MATCH);
}

function pinnedUrl(): string {
  return new URL(PINNED_PATH, self.location.origin).href;
}

/** The programmes kept for offline use in this cache. */
export async function readPinned(cache: Cache): Promise<PinnedProgramme[]> {
  const hit = await cache.match(pinnedUrl(), MATCH);
  if (!hit) return [];
  try {
    const list = (await hit.json()) as PinnedProgramme[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export async function writePinned(cache: Cache, list: PinnedProgramme[]): Promise<void> {
  await cache.put(pinnedUrl(), new Response(JSON.stringify(list), { headers: { "Content-Type": "application/json", [CACHED_AT_HEADER]: String(Date.now()) } }));
}
