import type { Page, Request } from "@playwright/test";

/**
 * The page's requests in flight, counted from now: `settled()` resolves once
 * none is in flight and none has started for `quietMs` (150 ms), and throws
 * after `timeoutMs`. In place of Playwright's "networkidle", which waits for
 * 500 ms without any connection: for a page that loads everything before
 * hydrating that was most of the check's time per page (0.7 s of about 1.5 s),
 * and it says nothing more about the page. Requests that start within the
 * quiet window (a route discovery after hydration is debounced by 100 ms)
 * restart it. `count` decides which requests count (default: all).
 */
export function trackRequests(page: Page, count: (request: Request) => boolean = () => true) {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const onRequest = (request: Request) => {
    if (!count(request)) return;
    inFlight.add(request);
    lastChange = Date.now();
  };
  const onDone = (request: Request) => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on("request", onRequest);
  page.on("requestfinished", onDone);
  page.on("requestfailed", onDone);
  return {
    async settled(quietMs = 150, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const quietFor = Date.now() - lastChange;
        if (inFlight.size === 0 && quietFor >= quietMs) return;
        if (Date.now() > deadline) {
          throw new Error(`requests still in flight after ${timeoutMs} ms: ${[...inFlight].map((r) => r.url()).join(", ")}`);
        }
        await new Promise((resolve) => setTimeout(resolve, inFlight.size === 0 ? quietMs - quietFor : 25));
      }
    },
    stop() {
      page.off("request", onRequest);
      page.off("requestfinished", onDone);
      page.off("requestfailed", onDone);
    },
  };
}
