import type { OfflinePages } from "~/models/offline.server";
import { isAccountKey, OFFLINE_PATH, pagesCacheName, titleOf, type PinnedProgramme } from "./cache-rules";
import { keepable, matchFresh, putPage, readPinned, writePinned } from "./page-cache";

// Issue 20, in the page: what this account keeps on the device (the offline
// page's lists) and "Keep for offline use" on a programme. Writes go through
// app/offline/page-cache.ts, as the service worker's do.

/** The account signed in on this page (its <meta name="concord-user">), else the one the service worker keeps pages for. */
export async function accountKey(): Promise<string | null> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="concord-user"]')?.content;
  if (isAccountKey(meta)) return meta;
  // The offline page is kept signed out: the worker knows whose pages it holds.
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<{ key?: unknown }>) => resolve(isAccountKey(event.data?.key) ? event.data.key : null);
    controller.postMessage({ type: "which-key" }, [channel.port2]);
  });
}

export type KeptPage = { url: string; title: string | null };
export type Kept = { pages: KeptPage[]; pinned: PinnedProgramme[] };

/** The pages (not their Remix data) kept for this account, newest first, and its pinned programmes. */
export async function listKept(): Promise<Kept> {
  const key = await accountKey();
  if (!key || !(await caches.keys()).includes(pagesCacheName(key))) return { pages: [], pinned: [] };
  const cache = await caches.open(pagesCacheName(key));
  const pages: KeptPage[] = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.origin !== location.origin || url.searchParams.has("_data") || url.pathname.startsWith("/__concord/")) continue;
    const hit = await matchFresh(cache, request.url);
    if (!hit) continue;
    pages.push({ url: url.pathname + url.search, title: titleOf(await hit.text()) });
  }
  return { pages: pages.reverse(), pinned: await readPinned(cache) };
}

export type KeepResult = { kind: "done"; done: number; total: number; failed: number } | { kind: "signed-out" } | { kind: "failed" };

const PARALLEL = 4;

/** Fetches a programme's pages (as named by /offline/programmes/:code) into this account's cache. */
export async function keepProgramme(code: string, onProgress: (done: number, total: number) => void): Promise<KeepResult> {
  const key = document.querySelector<HTMLMetaElement>('meta[name="concord-user"]')?.content;
  if (!isAccountKey(key)) return { kind: "signed-out" };
  let pages: OfflinePages;
  try {
    const response = await fetch(`${OFFLINE_PATH}/programmes/${encodeURIComponent(code)}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok || response.redirected) return { kind: "failed" };
    pages = (await response.json()) as OfflinePages;
  } catch {
    return { kind: "failed" };
  }
  const cache = await caches.open(pagesCacheName(key));
  const urls = pages.urls.map((url) => new URL(url, location.origin).href);
  // Pinned first: the cache's size limit then spares these pages.
  const others = (await readPinned(cache)).filter((p) => p.code !== pages.code);
  await writePinned(cache, [...others, { code: pages.code, title: pages.title, page: new URL(pages.page, location.origin).href, urls }]);
  let done = 0;
  let failed = 0;
  const queue = [...urls];
  onProgress(0, urls.length);
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (keepable(response, key, true)) {
          await putPage(cache, url, response);
          done++;
        } else {
          await response.body?.cancel();
          failed++;
        }
      } catch {
        failed++;
      }
      onProgress(done + failed, urls.length);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return done === 0 ? { kind: "failed" } : { kind: "done", done, total: urls.length, failed };
}

/** Stops keeping a programme: its entry and the pages no other pinned programme needs. */
export async function unpinProgramme(code: string): Promise<void> {
  const key = await accountKey();
  if (!key) return;
  const cache = await caches.open(pagesCacheName(key));
  const list = await readPinned(cache);
  const gone = list.find((p) => p.code === code);
  if (!gone) return;
  const rest = list.filter((p) => p.code !== code);
  const stillNeeded = new Set(rest.flatMap((p) => p.urls));
  for (const url of gone.urls) if (!stillNeeded.has(url)) await cache.delete(url, { ignoreVary: true });
  await writePinned(cache, rest);
}

