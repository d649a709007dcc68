import { isAccountKey, OFFLINE_PATH, type ToWorker } from "./cache-rules";

// Issue 20: registers the service worker (public/sw.js, built from
// app/offline/sw/) after the page has hydrated (entry.client.tsx imports this
// file with import(), so the first page load's bundle does not carry it), and
// keeps it told whose pages it may keep: the account this page names in
// <meta name="concord-user">, or nobody (then it deletes every page cache).
// A new version of the worker takes over, and the page reloads, only while
// no form on the page has unsaved changes.

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  const container = navigator.serviceWorker;
  const hadController = container.controller !== null;
  trackDirtyForms();
  container.register("/sw.js", { scope: "/" }).then(
    (registration: ServiceWorkerRegistration | undefined) => {
      // Playwright's serviceWorkers: "block" resolves with nothing.
      if (!registration) return;
      watchForUpdates(registration);
      void container.ready.then((ready) => {
        tellAccount(ready.active);
        sendAssets(ready.active);
      });
    },
    // Blocked (tests, private windows) or unsupported: the app works online as before.
    () => undefined,
  );
  let reloading = false;
  container.addEventListener("controllerchange", () => {
    lastTold = undefined; // a new worker: tell it too
    tellAccount(container.controller);
    // The first worker taking over a page is no update: nothing to reload.
    if (!hadController || reloading) return;
    whenNoFormIsDirty(() => {
      reloading = true;
      location.reload();
    });
  });
  // The account changes without a page load (signing in or out with
  // JavaScript re-renders <head>): tell the worker at once.
  new MutationObserver(() => tellAccount(container.controller)).observe(document.head, { childList: true, subtree: true, attributes: true, attributeFilter: ["content"] });
}

let lastTold: string | null | undefined;

function tellAccount(worker: ServiceWorker | null | undefined): void {
  // The offline page is kept signed out: on it, the page says nothing about who is signed in.
  if (!worker || location.pathname === OFFLINE_PATH) return;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="concord-user"]')?.content;
  const key = isAccountKey(meta) ? meta : null;
  if (key === lastTold) return;
  lastTold = key;
  post(worker, { type: "key", key });
}

/** Build files this page loaded before the worker controlled it, so they are kept for offline use too. */
function sendAssets(worker: ServiceWorker | null): void {
  if (!worker) return;
  const urls = performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && (url.pathname.startsWith("/build/") || url.pathname.startsWith("/i18n/")))
    .map((url) => url.pathname + url.search);
  if (urls.length) post(worker, { type: "assets", urls });
}

function post(worker: ServiceWorker, message: ToWorker): void {
  worker.postMessage(message);
}

function watchForUpdates(registration: ServiceWorkerRegistration): void {
  const activate = (worker: ServiceWorker) => whenNoFormIsDirty(() => post(worker, { type: "skip-waiting" }));
  if (registration.waiting && navigator.serviceWorker.controller) activate(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) activate(worker);
    });
  });
}

// ---------------------------------------------------------------------------
// A form is dirty from its first input until it is submitted or reset (or
// leaves the page). Swapping the worker and reloading waits for none to be.

const dirty = new Set<HTMLFormElement>();

function trackDirtyForms(): void {
  const mark = (event: Event) => {
    const form = (event.target as Element | null)?.closest?.("form");
    if (form) dirty.add(form);
  };
  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  document.addEventListener("submit", (event) => dirty.delete(event.target as HTMLFormElement), true);
  document.addEventListener("reset", (event) => dirty.delete(event.target as HTMLFormElement), true);
}

function anyFormDirty(): boolean {
  for (const form of dirty) if (!form.isConnected) dirty.delete(form);
  return dirty.size > 0;
}

const waiting: (() => void)[] = [];
let watching = false;

function whenNoFormIsDirty(run: () => void): void {
  if (!anyFormDirty()) return run();
  waiting.push(run);
  if (watching) return;
  watching = true;
  // Checked again whenever a form may have stopped being dirty: after a
  // submission, a reset, a navigation in the page, or the tab being hidden.
  const check = () => {
    if (anyFormDirty()) return;
    watching = false;
    for (const event of EVENTS) document.removeEventListener(event, later, true);
    window.removeEventListener("popstate", later);
    observer.disconnect();
    for (const next of waiting.splice(0)) next();
  };
  const later = () => setTimeout(check, 0);
  const EVENTS = ["submit", "reset", "visibilitychange", "click"] as const;
  for (const event of EVENTS) document.addEventListener(event, later, true);
  window.addEventListener("popstate", later);
  const observer = new MutationObserver(later);
  observer.observe(document.body, { childList: true, subtree: true });
}
