import { describe, expect, it } from "vitest";
import {
  assetUrlsOf,
  cacheKey,
  documentUrlOf,
  entriesOverLimit,
  isAccountKey,
  isFresh,
  isSignInRedirect,
  MAX_AGE_MS,
  otherAccountsCaches,
  pagesCacheName,
  requestKind,
  staleStaticCaches,
  staticCacheName,
  titleOf,
} from "~/offline/cache-rules";

// Issue 20: the pure rules of the service worker's caches (app/offline/cache-rules.ts).

const ORIGIN = "http://127.0.0.1:3000";
const KEY = "AbCdEfGhIjKlMnOpQrStU_";
const OTHER = "ZyXwVuTsRqPoNmLkJiHgF-";
const kind = (path: string, method = "GET", navigation = true) => requestKind(new URL(path, ORIGIN), method, navigation, ORIGIN);

describe("which requests the service worker keeps", () => {
  it("keeps signed-in pages and their Remix data, network-first", () => {
    expect(kind("/programmes/BY-01")).toBe("page");
    expect(kind("/activities/abc/edit")).toBe("page");
    expect(kind("/portal/programmes/BY-01")).toBe("page");
    expect(kind("/activities/abc?_data=routes%2Factivities.%24id._index", "GET", false)).toBe("data");
    expect(kind("/deliverables?programme=x&_data=routes%2Fdeliverables._index", "GET", false)).toBe("data");
  });

  it("keeps build files, catalogues, icons and the manifest cache-first", () => {
    expect(kind("/build/_shared/chunk-ABC.js", "GET", false)).toBe("static");
    expect(kind("/i18n/ru.json?v=123abc", "GET", false)).toBe("static");
    expect(kind("/icons/icon-192.png", "GET", false)).toBe("static");
    expect(kind("/manifest.webmanifest", "GET", false)).toBe("static");
  });

  it("never keeps writes, the API, sign-in and sign-out, downloads and exports", () => {
    expect(kind("/activities/new", "POST")).toBe("network");
    expect(kind("/activities/abc?_data=routes%2Factivities.%24id.edit", "POST", false)).toBe("network");
    for (const path of [
      "/api/v1/programmes",
      "/api/v1/activities?_data=x",
      "/sign-in",
      "/sign-in?redirectTo=%2F",
      "/sign-in/mfa",
      "/sign-in?_data=routes%2Fsign-in",
      "/sign-out",
      "/reports/programmes/BY-01.csv",
      "/reports/programmes/BY-01.pdf",
      "/activities.xlsx",
      "/iati/activities.xml",
      "/documents/abc/download",
      "/calendar/token.ics",
      "/sw.js",
      "/offline/programmes/BY-01",
      "/healthz",
    ]) {
      expect(kind(path), path).toBe("network");
    }
  });

  it("leaves other origins, and a page's own fetches that are not navigations, to the browser", () => {
    expect(requestKind(new URL("https://example.org/programmes/x"), "GET", true, ORIGIN)).toBe("network");
    expect(kind("/programmes/BY-01", "GET", false)).toBe("network");
  });

  it("recognises a redirect to sign-in (nobody signed in) and nothing else", () => {
    expect(isSignInRedirect("/sign-in?redirectTo=%2Fprogrammes")).toBe(true);
    expect(isSignInRedirect("/sign-in")).toBe(true);
    expect(isSignInRedirect(`${ORIGIN}/sign-in?redirectTo=%2F`)).toBe(true);
    expect(isSignInRedirect("/sign-inside")).toBe(false);
    expect(isSignInRedirect("/programmes/BY-01")).toBe(false);
    expect(isSignInRedirect(null)).toBe(false);
  });
});

