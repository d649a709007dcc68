// Adds up the JSON reports of Vitest and Playwright into one closing line.
// A step that failed without a report (typecheck, build, a crash) counts as one failure.
import fs from "node:fs";
import path from "node:path";

const [dir, brokenSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (name) => {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
};
let reportsWithFailures = 0;
for (const name of ["vitest-embedded.json", "vitest-postgres.json", "vitest-bench.json"]) {
  const r = read(name);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTests > 0 || r.numFailedTestSuites > 0) reportsWithFailures++;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
}
const pw = read("playwright.json");
if (pw) {
  passed += pw.stats.expected;
  failed += pw.stats.unexpected + pw.stats.flaky;
  skipped += pw.stats.skipped;
  if (pw.stats.unexpected + pw.stats.flaky > 0 || pw.errors?.length) reportsWithFailures++;
  if (pw.errors?.length && pw.stats.unexpected === 0) failed += pw.errors.length;
}
// Steps that failed but whose failures no report counted (typecheck, build, missing reports).
failed += Math.max(0, Number(brokenSteps) - reportsWithFailures);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || Number(brokenSteps) > 0 ? 1 : 0);
