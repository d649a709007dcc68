import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { CORPUS } from "../hostile/corpus";

// Every redirect target taken from a request (returnTo, redirectTo, a stored
// location) goes through safeRedirectPath: the answer is a path of this site
// that a browser cannot read as another site, and that a Location header can
// carry (no CR/LF: a 500 before).

const SITE = "https://concord.example";

/** Tricky targets: tabs, line breaks, backslashes, encoded slashes, other schemes, Unicode. */
export const TRICKY_TARGETS = [
  "//evil.example", "//evil.example/", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
  "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\r/evil.example",
  "/\r\nSet-Cookie: x=1", "/%0d%0aSet-Cookie:%20x=1", "/%2F%2Fevil.example", "/%2f/evil.example", "/%5Cevil.example",
  "/%5C%5Cevil.example", "/.//evil.example", "/./\\evil.example", "/../../evil.example", "/..//evil.example",
  "https://evil.example/", "http:evil.example", "http:/evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "mailto:x@evil.example", "ftp://evil.example",
  " //evil.example", "/ /evil.example", "/\u0000//evil.example", "/\u3002evil.example", "/\uff0f\uff0fevil.example",
  "/\u2028/evil.example", "/\u00a0/evil.example", "/@evil.example", "/evil.example@", "/?x=//evil.example", "/#//evil.example",
  "", "/", "?", "#", "evil.example", ".", "..", "/\x7f/evil.example",
];

/** Where a browser goes for a Location header value (it drops tabs and line breaks, reads "\" as "/"). */
function browserTarget(location: string): URL {
  return new URL(location.replace(/[\t\n\r]/g, ""), SITE);
}

function assertSafe(input: unknown, result: string, fallback: string) {
  if (result === fallback) return;
  expect(result.startsWith("/")).toBe(true);
  expect(result.startsWith("//")).toBe(false);
  expect(result.startsWith("/\\")).toBe(false);
  expect(result).toMatch(/^[\x21-\x7e]+$/);
  expect(browserTarget(result).origin).toBe(SITE);
  // Already safe: the helper leaves it as it is.
  expect(safeRedirectPath(result, fallback)).toBe(result);
  expect(typeof input).toBe("string");
}

describe("safeRedirectPath", () => {
  it.each(TRICKY_TARGETS.map((t) => [JSON.stringify(t), t]))("keeps %s on this site", (_label, target) => {
    const result = safeRedirectPath(target, "/home");
    assertSafe(target, result, "/home");
    // A Location header can carry the answer (CR/LF or control characters would make it throw).
    expect(() => new Headers({ Location: result })).not.toThrow();
  });

  it("keeps ordinary paths as they were", () => {
    for (const path of ["/programmes", "/programmes?q=%D0%9A&page=2", "/programmes/BY-QOC#documents", "/portal/programmes/A%2FB", "/a/b/c?x=1&y=2"]) {
      expect(safeRedirectPath(path, "/home")).toBe(path);
    }
  });

  it("answers a same-site path or the fallback for any input, the hostile corpus included", () => {
    const anything = fc.oneof(
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/${s}`),
      fc.tuple(fc.constantFrom("/", "//", "/\\", "\\", "/%2F", "/%5C", "/./", "/../", "/\t/", "/\n"), fc.webUrl()).map(([a, b]) => a + b.replace(/^[a-z]+:\/\//, "")),
      fc.constantFrom(...TRICKY_TARGETS, ...CORPUS.filter((s) => s.value.length < 2000).map((s) => s.value)),
      fc.anything(),
    );
    fc.assert(
      fc.property(anything, (input) => {
        const result = safeRedirectPath(input, "/fallback");
        assertSafe(input, result, "/fallback");
        expect(() => new Headers({ Location: result })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
