import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// One context per HTTP request, built once by scripts/server.ts before the
// Remix handler runs and visible to everything that request calls (loaders,
// actions, models, logging) through one AsyncLocalStorage. It replaces three
// per-request stores that used to hang on globalThis separately (the request
// memo, the double-submit scope, the database-down marks).
// See docs/decisions/0016-request-context-and-processes.md.

/** Per-request state of the double-submit protection (app/models/form-submission.server.ts). */
export type SubmissionScope = { request: Request; claimed: string | null; committed?: boolean };

export type RequestContext = {
  /** A new random id per request: sent back as X-Request-Id, written in every log line, shown on the 500 page. */
  readonly requestId: string;
  /** The client's address: the socket's, or from X-Forwarded-For as far as TRUST_PROXY trusts it. */
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  /** The request as Remix sees it. */
  readonly request: Request;
  /** What this request's loaders have already read (app/utils/request-memo.server.ts). */
  memo: Map<string, Promise<unknown>>;
  /** The double-submit key this request claimed, if any. */
  submission: SubmissionScope;
  /** Handling the request failed because the database was unreachable: answered 503, not 500. */
  databaseUnavailable: boolean;
};

// Shared through globalThis under a registered symbol: this module is loaded
// twice in one server process (by tsx for scripts/server.ts, and inside the
// Remix server bundle), and both copies must see the same store.
const STORE_KEY = Symbol.for("concord.requestContext");
type Holder = { [STORE_KEY]?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = ((globalThis as Holder)[STORE_KEY] ??= new AsyncLocalStorage<RequestContext>());

export function newRequestId(): string {
  return randomUUID();
}

/** A fresh context for `request` (the server makes one per request; tests may make their own). */
export function createRequestContext(init: {
  request: Request;
  clientIp?: string | null;
  userAgent?: string | null;
  requestId?: string;
}): RequestContext {
  return {
    requestId: init.requestId ?? newRequestId(),
    clientIp: init.clientIp ?? null,
    userAgent: init.userAgent ?? init.request.headers.get("User-Agent"),
    request: init.request,
    memo: new Map(),
    submission: { request: init.request, claimed: null },
    databaseUnavailable: false,
  };
}

/** Runs `fn` with `context` as the current request's context. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context; undefined outside a request (a script, a test calling a model). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The current request's id, or null outside a request. */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/**
 * Runs `fn` in a copy of the current context (or a new one for `request`)
 * with some fields replaced: for the older per-store entry points
 * (`requestMemo.run`, `submissionScope.run`) that tests still use.
 */
export function runWithContextFields<T>(request: Request | undefined, fields: Partial<Pick<RequestContext, "memo" | "submission">>, fn: () => T): T {
  const current = storage.getStore();
  const base = current ?? createRequestContext({ request: request ?? fields.submission?.request ?? new Request("http://concord.invalid/") });
  return storage.run({ ...base, ...fields }, fn);
}

// ---------------------------------------------------------------------------
// Logging: every console line written while a request is handled starts with
// its id, whoever writes it (our code, Remix's own error logging, a library).
// One wrapper around console rather than a logger every module must import:
// nothing can forget it. Installed once per process by scripts/server.ts.

const INSTALLED = Symbol.for("concord.requestIdLogging");

export function installRequestIdLogging(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const id = storage.getStore()?.requestId;
      if (!id) return original(...args);
      // A format string keeps its placeholders working after the prefix.
      if (typeof args[0] === "string") return original(`[${id}] ${args[0]}`, ...args.slice(1));
      return original(`[${id}]`, ...args);
    };
  }
}
