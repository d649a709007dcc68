import { describe, expect, it } from "vitest";
import { EXPORT_TARGETS, EXPORTS, exportMemoryProblems } from "./exports";

// The exports' memory rule (bench/lib/exports.ts): the peak RSS during an
// export, on a server started afresh for the exports, below the target; a
// peak that could not be read fails rather than passes unseen.
describe("the exports' memory rule", () => {
  it("passes a peak below the limit and fails one at or above it", () => {
    expect(exportMemoryProblems(399.9, 400)).toEqual([]);
    expect(exportMemoryProblems(400, 400)).toEqual(["server peaked at 400 MB, target < 400 MB"]);
    expect(exportMemoryProblems(575.2, 400)).toHaveLength(1);
  });

  it("fails a peak it could not read, and judges nothing without a limit", () => {
    expect(exportMemoryProblems(null, 400)).toEqual(["the server's memory could not be read, target < 400 MB"]);
    expect(exportMemoryProblems(null, null)).toEqual([]);
    expect(exportMemoryProblems(900, null)).toEqual([]);
  });

  it("holds every export to the issue's 400 MB", () => {
    expect(EXPORT_TARGETS.exportMemoryMb).toBe(400);
    for (const target of EXPORTS) expect(target.memoryLimitMb).toBe(400);
  });
});
