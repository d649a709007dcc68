import { randomBytes } from "node:crypto";
import { serverTranslator } from "~/i18n/catalogues.server";
import { resolveLocale } from "~/i18n/locale.server";

// Response headers for every page and file (OWASP ASVS V3/V14):
// - a Content-Security-Policy whose scripts must carry this request's nonce
//   (Remix's inline scripts get it through <Scripts nonce> and
//   <ScrollRestoration nonce>), so an injected <script> never runs;
// - no framing (clickjacking), no MIME sniffing, a strict referrer policy;
// - HSTS only when Concord is served over HTTPS.
// Inline *styles* stay allowed (React style attributes draw chart bars and
// progress widths); inline *scripts* do not.

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // Issue 20: the service worker (/sw.js) and the web app manifest, from this origin only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * A state-changing request whose Origin is another site's (or "null") is
 * refused. Browsers send Origin with every cross-site POST; SameSite=Lax
 * already keeps the session cookie off them, and this is the second wall.
 */
export function isForeignOrigin(method: string, origin: string | undefined, host: string | undefined, publicOrigin?: string): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (origin === undefined) return false;
  if (origin === "null") return true;
  const allowed = new Set<string>();
  if (publicOrigin) allowed.add(new URL(publicOrigin).origin);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  try {
    return !allowed.has(new URL(origin).origin);
  } catch {
    return true;
  }
}

/**
 * The body of a refusal the server entry answers itself (before Remix), in
 * the language the request would be answered in (the language cookie, else
 * Accept-Language; the session is not read here).
 */
export function plainRefusal(
  key: "common.error.crossSite" | "common.error.tooLarge" | "common.error.methodNotAllowed",
  cookie: string | undefined,
  acceptLanguage: string | undefined,
  params?: Record<string, string | number>,
): string {
  const headers = new Headers();
  if (cookie) headers.set("cookie", cookie);
  if (acceptLanguage) headers.set("accept-language", acceptLanguage);
  const t = serverTranslator(resolveLocale(new Request("http://concord.invalid/", { headers })));
  return `${t(key, params)}\n`;
}

/** The body of the cross-site refusal. */
export function crossSiteRefusal(cookie: string | undefined, acceptLanguage: string | undefined): string {
  return plainRefusal("common.error.crossSite", cookie, acceptLanguage);
}