describe("cache names", () => {
  it("names one page cache per account, and refuses anything that is not a key", () => {
    expect(pagesCacheName(KEY)).toBe(`concord-pages-${KEY}`);
    expect(isAccountKey(KEY)).toBe(true);
    for (const bad of ["", "short", `${KEY}x`, "../../../etc/passwd-xxxxx", null, 42]) expect(isAccountKey(bad)).toBe(false);
    expect(() => pagesCacheName("x/y")).toThrow();
    expect(staticCacheName("abc123")).toBe("concord-static-abc123");
  });

  it("deletes every other account's pages when one signs in, and all of them when nobody is", () => {
    const names = [pagesCacheName(KEY), pagesCacheName(OTHER), "concord-static-1", "concord-sw-state", "someone-else"];
    expect(otherAccountsCaches(names, KEY)).toEqual([pagesCacheName(OTHER)]);
    expect(otherAccountsCaches(names, null)).toEqual([pagesCacheName(KEY), pagesCacheName(OTHER)]);
    expect(staleStaticCaches(["concord-static-1", "concord-static-2", pagesCacheName(KEY)], "2")).toEqual(["concord-static-1"]);
  });
});

describe("keys, age and size", () => {
  it("keeps a data request under its own URL and finds its page without Remix's parameters", () => {
    const data = new URL(`${ORIGIN}/activities/abc?_data=routes%2Factivities.%24id._index#x`);
    expect(cacheKey(data)).toBe(`${ORIGIN}/activities/abc?_data=routes%2Factivities.%24id._index`);
    expect(documentUrlOf(data).href).toBe(`${ORIGIN}/activities/abc`);
    expect(documentUrlOf(new URL(`${ORIGIN}/activities?index=&programme=p&_data=routes%2Factivities._index`)).href).toBe(`${ORIGIN}/activities?programme=p`);
  });

  it("serves an entry for 30 days and not after", () => {
    const now = 1_800_000_000_000;
    expect(isFresh(String(now - 1000), now)).toBe(true);
    expect(isFresh(String(now - MAX_AGE_MS), now)).toBe(true);
    expect(isFresh(String(now - MAX_AGE_MS - 1), now)).toBe(false);
    expect(isFresh(null, now)).toBe(false);
    expect(isFresh("garbage", now)).toBe(false);
  });

  it("drops the oldest entries past the limit, sparing pinned ones and the pinned list", () => {
    const urls = ["a", "b", "c", "d", "e"].map((p) => `${ORIGIN}/${p}`);
    const list = `${ORIGIN}/__concord/pinned`;
    expect(entriesOverLimit([list, ...urls], new Set(), 3)).toEqual([`${ORIGIN}/a`, `${ORIGIN}/b`]);
    expect(entriesOverLimit([list, ...urls], new Set([`${ORIGIN}/a`]), 3)).toEqual([`${ORIGIN}/b`, `${ORIGIN}/c`]);
    expect(entriesOverLimit(urls, new Set(), 5)).toEqual([]);
  });
});

describe("reading kept pages", () => {
  it("takes a page's title, entities decoded", () => {
    expect(titleOf("<html><head><title>Water &amp; sanitation · Concord</title></head>")).toBe("Water & sanitation · Concord");
    expect(titleOf("<title>&#x41C;&#1080;&#x440; &lt;3</title>")).toBe("Мир <3");
    expect(titleOf("<p>no title</p>")).toBeNull();
  });

  it("finds the build files and the catalogue a page loads", () => {
    const html = `<link rel="stylesheet" href="/build/_assets/tailwind-X.css"/><link rel="modulepreload" href="/build/entry.client-A.js"/><meta name="concord-catalogue" content="/i18n/en.json?v=1"/><script type="module">import "/build/manifest-B.js"; import * as route0 from "/build/root-C.js";</script><a href="/programmes">x</a>`;
    expect(assetUrlsOf(html).sort()).toEqual(["/build/_assets/tailwind-X.css", "/build/entry.client-A.js", "/build/manifest-B.js", "/build/root-C.js", "/i18n/en.json?v=1"]);
  });
});
