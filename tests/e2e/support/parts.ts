import fs from "node:fs";

// The browser journeys in parts that run at once (scripts/test.sh,
// CONCORD_E2E_PART="i/n"), each with its own server and database. Parts are
// whole spec files (a file's tests share data and order), balanced by each
// file's usual run time: Playwright's own --shard splits by test count, and
// the long files (every page × role × language) all sort early, so its
// first part took three times the second's.

/**
 * Minutes a spec file usually takes on its own (CI, Dec 2026; the page-wide
 * scans scaled by what settling on requests instead of "networkidle", axe's
 * legacy mode and no screenshots in CI saved on one machine); unlisted files
 * count DEFAULT_MINUTES.
 */
export const MINUTES: Record<string, number> = {
  "hostile-input.spec.ts": 7.1,
  "console-clean.spec.ts": 5.6,
  "a11y.spec.ts": 3.4,
  "screens-phone.spec.ts": 3.2,
  "a11y-new-work.spec.ts": 3,
  "authz-matrix.spec.ts": 2.5,
  "mail-narrow.spec.ts": 2.2,
  "form-rows.spec.ts": 1.6,
  "hostile-files.spec.ts": 1.5,
  "embedded-demo.spec.ts": 1.2,
  "offline-cache.spec.ts": 0.9,
  "mfa.spec.ts": 0.8,
};
const DEFAULT_MINUTES = 0.5;

/** The spec files of `dir`, by name. */
export function specFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".spec.ts"))
    .sort();
}

/**
 * Which files part `index` (1-based) of `count` runs: the longest file first
 * to the part with the least time so far (ties to the lower part), the same
 * answer in every process.
 */
export function filesOfPart(files: string[], index: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new Error(`CONCORD_E2E_PART must be "i/n" with 1 ≤ i ≤ n, not ${index}/${count}`);
  }
  const load = Array.from({ length: count }, () => 0);
  const parts: string[][] = Array.from({ length: count }, () => []);
  const weighted = files.map((f) => ({ f, m: MINUTES[f] ?? DEFAULT_MINUTES }));
  weighted.sort((a, b) => b.m - a.m || a.f.localeCompare(b.f));
  for (const { f, m } of weighted) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest] += m;
    parts[lightest].push(f);
  }
  return parts[index - 1].sort();
}

/** Playwright's testMatch for CONCORD_E2E_PART ("i/n"), or undefined (every file) when it is not set. */
export function testMatchOfPart(part: string | undefined, dir: string): RegExp[] | undefined {
  if (!part) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(part);
  if (!m) throw new Error(`CONCORD_E2E_PART must be "i/n" (e.g. 1/2), not "${part}"`);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return filesOfPart(specFiles(dir), Number(m[1]), Number(m[2])).map((f) => new RegExp(`[\\\\/]${escape(f)}$`));
}
