import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale } from "~/i18n/locales";
import { registerBundle } from "~/i18n/registry";
import type { Bundle } from "~/i18n/translate";

// The page was rendered in one language; its messages are loaded (once, then
// from the browser's cache) before React takes the page over, so hydration
// renders the same text. Without them the server-rendered page stays as it is
// (every form and link works without JavaScript).
async function loadMessages(): Promise<void> {
  const locale = document.documentElement.lang;
  const url = document.querySelector<HTMLMetaElement>('meta[name="concord-catalogue"]')?.content;
  if (!isLocale(locale) || !url) return;
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`Could not load the ${locale} messages (${response.status})`);
  registerBundle(locale, (await response.json()) as Bundle);
}

loadMessages().then(
  () => {
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
    // Issue 20: the service worker, after the page is interactive (a chunk
    // of its own, outside the first page load's budget).
    void import("~/offline/register.client").then(({ registerServiceWorker }) => registerServiceWorker());
  },
  (error: unknown) => console.error(error),
);
