import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { QueryEvent } from "../../app/utils/db.server";

// Counting the SQL statements one page issues, and explaining a difference.
// Used by tests/db/query-count.test.ts.

export type RouteModule = { loader?: (args: LoaderFunctionArgs) => unknown };

export type PageRequest = {
  /** What the failure message calls it. */
  name: string;
  path: string;
  /** The route module, as Remix would match it for `path`. */
  route: () => Promise<RouteModule>;
  params?: Record<string, string>;
  /**
   * A file (resource route) or a Remix data request (`?_data=`): only the
   * route's loader runs. Otherwise a document request: the root loader too.
   */
  resource?: boolean;
  /** A data request (the server tells loaders so: Remix strips `_data` from the URL). */
  dataRequest?: boolean;
  cookie: string;
};

export type PageResult = { status: number; contentType: string; body: Buffer; queries: string[] };

/**
 * Runs the loaders Remix runs for one request, the way scripts/server.ts
 * calls them (same load context), reads every response body to its end
 * (exports stream and query while they stream), and returns the SQL of every
 * statement Prisma sent meanwhile. Requests must not overlap.
 */
export async function requestPage(
  page: PageRequest,
  server: {
    root: RouteModule;
    onQuery: (listener: (e: QueryEvent) => void) => () => void;
    /** What scripts/server.ts runs each request inside (its per-request memo). */
    around: <T>(handle: () => Promise<T>) => Promise<T>;
  },
): Promise<PageResult> {
  const { root, onQuery, around } = server;
  const queries: string[] = [];
  const stop = onQuery((e) => queries.push(e.query));
  try {
    const url = new URL(page.path, "http://127.0.0.1:3000");
    // What scripts/server.ts passes (getLoadContext there).
    const context: AppLoadContext = { clientIp: "127.0.0.1", cspNonce: "query-count", dataRequest: page.dataRequest ?? false };
    const call = (module: RouteModule, params: Record<string, string>) => {
      if (!module.loader) throw new Error(`${page.name}: the route has no loader`);
      const request = new Request(url, { headers: { Cookie: page.cookie, Accept: "text/html" } });
      return settle(module.loader({ request, params, context }));
    };
    const route = await page.route();
    const answers = await around(() => Promise.all([call(route, page.params ?? {}), ...(page.resource ? [] : [call(root, {})])]));
    // The page's status is the route's, unless the root loader failed.
    const failed = answers.find((a) => a.status !== 200);
    const main = failed ?? answers[0]!;
    // Let anything the loaders started without awaiting (none should) land in this page's count.
    await new Promise((resolve) => setImmediate(resolve));
    return { ...main, queries };
  } finally {
    stop();
  }
}

/** A loader's outcome as an HTTP answer: a Response (returned or thrown), plain data, or deferred data. */
async function settle(result: unknown): Promise<Omit<PageResult, "queries">> {
  let value: unknown;
  try {
    value = await result;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    value = thrown;
  }
  if (value instanceof Response) {
    const body = Buffer.from(await value.arrayBuffer());
    return { status: value.status, contentType: value.headers.get("Content-Type") ?? "", body };
  }
  // defer(): wait for every deferred value, as the streamed page would.
  const deferred = value as { resolveData?: (signal: AbortSignal) => Promise<unknown>; data?: unknown } | null;
  if (deferred && typeof deferred.resolveData === "function") {
    await deferred.resolveData(new AbortController().signal);
    value = deferred.data;
  }
  return { status: 200, contentType: "application/json", body: Buffer.from(JSON.stringify(value ?? null)) };
}

/**
 * One statement's SQL in a form that does not depend on the data: the
 * placeholders of an IN list ($1, $2, ... $200) collapse to one, and spaces
 * are squeezed.
 */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/\s+/g, " ")
    .replace(/\$\d+(\s*,\s*\$\d+)*/g, "$?")
    .trim();
}

/**
 * The statements `large` issued more often than `small` did, most repeated
 * first, with how many more times.
 */
export function addedQueries(small: readonly string[], large: readonly string[]): { sql: string; extra: number }[] {
  const count = (qs: readonly string[]) => {
    const m = new Map<string, number>();
    for (const q of qs) {
      const k = normalizeSql(q);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const before = count(small);
  return [...count(large)]
    .map(([sql, n]) => ({ sql, extra: n - (before.get(sql) ?? 0) }))
    .filter((q) => q.extra > 0)
    .sort((a, b) => b.extra - a.extra || a.sql.localeCompare(b.sql));
}

const trim = (s: string, max = 400) => (s.length > max ? `${s.slice(0, max)} …` : s);

/** The failure message for a page whose count grew: the page, both counts and the statements added. */
export function growthReport(page: string, small: readonly string[], large: readonly string[]): string {
  const added = addedQueries(small, large);
  return [
    `${page}: ${small.length} queries on the small portfolio, ${large.length} on the large one. Added:`,
    ...added.slice(0, 10).map((q) => `  +${q.extra} × ${trim(q.sql)}`),
    ...(added.length > 10 ? [`  … and ${added.length - 10} more statements`] : []),
  ].join("\n");
}
