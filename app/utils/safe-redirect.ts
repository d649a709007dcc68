// The one check for every redirect target that comes from a request (a
// form's returnTo / redirectTo, a query parameter, a stored location): the
// answer is always a path of this site, or the fallback. Tested with a corpus
// of tricky targets in tests/unit/safe-redirect.property.test.ts.

const LOCAL = "http://concord.invalid";

/** Only a same-site path may be a redirect target; anything else gives `fallback`. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  // Only printable ASCII: browsers drop tabs and newlines ("/\t/evil.example"
  // becomes "//evil.example"), CR/LF in a Location header would fail the
  // answer (500), and a path is resolved against a dummy origin so that
  // anything that leaves it ("//host", "/\\host") falls back.
  if (typeof value !== "string" || !value.startsWith("/") || /[^\x21-\x7e]/.test(value)) return fallback;
  try {
    const url = new URL(value, LOCAL);
    // Dot segments can collapse into "//host" ("/.//evil.example"): the
    // resolved path must itself be a plain local path.
    const path = url.pathname + url.search + url.hash;
    if (url.origin !== LOCAL || path.startsWith("//") || path.startsWith("/\\")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
