import os from "node:os";
import type { Harness } from "./harness";
import { runLoad, type LoadResult, type RequestKind, type ResponseSeen } from "./load";
import { DEFAULT_BUSY_SHARE, summarise, type LatencySummary } from "./measure";
import { oneUser, type RuleOptions } from "./sampling";
import type { ScenarioOptions } from "../scenarios/types";

// What the pages and growth scenarios share: the list of main pages (data:
// adding a page is one line), and one measurement of each kind under the
// busy rule.

type PersonaName = keyof Harness["personas"];

export type PageSpec = {
  key: string;
  name: string;
  persona: PersonaName | null;
  /** A fixed path, or one found on the running server (a record the persona can see). */
  path: string | ((h: Harness, headers: Record<string, string>) => Promise<string>);
  /** Measured beside the others but judged by no target: what every page of its kind pays before its own work. */
  reference?: true;
};

/** The first link to `prefix` in a page's HTML: a record the persona can open. */
const firstLinkOn = (page: string, prefix: string) => async (h: Harness, headers: Record<string, string>) => {
  const html = await (await fetch(`${h.origin}${page}`, { headers })).text();
  const found = new RegExp(`href="(${prefix.replaceAll("/", "\\/")}[^"?#]+)"`).exec(html)?.[1];
  if (!found) throw new Error(`no link to ${prefix}… on ${page}`);
  return found;
};

export const SIGN_IN = "sign-in";

/** Every main page of issue 16, in the order measured. The global search (issue 19) finds hits of every kind on the synthetic portfolio. */
export const PAGES: PageSpec[] = [
  { key: SIGN_IN, name: "sign-in (no query)", persona: null, path: "/sign-in" },
  { key: "dashboard", name: "staff dashboard", persona: "staff", path: "/workspace" },
  { key: "activities", name: "activity list, filtered", persona: "staff", path: "/activities?kind=WORKSHOP&status=COMPLETED&sort=start&dir=desc" },
  { key: "programme", name: "programme page", persona: "staff", path: "/programmes/SYN-0001" },
  { key: "portal", name: "partner portal", persona: "partnerBY", path: "/portal" },
  { key: "portal-programme", name: "partner portal programme", persona: "partnerBY", path: firstLinkOn("/portal", "/portal/programmes/") },
  { key: "donor", name: "donor dashboard", persona: "donorKWPF", path: "/donor" },
  { key: "search", name: "global search", persona: "staff", path: "/search?q=quality%20of%20care" },
  // The other ways search matches (ADR 0040): a partner's broad word (scope), Cyrillic, Hangul
  // (substring), a Russian title in Latin letters and a typo (trigram near misses).
  { key: "search-partner", name: "global search, partner", persona: "partnerBY", path: "/search?q=health" },
  { key: "search-cyrillic", name: "global search, Cyrillic", persona: "staff", path: `/search?q=${encodeURIComponent("здравоохранения")}` },
  { key: "search-hangul", name: "global search, Hangul", persona: "staff", path: `/search?q=${encodeURIComponent("심사평가원")}` },
  { key: "search-translit", name: "global search, transliterated", persona: "staff", path: "/search?q=Zdravookhranenie" },
  { key: "search-typo", name: "global search, typo", persona: "staff", path: "/search?q=acreditation" },
  // The search page with no query runs no search: what a signed-in page
  // costs before any search (session, header, layout), so each search's own
  // cost is the difference (issue 19, point 9). Not judged.
  { key: "search-none", name: "search page, no query (reference, not judged)", persona: "staff", path: "/search", reference: true },
];

/** Keys of the pages measured for reference only (no target applies). */
export const REFERENCE_KEYS = PAGES.filter((p) => p.reference).map((p) => p.key);

export type ResolvedPage = { key: string; name: string; path: string; headers: Record<string, string> };

