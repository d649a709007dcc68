// Issue 20: what the service worker (app/offline/sw/) and the page's offline
// code keep on this device, and under which names. Pure functions only: the
// service worker bundle, the browser bundle and the unit tests import them.
// docs/decisions/0043-offline-data-entry.md says why each rule is what it is.

/** Every cache and IndexedDB database Concord makes starts with this. */
export const CONCORD_PREFIX = "concord-";
/** One page cache per account: `concord-pages-<key>`. */
export const PAGES_PREFIX = "concord-pages-";
/** Hashed build files, the language catalogues, the icons and the offline page. */
export const STATIC_PREFIX = "concord-static-";
/** Where the service worker remembers whose device this is (it may be stopped between events). */
export const STATE_CACHE = "concord-sw-state";

/** At most this many entries (pages and their Remix data) per account; the oldest go first. */
export const MAX_PAGES = 300;
/** An entry older than this is not served and is deleted. */
export const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Response header the server sets on a page for a signed-in person: the account's offline key. */
export const USER_HEADER = "X-Concord-User";
/** Header the cache adds to what it keeps: when it was fetched (ms since epoch). */
export const CACHED_AT_HEADER = "X-Concord-Cached-At";
/** The list of programmes kept for offline use, a JSON entry in the account's page cache. */
export const PINNED_PATH = "/__concord/pinned";
/** Where a miss goes. */
export const OFFLINE_PATH = "/offline";

/** An account key as app/offline/user-key.server.ts makes it (22 base64url characters). */
export function isAccountKey(key: unknown): key is string {
  return typeof key === "string" && /^[A-Za-z0-9_-]{22}$/.test(key);
}

export function pagesCacheName(key: string): string {
  if (!isAccountKey(key)) throw new Error("not an account key");
  return `${PAGES_PREFIX}${key}`;
}

export function staticCacheName(version: string): string {
  return `${STATIC_PREFIX}${version}`;
}

/** The page caches to delete when `key` is the account signed in now (null: nobody, delete them all). */
export function otherAccountsCaches(names: string[], key: string | null): string[] {
  const keep = key ? pagesCacheName(key) : null;
  return names.filter((name) => name.startsWith(PAGES_PREFIX) && name !== keep);
}

/** Static caches of earlier builds. */
export function staleStaticCaches(names: string[], version: string): string[] {
  return names.filter((name) => name.startsWith(STATIC_PREFIX) && name !== staticCacheName(version));
}

/**
 * How the service worker treats a request:
 * - "static": cache-first (hashed build files, language catalogues, icons, manifest);
 * - "page": a GET navigation, network-first into the account's cache;
 * - "data": a Remix data GET (`?_data=`), network-first into the account's cache;
 * - "network": left to the browser, never cached.
 */
export type RequestKind = "static" | "page" | "data" | "network";

export function requestKind(url: URL, method: string, navigation: boolean, origin: string): RequestKind {
  if (method !== "GET" || url.origin !== origin) return "network";
  const path = url.pathname;
  if (path.startsWith("/build/") || path.startsWith("/i18n/") || path.startsWith("/icons/")) return "static";
  if (path === "/manifest.webmanifest" || path === "/favicon.ico") return "static";
  if (neverCached(path)) return "network";
  if (url.searchParams.has("_data")) return "data";
  return navigation ? "page" : "network";
}

/**
 * Paths whose answers are never kept: sign-in and sign-out (they change who
 * is signed in), the JSON API, downloads and exports (files a person saves
 * on purpose, and large), the offline page itself (it is kept signed out, as
 * a static file), the worker, health checks.
 */
export function neverCached(path: string): boolean {
  return (
    path === "/sw.js" ||
    path === OFFLINE_PATH ||
    path.startsWith("/offline/") ||
    path.startsWith("/__concord/") ||
    path.startsWith("/api/") ||
    path === "/sign-in" ||
    path.startsWith("/sign-in/") ||
    path === "/sign-out" ||
    path.startsWith("/reports/") ||
    /\.(csv|xlsx|pdf|xml|ics|json|zip)$/i.test(path) ||
    /^\/documents\/[^/]+\/(download|file)$/.test(path) ||
    path === "/healthz" ||
    path === "/readyz"
  );
}

/** A redirect to the sign-in page (a page's Location or a data request's X-Remix-Redirect): nobody is signed in. */
export function isSignInRedirect(location: string | null): boolean {
  if (!location) return false;
  const path = location.startsWith("/") ? location : safePath(location);
  return path !== null && /^\/sign-in(\/|$|\?)/.test(path);
}

function safePath(location: string): string | null {
  try {
    return new URL(location).pathname;
  } catch {
    return null;
  }
}

/** The URL a page is kept under: the whole URL, query included (a data request keeps its `_data`). */
export function cacheKey(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}

/** A data request's page: the same URL without Remix's `_data` and `index` parameters. */
export function documentUrlOf(url: URL): URL {
  const copy = new URL(url.href);
  copy.searchParams.delete("_data");
  if (copy.searchParams.get("index") === "") copy.searchParams.delete("index");
  copy.hash = "";
  return copy;
}

/** True when an entry fetched at `cachedAt` may still be served at `now`. */
export function isFresh(cachedAt: string | null, now: number): boolean {
  const at = Number(cachedAt);
  return Number.isFinite(at) && at > 0 && now - at <= MAX_AGE_MS;
}

/**
 * Which of the kept entries (oldest first, the cache's own order) to delete
 * so that at most MAX_PAGES remain; entries of a pinned programme stay.
 */
export function entriesOverLimit(urls: string[], pinned: Set<string>, max = MAX_PAGES): string[] {
  const counted = urls.filter((url) => !new URL(url).pathname.startsWith("/__concord/"));
  let excess = counted.length - max;
  const out: string[] = [];
  for (const url of counted) {
    if (excess <= 0) break;
    if (pinned.has(url)) continue;
    out.push(url);
    excess--;
  }
  return out;
}

/** The <title> of a kept page, entities decoded (the offline page lists pages by it). */
export function titleOf(html: string): string | null {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!match) return null;
  const text = match[1]!
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&")
    .trim();
  return text || null;
}

/** Same-origin build files a page names (scripts, module preloads, the stylesheet) and its language catalogue. */
export function assetUrlsOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/(?:src|href|content)="(\/(?:build|i18n)\/[^"]+)"/g)) found.add(m[1]!.replace(/&amp;/g, "&"));
  for (const m of html.matchAll(/import\s*(?:\(|[^"']*from\s*)?["'](\/build\/[^"']+)["']/g)) found.add(m[1]!);
  return [...found];
}

/** A programme kept for offline use (the JSON entry at PINNED_PATH). */
export type PinnedProgramme = { code: string; title: string; page: string; /** absolute URLs */ urls: string[] };

/** Messages between the page and the service worker. */
export type ToWorker =
  | { type: "key"; key: string | null }
  | { type: "assets"; urls: string[] }
  | { type: "which-key" }
  | { type: "skip-waiting" };
