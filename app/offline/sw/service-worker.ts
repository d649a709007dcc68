// Concord's service worker (issue 20), bundled to public/sw.js by
// scripts/build-sw.ts. What it keeps, for how long, and how it forgets:
// docs/decisions/0043-offline-data-entry.md. Hand-written rather than
// Workbox: see the ADR.
//
// - Build files, language catalogues, icons: cache-first in concord-static-<build>.
// - Signed-in pages and their Remix data: network-first; a copy goes into the
//   page cache of the account signed in now (concord-pages-<key>), and only
//   that account's cache is ever read. Offline, a miss leads to /offline.
// - Signed out (a page without the account header, a redirect to sign-in, the
//   page saying nobody is signed in): every page cache is deleted.

import {
  assetUrlsOf,
  cacheKey,
  documentUrlOf,
  isAccountKey,
  isSignInRedirect,
  OFFLINE_PATH,
  otherAccountsCaches,
  pagesCacheName,
  requestKind,
  STATE_CACHE,
  staleStaticCaches,
  staticCacheName,
  USER_HEADER,
  type ToWorker,
} from "../cache-rules";
import { keepable, matchFresh, putPage, sweepExpired } from "../page-cache";

declare const self: ServiceWorkerGlobalScope;
/** The build's hash (scripts/build-sw.ts): a new build is a new worker with a new static cache. */
declare const __CONCORD_VERSION__: string;
/** Every file of the browser build (/build/…), kept at install. */
declare const __CONCORD_PRECACHE__: string[];
/** The build's Remix manifest (/build/manifest-….js), every route of the app. */
declare const __CONCORD_MANIFEST__: string;

const STATIC = staticCacheName(__CONCORD_VERSION__);
const ORIGIN = self.location.origin;
const OFFLINE_URL = new URL(OFFLINE_PATH, ORIGIN).href;
const KEY_URL = new URL("/__concord/key", ORIGIN).href;

// ---------------------------------------------------------------------------
// Whose device this is now. Kept in a cache too: the browser stops an idle
// worker, and a restarted one must not forget (nor guess) the account.

let currentKey: string | null | undefined;

async function accountKey(): Promise<string | null> {
  if (currentKey !== undefined) return currentKey;
  const stored = await (await caches.open(STATE_CACHE)).match(KEY_URL);
  const text = stored ? await stored.text() : null;
  currentKey = isAccountKey(text) ? text : null;
  return currentKey;
}

/** `key` is signed in now (null: nobody): every other account's pages go. */
async function setAccountKey(key: string | null): Promise<void> {
  const changed = (await accountKey()) !== key;
  currentKey = key;
  if (key) await (await caches.open(STATE_CACHE)).put(KEY_URL, new Response(key));
  else await caches.delete(STATE_CACHE);
  for (const name of otherAccountsCaches(await caches.keys(), key)) await caches.delete(name);
  if (key && changed) await sweepExpired(await caches.open(pagesCacheName(key)));
}

// ---------------------------------------------------------------------------
// Install: the offline page (signed out, so it names nobody), its catalogue,
// and the whole browser build (so every kept page hydrates offline).

self.addEventListener("install", (event) => {
  event.waitUntil(precacheOfflinePage());
});