export async function resolvePages(h: Harness, pages = PAGES, only?: string[]): Promise<ResolvedPage[]> {
  const out: ResolvedPage[] = [];
  for (const p of pages) {
    if (only && !only.includes(p.key)) continue;
    const headers: Record<string, string> = p.persona ? { Cookie: h.personas[p.persona].cookie } : {};
    out.push({ key: p.key, name: p.name, headers, path: typeof p.path === "string" ? p.path : await p.path(h, headers) });
  }
  return out;
}

export const settings = (o: ScenarioOptions) => ({
  rounds: o.rounds ?? 2,
  oneUserRequests: o.oneUserRequests ?? 100,
  oneUserWarmUp: Math.min(20, o.oneUserRequests ?? 100),
  clientsWarmUpSec: Math.min(3, o.durationSec),
  processes: o.processes ?? os.availableParallelism(),
  busyShare: o.busyShare ?? DEFAULT_BUSY_SHARE,
  maxAttempts: o.maxAttempts ?? 2,
  maxWaitSec: o.maxWaitSec ?? 60,
});

export function ruleOptions(h: Harness, o: ScenarioOptions, serverCpu: () => number | null): RuleOptions {
  const s = settings(o);
  return {
    rule: { cores: os.availableParallelism(), share: s.busyShare },
    maxAttempts: s.maxAttempts,
    maxWaitSec: s.maxWaitSec,
    ownCpuSeconds: () => h.ownCpuSeconds(),
    serverCpuSeconds: serverCpu,
    log: h.log,
  };
}

/**
 * Waits until a server has worked off what the last load left queued (a
 * cheap request must come back quickly), else the next measurement would pay
 * for the previous one. At most five minutes.
 */
export async function settle(origin: string, path = "/healthz"): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const t = Date.now();
    const ok = await fetch(`${origin}${path}`).then((r) => r.ok, () => false);
    if (ok && Date.now() - t < 250) return Date.now() - t0;
    if (Date.now() - t0 > 300_000) throw new Error("the server did not settle within 5 minutes after a measurement");
    await new Promise((r) => setTimeout(r, 500));
  }
}

export type OneUserFigures = { summary: LatencySummary; latenciesMs: number[]; bytes: number };
export type ClientsFigures = {
  requestsPerSec: number;
  requests: number;
  failed: number;
  latencyMs: LoadResult["totals"]["latencyMs"];
  statuses: Record<string, number>;
  failures: LoadResult["failures"];
};

export async function measureOneUser(origin: string, page: { path: string; headers: Record<string, string> }, o: ScenarioOptions): Promise<OneUserFigures> {
  const s = settings(o);
  const r = await oneUser(origin, page.path, page.headers, { warmUp: s.oneUserWarmUp, requests: s.oneUserRequests });
  return { summary: summarise(r.latenciesMs), latenciesMs: r.latenciesMs, bytes: r.bytes };
}

function expectHtml(res: ResponseSeen): string | null {
  if (res.status !== 200) return `expected 200, got ${res.status}${res.headers.location ? ` -> ${res.headers.location}` : ""}`;
  const type = res.headers["content-type"] ?? "";
  return type.startsWith("text/html") ? null : `unexpected content type ${type}`;
}

export async function measureClients(origin: string, page: { name: string; path: string; headers: Record<string, string> }, o: ScenarioOptions): Promise<ClientsFigures> {
  const s = settings(o);
  const kind: RequestKind = { name: page.name, group: "page", weight: 1, build: () => ({ method: "GET", path: page.path, headers: page.headers }), check: expectHtml };
  const run = (durationSec: number) => runLoad({ origin, connections: o.connections, durationSec, timeoutSec: o.timeoutSec, kinds: [kind] });
  if (s.clientsWarmUpSec > 0) {
    await run(s.clientsWarmUpSec);
    await settle(origin);
  }
  const result = await run(o.durationSec);
  await settle(origin);
  const t = result.totals;
  return {
    requestsPerSec: Math.round(t.requestsPerSec * 10) / 10,
    requests: t.requests,
    failed: t.failed + t.errors + t.timeouts,
    latencyMs: t.latencyMs,
    statuses: t.statuses,
    failures: result.failures,
  };
}
