import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesOfPart, MINUTES, specFiles, testMatchOfPart } from "../e2e/support/parts";

// scripts/test.sh runs the browser journeys in parts at once: every spec
// file must run in exactly one part, and the parts must be near in time.
const DIR = path.resolve(__dirname, "../e2e");

describe("the browser journeys' parts", () => {
  const files = specFiles(DIR);

  it.each([1, 2, 3])("put every spec file in exactly one of %i parts", (count) => {
    const parts = Array.from({ length: count }, (_, i) => filesOfPart(files, i + 1, count));
    expect(parts.flat().sort()).toEqual(files);
    expect(new Set(parts.flat()).size).toBe(files.length);
  });

  it("balance two parts by the files' usual minutes", () => {
    const minutes = (part: string[]) => part.reduce((sum, f) => sum + (MINUTES[f] ?? 0.5), 0);
    const [a, b] = [filesOfPart(files, 1, 2), filesOfPart(files, 2, 2)].map(minutes);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(...Object.values(MINUTES)));
    // The two longest files go to different parts, the longest to the first.
    const [longest, next] = Object.entries(MINUTES)
      .sort((x, y) => y[1] - x[1])
      .map(([f]) => f);
    expect(filesOfPart(files, 1, 2)).toContain(longest);
    expect(filesOfPart(files, 2, 2)).toContain(next);
  });

  it("match a file by its whole name, and refuse a malformed part", () => {
    const match = testMatchOfPart("1/2", DIR)!;
    const matches = (file: string) => match.some((r) => r.test(path.join(DIR, file)));
    for (const f of filesOfPart(files, 1, 2)) expect(matches(f)).toBe(true);
    for (const f of filesOfPart(files, 2, 2)) expect(matches(f)).toBe(false);
    expect(testMatchOfPart(undefined, DIR)).toBeUndefined();
    expect(() => testMatchOfPart("2", DIR)).toThrow(/i\/n/);
    expect(() => testMatchOfPart("3/2", DIR)).toThrow(/1 ≤ i ≤ n/);
  });
});
