import autocannon from "autocannon";

// A load run over a weighted mix of request kinds, on top of autocannon.
// autocannon reports one latency histogram for the whole run; this keeps one
// per kind (what a page costs is not what a PDF costs), checks every response
// against what that kind must answer, and remembers how the first few
// failures of each kind failed, so a failed run says what broke.

export type ResponseSeen = { status: number; headers: Record<string, string>; body: string };

export type BuiltRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Handed back to `settle` with this request's response (e.g. which record it edited). */
  state?: unknown;
};

export type RequestKind = {
  /** Unique, short: "page: activities list (search + filter)". */
  name: string;
  group: "page" | "form" | "download" | (string & {});
  /** Share of the mix, relative to the other kinds. */
  weight: number;
  /** The next request of this kind, or null when there is nothing to send now (it is skipped and counted). */
  build(): BuiltRequest | null;
  /** null when the response is what this kind must get, else why not. */
  check(res: ResponseSeen): string | null;
  /** Called after every response of this kind, checked or not. */
  settle?(state: unknown, ok: boolean, res: ResponseSeen): void;
};

export type Failure = { kind: string; status: number | null; problem: string; location?: string; body?: string };

export type KindStats = {
  name: string;
  group: string;
  count: number;
  ok: number;
  failed: number;
  errors: number;
  timeouts: number;
  /** Turns this kind had nothing to send (see RequestKind.build). */
  skipped: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  requestsPerSec: number;
  bytes: number;
};

export type LoadResult = {
  startedAt: string;
  durationSec: number;
  connections: number;
  timeoutSec: number;
  kinds: KindStats[];
  totals: {
    requests: number;
    ok: number;
    failed: number;
    errors: number;
    timeouts: number;
    status5xx: number;
    statuses: Record<string, number>;
    requestsPerSec: number;
    latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
    bytes: number;
  };
  /** The first few failures of each kind, as they happened. */
  failures: Failure[];
  /** The sequence each connection loops over (kind names), for the record. */
  sequence: string[];
};

const FAILURES_KEPT_PER_KIND = 5;

/**
 * Interleaves kinds by weight (smooth weighted round-robin, as nginx balances
 * upstreams), so one loop of the sequence has each kind `weight` times, spread
 * out rather than bunched.
 */
export function weightedSequence<T extends { weight: number }>(items: T[]): T[] {
  const total = items.reduce((s, i) => s + i.weight, 0);
  const current = items.map(() => 0);
  const out: T[] = [];
  for (let n = 0; n < total; n++) {
    let best = 0;
    items.forEach((item, i) => {
      current[i] += item.weight;
      if (current[i]! > current[best]!) best = i;
    });
    current[best] -= total;
    out.push(items[best]!);
  }
  return out;
}

function percentiles(values: number[]) {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(values).sort();
  // Nearest-rank percentile: the smallest value with at least p% of samples at or below it.
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted[sorted.length - 1]!), mean: round(mean) };
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  return out;
}

type Tally = {
  kind: RequestKind;
  latencies: number[];
  statuses: Record<string, number>;
  ok: number;
  failed: number;
  errors: number;
  timeouts: number;
  skipped: number;
  bytes: number;
  failuresKept: number;
};

// The parts of autocannon's per-connection client used here (not in its types).
type Client = {
  on(event: string, listener: (...args: never[]) => void): void;
  pipelinedRequests: { toArray(): { req: { kind?: string } }[]; peek(): { req: { kind?: string } } | undefined };
  requestIterator: { currentRequest: { kind?: string }; setRequests(requests: unknown[]): void };
  opts: { requests: unknown[] };
  _destroyConnection(): void;
};

const running = new Set<{ stop(): void }>();

/** Stops every load in progress (on Ctrl-C, before the server goes away under it). */
export function stopRunningLoads(): void {
  for (const instance of running) instance.stop();
}

