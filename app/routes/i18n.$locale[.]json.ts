import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogueJson } from "~/i18n/catalogues.server";
import { isLocale } from "~/i18n/locales";

// One language's messages, as the browser loads them before it hydrates a
// page (entry.client.tsx). Public: the interface text is no secret. The URL
// carries the catalogue's hash, so the file can be cached for a year.
export function loader({ params, request }: LoaderFunctionArgs) {
  const locale = params.locale;
  if (!isLocale(locale)) throw new Response("Not found", { status: 404 });
  const { body, hash } = catalogueJson(locale);
  const versioned = new URL(request.url).searchParams.get("v") === hash;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${hash}"`,
    },
  });
}
