import type { Locale } from "./locales";
import type { Bundle } from "./translate";

// The catalogues this JavaScript context holds. The server registers every
// language at start (catalogues.server.ts); the browser registers the one
// language of the page before it hydrates (entry.client.tsx), so a page never
// carries the other languages' text.

const bundles = new Map<Locale, Bundle>();

export function registerBundle(locale: Locale, bundle: Bundle): void {
  bundles.set(locale, bundle);
}

export function getBundle(locale: Locale): Bundle | undefined {
  return bundles.get(locale);
}
