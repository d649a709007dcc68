import type { LoaderFunctionArgs } from "@remix-run/node";
import { fetchFeed } from "~/models/calendar-feed.server";
import { feedEvents, renderFeed } from "~/reports/calendar-feed.server";
import { withDomainErrors } from "~/utils/respond.server";

// GET /calendar/<token>.ics: a private calendar feed (iCalendar, RFC 5545) for
// calendar programs, which have no session: the token is the credential
// (docs/decisions/0039-calendar-feeds.md). An unknown, revoked or malformed
// token, a deactivated owner's, a programme feed gone out of scope: all the
// same 404, so the answer is no oracle. The content is read with the owner's
// scope and language at this moment.
export const loader = /* @__PURE__ */ withDomainErrors(async function loader({ request, params, context }: LoaderFunctionArgs) {
  const result = await fetchFeed(params.token ?? "", context.clientIp ?? null);
  if (result.kind === "limited") {
    throw new Response("Too many requests\n", {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (result.kind === "not_found") {
    // Plain and identical for every miss (not the reader's language: a calendar program reads it, if anyone).
    throw new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const body = request.method === "HEAD" ? null : renderFeed(result.feed, await feedEvents(result.feed));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="concord.ics"',
      // Someone's own calendar: kept by their calendar program only, never by a shared cache.
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "X-Robots-Tag": "noindex, nofollow",
      "Referrer-Policy": "no-referrer",
    },
  });
});