async function precacheOfflinePage(): Promise<void> {
  const cache = await caches.open(STATIC);
  const response = await fetch(OFFLINE_URL, { credentials: "omit", cache: "no-store" });
  if (!response.ok) throw new Error(`The offline page answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put(OFFLINE_URL, response);
  await cacheStatic(cache, [...new Set([...assetUrlsOf(html), ...__CONCORD_PRECACHE__])]);
}

async function cacheStatic(cache: Cache, urls: string[]): Promise<void> {
  await Promise.all(
    urls.map(async (raw) => {
      const url = new URL(raw, ORIGIN);
      if (url.origin !== ORIGIN || requestKind(url, "GET", false, ORIGIN) !== "static") return;
      if (await cache.match(url.href)) return;
      const response = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
      if (response?.ok) await cache.put(url.href, response);
    }),
  );
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of staleStaticCaches(await caches.keys(), __CONCORD_VERSION__)) await caches.delete(name);
      const key = await accountKey();
      if (key) await sweepExpired(await caches.open(pagesCacheName(key)));
      await self.clients.claim();
    })(),
  );
});

// ---------------------------------------------------------------------------
// Messages from the page (app/offline/register.client.ts).

self.addEventListener("message", (event) => {
  const data = event.data as ToWorker | null;
  if (!data || typeof data !== "object") return;
  switch (data.type) {
    case "key":
      if (data.key === null || isAccountKey(data.key)) event.waitUntil(setAccountKey(data.key));
      break;
    case "assets":
      if (Array.isArray(data.urls)) event.waitUntil(caches.open(STATIC).then((cache) => cacheStatic(cache, data.urls.filter((u) => typeof u === "string"))));
      break;
    case "which-key":
      event.waitUntil(accountKey().then((key) => event.ports[0]?.postMessage({ key })));
      break;
    case "skip-waiting":
      event.waitUntil(self.skipWaiting());
      break;
  }
});

// ---------------------------------------------------------------------------
// Requests.

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const navigation = request.mode === "navigate";
  if (navigation && request.method === "GET" && url.origin === ORIGIN && url.pathname === OFFLINE_PATH) {
    event.respondWith(fetch(request).catch(() => offlinePage()));
    return;
  }
  if (request.method === "GET" && url.origin === ORIGIN && url.pathname === "/__manifest") {
    event.respondWith(fetch(request).catch(() => routesOffline()));
    return;
  }
  const kind = requestKind(url, request.method, navigation, ORIGIN);
  if (kind === "static") event.respondWith(cacheFirst(request));
  else if (kind === "page" || kind === "data") event.respondWith(networkFirst(event, url, kind === "page"));
});

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200 && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function networkFirst(event: FetchEvent, url: URL, page: boolean): Promise<Response> {
  const key = await accountKey();
  let response: Response;
  try {
    response = await fetch(event.request);
  } catch {
    return fromCopy(url, key, page);
  }
  event.waitUntil(learnFrom(response.clone(), url, key, page).catch(() => undefined));
  return response;
}

/** What an answer from the server says about who is signed in, and a copy of it when it may be kept. */
async function learnFrom(response: Response, url: URL, known: string | null, page: boolean): Promise<void> {
  if (isSignInRedirect(response.headers.get("X-Remix-Redirect"))) return setAccountKey(null);
  let key = known;
  if (page && response.status === 200 && (response.headers.get("Content-Type") ?? "").startsWith("text/html")) {
    // The server names the account a page was made for (entry.server.tsx);
    // a page without it was made for nobody signed in.
    const named = response.headers.get(USER_HEADER);
    key = isAccountKey(named) ? named : null;
    if (key !== known) await setAccountKey(key);
  }
  if (!key || !keepable(response, key, page)) return;
  // Signed out (or someone else signed in) while this was on its way: not kept.
  if ((await accountKey()) !== key) return;
  await putPage(await caches.open(pagesCacheName(key)), cacheKey(url), response);
}

async function fromCopy(url: URL, key: string | null, page: boolean): Promise<Response> {
  if (key) {
    const cache = await caches.open(pagesCacheName(key));
    const hit = await matchFresh(cache, cacheKey(url));
    if (hit) return hit;
    if (!page) {
      // A client-side navigation whose data was never fetched, to a page that
      // is kept: the page is loaded whole, from the copy.
      const document = documentUrlOf(url);
      if (await matchFresh(cache, cacheKey(document))) return remixRedirect(document.pathname + document.search);
    }
  }
  return page ? Response.redirect(OFFLINE_URL, 303) : remixRedirect(OFFLINE_PATH);
}

/** A Remix data request's redirect, followed by a full page load (so it is answered from the copy). */
function remixRedirect(to: string): Response {
  return new Response(null, { status: 204, headers: { "X-Remix-Redirect": to, "X-Remix-Reload-Document": "true" } });
}

/**
 * Remix discovers routes as links appear (`/__manifest?p=…`); offline, a link
 * to a page whose route it has not met yet would fail. The answer is the same
 * for everyone and is in the build: every route, from the kept manifest file.
 */
async function routesOffline(): Promise<Response> {
  const file = await caches.match(new URL(__CONCORD_MANIFEST__, ORIGIN).href, { cacheName: STATIC });
  const text = file ? await file.text() : "";
  const prefix = "window.__remixManifest=";
  if (!text.startsWith(prefix)) return new Response(null, { status: 503 });
  const manifest = JSON.parse(text.slice(prefix.length).replace(/;\s*$/, "")) as { routes: Record<string, unknown> };
  return new Response(JSON.stringify(manifest.routes), { headers: { "Content-Type": "application/json" } });
}

async function offlinePage(): Promise<Response> {
  const hit = await caches.match(OFFLINE_URL, { cacheName: STATIC, ignoreSearch: true });
  return hit ?? new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
