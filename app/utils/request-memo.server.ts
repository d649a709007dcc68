import { currentRequestContext, runWithContextFields } from "./request-context.server";

// What one HTTP request has already read, for the other loaders of the same
// request: a page is the root loader plus its route's loaders, and each of
// them checks the session. Lives exactly as long as the request (a field of
// the request context, app/utils/request-context.server.ts); outside a
// request (tests, scripts) nothing is remembered.

type Memo = Map<string, Promise<unknown>>;

/** The memo of the current request; `run` gives code outside the server (tests) a memo of its own. */
export const requestMemo = {
  getStore: (): Memo | undefined => currentRequestContext()?.memo,
  run: <T>(memo: Memo, fn: () => T): T => runWithContextFields(undefined, { memo }, fn),
};

/**
 * `load()` once per request and key; later calls in the same request get the
 * same promise. Only a read-only request (GET, HEAD) shares: a write may
 * change the session or the scope while it runs, so it always loads afresh.
 */
export function oncePerRequest<T>(request: Request, key: string, load: () => Promise<T>): Promise<T> {
  const memo = request.method === "GET" || request.method === "HEAD" ? requestMemo.getStore() : undefined;
  if (!memo) return load();
  let promise = memo.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    memo.set(key, promise);
  }
  return promise;
}
