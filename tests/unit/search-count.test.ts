import { describe, expect, it } from "vitest";
import { trigramModes } from "~/models/search.server";
import { formatSearchCount, SEARCH_COUNT_CAP } from "~/utils/search";

// ADR 0040, third part: counts past the cap show as "2000+"; substring
// matching only where it adds something to the full-text match.
describe("search counts and matching modes", () => {
  it("shows counts exactly up to the cap and as cap+ past it", () => {
    expect(formatSearchCount(0)).toBe("0");
    expect(formatSearchCount(SEARCH_COUNT_CAP)).toBe(String(SEARCH_COUNT_CAP));
    expect(formatSearchCount(SEARCH_COUNT_CAP + 1)).toBe(`${SEARCH_COUNT_CAP}+`);
  });

  it("matches substrings only for identifier-like and Hangul queries", () => {
    expect(trigramModes("quality of care").substring).toBe(false);
    expect(trigramModes("здравоохр").substring).toBe(false);
    expect(trigramModes("kor-20").substring).toBe(true);
    expect(trigramModes("hta_2024").substring).toBe(true);
    expect(trigramModes("심사").substring).toBe(true);
    expect(trigramModes("physican trainig of").similar).toEqual(["physican", "trainig"]);
  });
});