export async function runLoad(opts: {
  origin: string;
  connections: number;
  durationSec: number;
  timeoutSec: number;
  kinds: RequestKind[];
  /** Printed every few seconds while the run goes on. */
  progress?: (line: string) => void;
}): Promise<LoadResult> {
  const tallies = new Map<string, Tally>(
    opts.kinds.map((kind) => [kind.name, { kind, latencies: [], statuses: {}, ok: 0, failed: 0, errors: 0, timeouts: 0, skipped: 0, bytes: 0, failuresKept: 0 }]),
  );
  if (tallies.size !== opts.kinds.length) throw new Error("request kind names must be unique");
  const failures: Failure[] = [];
  const fail = (tally: Tally, failure: Omit<Failure, "kind">) => {
    if (tally.failuresKept >= FAILURES_KEPT_PER_KIND) return;
    tally.failuresKept++;
    failures.push({ kind: tally.kind.name, ...failure });
  };

  let sequence = weightedSequence(opts.kinds);
  // A connection's first request is built twice (by autocannon, then again
  // after the rotation below) and only the second is sent: harmless for a
  // page, not for an edit that takes a record from a pool. Start on a page.
  const firstGet = sequence.findIndex((k) => k.group === "page");
  if (firstGet > 0) sequence = [...sequence.slice(firstGet), ...sequence.slice(0, firstGet)];

  let clientsStarted = 0;
  const url = new URL(opts.origin);
  const startedAt = new Date();
  let finished!: (result: autocannon.Result) => void;
  let crashed!: (error: unknown) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    crashed = reject;
  });
  const instance = autocannon({
    url: opts.origin,
    connections: opts.connections,
    duration: opts.durationSec,
    timeout: opts.timeoutSec,
    pipelining: 1,
    // Latencies of every status go into autocannon's own totals too.
    excludeErrorStats: false,
    requests: sequence.map((kind) => ({
      kind: kind.name,
      setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
        // Never throw in here: it would be thrown inside autocannon's socket
        // handlers and take the process down before it can clean up.
        let built: BuiltRequest | null;
        try {
          built = kind.build();
        } catch (error) {
          built = null;
          const tally = tallies.get(kind.name)!;
          fail(tally, { status: null, problem: `could not build the request: ${(error as Error).message}` });
        }
        if (!built) {
          tallies.get(kind.name)!.skipped++;
          return null as unknown as autocannon.Request; // autocannon starts this connection's sequence over
        }
        context.state = built.state;
        const body = built.body ?? Buffer.alloc(0);
        return {
          ...req,
          method: built.method,
          path: built.path,
          body,
          headers: { Host: url.host, ...(built.headers ?? {}) },
        } as autocannon.Request;
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, unknown>) => {
        const tally = tallies.get(kind.name)!;
        const res: ResponseSeen = { status, headers: lowerCaseHeaders(headers ?? {}), body: body ?? "" };
        const problem = status >= 500 ? `server error ${status}` : kind.check(res);
        if (problem) {
          tally.failed++;
          fail(tally, { status, problem, location: res.headers.location, body: res.body.slice(0, 300) });
        } else {
          tally.ok++;
        }
        kind.settle?.(context.state, !problem, res);
      },
    })) as unknown as autocannon.Request[],
    setupClient: ((client: Client) => {
      // Every connection would otherwise walk the sequence in step with the
      // others (all the dashboards, then all the PDFs); start each at its own
      // place, spread evenly, always on a page (see above).
      const index = clientsStarted++;
      let start = Math.floor((index * sequence.length) / opts.connections) % sequence.length;
      while (sequence[start]!.group !== "page") start = (start + 1) % sequence.length;
      if (start > 0) {
        const own = client.opts.requests;
        client.requestIterator.setRequests([...own.slice(start), ...own.slice(0, start)]);
      }
      // A timeout drops the connection (and its pending request) and then
      // reports; note which kind was pending when the connection was dropped.
      let dropped: string[] = [];
      const destroy = client._destroyConnection.bind(client);
      client._destroyConnection = () => {
        dropped = client.pipelinedRequests.toArray().map((p) => p.req.kind ?? "?");
        destroy();
      };
      client.on("timeout", () => {
        for (const name of dropped.length ? dropped : ["?"]) {
          const tally = tallies.get(name);
          if (!tally) continue;
          tally.timeouts++;
          tally.errors++;
          fail(tally, { status: null, problem: `no response within ${opts.timeoutSec} s` });
        }
        dropped = [];
      });
      client.on("connError", ((error: Error) => {
        const tally = tallies.get(client.pipelinedRequests.peek()?.req.kind ?? client.requestIterator.currentRequest.kind ?? "");
        if (!tally) return;
        tally.errors++;
        fail(tally, { status: null, problem: `connection error: ${error.message}` });
      }) as never);
    }) as unknown as autocannon.Options["setupClient"],
  }, (error, result) => (error ? crashed(error) : finished(result)));

  // Latency and status of every response, by the kind the connection sent
  // (with one request in flight per connection, the current one).
  instance.on("response", ((client: Client, statusCode: number, resBytes: number, responseTime: number) => {
    const tally = tallies.get(client.requestIterator.currentRequest.kind ?? "");
    if (!tally) return;
    tally.latencies.push(responseTime);
    tally.statuses[statusCode] = (tally.statuses[statusCode] ?? 0) + 1;
    tally.bytes += resBytes;
  }) as never);

  let ticks = 0;
  instance.on("tick", () => {
    ticks++;
    if (!opts.progress || ticks % 10 !== 0) return;
    let done = 0;
    let bad = 0;
    for (const t of tallies.values()) {
      done += t.latencies.length;
      bad += t.failed + t.errors;
    }
    opts.progress(`${ticks} s: ${done} responses, ${bad} failed`);
  });

  running.add(instance);
  const summary = await done.finally(() => running.delete(instance));
  const elapsedSec = (Date.now() - startedAt.getTime()) / 1000;
  const durationSec = summary.duration || elapsedSec;

  const kinds: KindStats[] = [...tallies.values()].map((t) => ({
    name: t.kind.name,
    group: t.kind.group,
    count: t.latencies.length,
    ok: t.ok,
    failed: t.failed,
    errors: t.errors,
    timeouts: t.timeouts,
    skipped: t.skipped,
    statuses: t.statuses,
    latencyMs: percentiles(t.latencies),
    requestsPerSec: Math.round((t.latencies.length / durationSec) * 10) / 10,
    bytes: t.bytes,
  }));
  const all = [...tallies.values()].flatMap((t) => t.latencies);
  const statuses: Record<string, number> = {};
  for (const k of kinds) for (const [s, n] of Object.entries(k.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const sum = (f: (k: KindStats) => number) => kinds.reduce((s, k) => s + f(k), 0);
  // autocannon counts errors its own way too; take the larger, so none is missed.
  const errors = Math.max(sum((k) => k.errors), summary.errors);
  const timeouts = Math.max(sum((k) => k.timeouts), summary.timeouts);
  return {
    startedAt: startedAt.toISOString(),
    durationSec: Math.round(durationSec * 10) / 10,
    connections: opts.connections,
    timeoutSec: opts.timeoutSec,
    kinds,
    totals: {
      requests: all.length,
      ok: sum((k) => k.ok),
      failed: sum((k) => k.failed),
      errors,
      timeouts,
      status5xx: Object.entries(statuses).reduce((s, [code, n]) => s + (Number(code) >= 500 ? n : 0), 0),
      statuses,
      requestsPerSec: Math.round((all.length / durationSec) * 10) / 10,
      latencyMs: percentiles(all),
      bytes: sum((k) => k.bytes),
    },
    failures,
    sequence: sequence.map((k) => k.name),
  };
}
