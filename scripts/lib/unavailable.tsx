import type { ServerBuild } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import {
  databaseUnavailableMessage,
  DatabaseUnavailablePage,
} from "../../app/components/errors/database-unavailable";
import { serverTranslator } from "../../app/i18n/catalogues.server";
import { resolveLocale } from "../../app/i18n/locale.server";

// The one place an unreachable database becomes an answer: a 503 with
// Retry-After, shaped for whoever asked — a page for a browser, JSON for
// Remix's data requests (so the app's ErrorBoundary shows the same notice),
// plain text for downloads and other resource routes.

export const RETRY_AFTER_SECONDS = 30;

/** The stylesheet the root route links to, so the page looks like Concord. */
export function stylesheetOf(build: ServerBuild): string | null {
  const links = (build.routes.root?.module as { links?: () => { rel?: string; href?: string }[] }).links?.() ?? [];
  return links.find((l) => l.rel === "stylesheet")?.href ?? null;
}

export function databaseUnavailableResponse(request: Request, stylesheetHref: string | null): Response {
  const url = new URL(request.url);
  const headers = new Headers({ "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" });
  // The language of the language cookie or Accept-Language: a signed-in
  // user's saved choice is in the database, which is what cannot be reached.
  const t = serverTranslator(resolveLocale(request));
  const message = databaseUnavailableMessage(t);
  if (url.searchParams.has("_data")) {
    // Read by Remix in the browser as a thrown 503 response (isRouteErrorResponse).
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("X-Remix-Catch", "yes");
    return new Response(JSON.stringify({ message }), { status: 503, headers });
  }
  const accept = request.headers.get("Accept") ?? "";
  const wantsHtml = accept.includes("text/html") || (!accept.includes("json") && !/\.(xml|pdf|xlsx|csv|json)$/.test(url.pathname) && !url.pathname.endsWith("/download"));
  if (wantsHtml) {
    headers.set("Content-Type", "text/html; charset=utf-8");
    const html = "<!DOCTYPE html>" + renderToStaticMarkup(<DatabaseUnavailablePage stylesheetHref={stylesheetHref} t={t} />);
    return new Response(html, { status: 503, headers });
  }
  if (accept.includes("json")) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    return new Response(JSON.stringify({ error: "database_unavailable", message }), { status: 503, headers });
  }
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(`${message}\n`, { status: 503, headers });
}
