import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { derivedSecret } from "~/auth/mfa.server";
import { secureOrigin } from "~/auth/session.server";
import { safeRedirectPath } from "./safe-redirect";

// The confirmation after a post/redirect/get ("saved", "archived"...) travels
// in a flash cookie from the action's redirect to the next page, instead of a
// ?notice= in the URL: a reload or a bookmark then does not say "Saved" again,
// and the URL stays the record's own (docs/decisions/0018-flash-messages.md).
//
// The root loader reads it on the next request for the page it redirects to
// and clears it (readNotice), so it shows once, with or without JavaScript. It
// holds only a notice code and that page's path; each page maps codes it knows
// to text in the reader's language and ignores others. Bound to its page: any
// request runs the root loader, and one for another page (a link's prefetch
// of its data, sent while the browser was still on its way to the record)
// took the notice the record's page was waiting for (a journey at load saw
// its "Saved" vanish so). Prefetches never take it.
//
// HttpOnly, SameSite=Lax like the session cookie; over HTTPS Secure with the
// __Host- prefix (no Domain, Path=/), so no sibling subdomain can plant one.
// Signed with a secret derived from the server's (CONCORD_SECRET_KEY or the
// data directory's key file), so every process of a deployment reads the
// cookie another set, and nobody else can forge one. It lives a minute: the
// browser follows the redirect at once, and a notice never met (the next page
// failed) does not surface later somewhere else.

const MAX_AGE_SECONDS = 60;
/** A notice code: short, lowercase, so nothing else rides in the cookie. */
const NOTICE_CODE = /^[a-z][a-z0-9-]{0,39}$/;

let cookie: Cookie | undefined;

export function flashCookie(): Cookie {
  cookie ??= createCookie(secureOrigin() ? "__Host-concord_flash" : "concord_flash", {
    httpOnly: true,
    sameSite: "lax",
    secure: secureOrigin(),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
    secrets: [derivedSecret("flash-cookie-v1")],
  });
  return cookie;
}

/**
 * A redirect to a same-site path that shows `notice`
 * once on the page it lands on. `init.headers` may carry other Set-Cookie
 * headers (a new session): they are kept. A target that is not a path of this
 * site goes to "/" instead.
 */
export async function redirectWithNotice(url: string, notice: string, init: ResponseInit = {}): Promise<Response> {
  if (!NOTICE_CODE.test(notice)) throw new Error(`Not a notice code: ${JSON.stringify(notice)}`);
  const target = safeRedirectPath(url);
  const headers = new Headers(init.headers);
  const value: FlashValue = { n: notice, p: pathOf(target) };
  headers.append("Set-Cookie", await flashCookie().serialize(value));
  return redirect(target, { ...init, headers });
}

/** The cookie's value: the notice code and the path of the page it is for. */
type FlashValue = { n: string; p: string };

/** A same-site URL's path, decoded, so "/programmes/A%20B" and "/programmes/A B" agree. */
function pathOf(url: string): string {
  const { pathname } = new URL(url, "http://concord.invalid");
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** The notice code of a cookie value, and the page it is for (null: any page; a cookie set before notices had one). */
function parseFlash(value: unknown): { code: string; path: string | null } | null {
  if (typeof value === "string") return NOTICE_CODE.test(value) ? { code: value, path: null } : null;
  if (!value || typeof value !== "object") return null;
  const { n, p } = value as Partial<FlashValue>;
  return typeof n === "string" && NOTICE_CODE.test(n) && typeof p === "string" ? { code: n, path: p } : null;
}

/** A request the browser makes ahead of need (`<link rel="prefetch">`): nobody sees its answer yet. */
function isPrefetch(request: Request): boolean {
  return /prefetch/i.test(`${request.headers.get("Sec-Purpose") ?? ""} ${request.headers.get("Purpose") ?? ""}`);
}

/** A notice as the root loader hands it to the page: its code and an id for this showing. */
export type FlashNotice = { code: string; id: string };

/**
 * The notice the request carries, if any, and the Set-Cookie that clears it
 * (to be sent with the answer, so the next request no longer carries it).
 * A notice for another page, or a prefetch, leaves the cookie where it is
 * for the request of its own page. A forged, expired or malformed cookie
 * reads as no notice and is cleared too.
 */
export async function readNotice(request: Request): Promise<{ notice: FlashNotice | null; setCookie: string | null }> {
  const header = request.headers.get("Cookie");
  const c = flashCookie();
  if (!header || !header.includes(`${c.name}=`)) return { notice: null, setCookie: null };
  const flash = parseFlash(await c.parse(header));
  const forAnotherPage = flash !== null && flash.path !== null && flash.path !== pathOf(request.url);
  if (flash && (forAnotherPage || isPrefetch(request))) return { notice: null, setCookie: null };
  const setCookie = await c.serialize("", { maxAge: 0, expires: new Date(0) });
  if (!flash) return { notice: null, setCookie };
  return { notice: { code: flash.code, id: randomUUID() }, setCookie };
}

/**
 * The notice code an answer sets in the flash cookie, or null: the double-submit
 * guard keeps it with the first post's redirect, so a repeated post (answered
 * with that redirect) shows the same confirmation.
 */
export async function noticeOfAnswer(response: Response): Promise<string | null> {
  const c = flashCookie();
  for (const setCookie of response.headers.getSetCookie()) {
    const pair = setCookie.split(";")[0];
    if (!pair.startsWith(`${c.name}=`)) continue;
    return parseFlash(await c.parse(pair))?.code ?? null;
  }
  return null;
}
