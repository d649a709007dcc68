import { AsyncLocalStorage } from "node:async_hooks";

// What one HTTP request has already read, for the other loaders of the same
// request: a page is the root loader plus its route's loaders, and each of
// them checks the session. Lives exactly as long as the request
// (scripts/server.ts runs the handler inside `requestMemo.run`); outside a
// request (tests, scripts) nothing is remembered.

type Memo = Map<string, Promise<unknown>>;

declare global {
  // eslint-disable-next-line no-var
  var __concordRequestMemo: AsyncLocalStorage<Memo> | undefined;
}

// On globalThis: scripts/server.ts and the Remix bundle each load this module.
export const requestMemo: AsyncLocalStorage<Memo> = (globalThis.__concordRequestMemo ??= new AsyncLocalStorage<Memo>());

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
