import { expect } from "vitest";
import { iatiErrorLines, iatiProblems, iatiWarningLines, type IatiKind, type IatiProblems } from "~/iati/check.server";

// The quality gate for tests: an IATI file must pass the 2.03 XSD, the IATI
// Validator ruleset and the codelists with 0 errors (app/iati/check.server.ts).
// Warnings are printed, not failed on.

export async function expectValidIati(xml: string | AsyncIterable<string>, kind: IatiKind = "activities"): Promise<IatiProblems> {
  const problems = await iatiProblems(xml, kind);
  const warnings = iatiWarningLines(problems);
  if (warnings.length > 0) {
    console.warn(`IATI warnings (${warnings.length}):\n  ${summarise(warnings).join("\n  ")}`);
  }
  expect(iatiErrorLines(problems), "IATI errors (XSD, ruleset, codelists)").toEqual([]);
  return problems;
}

/** The error lines of one rule (or codelist), for tests that pin a known failure. */
export function errorsOf(problems: IatiProblems, id: string): string[] {
  return iatiErrorLines(problems).filter((line) => line.startsWith(`${id} `));
}

/** Same message for many records: print it once with a count. */
function summarise(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const key = line.replace(/^(\S+) \S+: /, "$1 ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].slice(0, 40).map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
}
