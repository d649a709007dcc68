// Adds up the JSON reports of Vitest and Playwright into one closing line.
// A step that failed without a report (typecheck, build, a crash) counts as one failure.
import fs from "node:fs";
import path from "node:path";

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  return String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((l) => l.trim()) ?? "";
}

/** The error's first lines (a diff's received values included), for the tail of a CI log. */
function errorLines(text, count = 12) {
  // eslint-disable-next-line no-control-regex
  const lines = String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((l) => l.trim());
  return lines.slice(0, count).join("\n    ");
}

const [dir, brokenSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (name) => {
  const file = path.join(dir, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
};
let reportsWithFailures = 0;
// The names of what failed, printed just above the closing line so that the tail of a
// CI log says which test to look at.
const failures = [];
for (const name of ["vitest-embedded.json", "vitest-postgres.json", "vitest-bench.json"]) {
  const r = read(name);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTests > 0 || r.numFailedTestSuites > 0) reportsWithFailures++;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
  for (const suite of r.testResults ?? []) {
    const file = path.relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failedTests) {
      failures.push(`${name.replace(/\.json$/, "")}: ${file} › ${t.fullName ?? t.title}\n    ${firstLine(t.failureMessages?.[0])}`);
    }
    if (suite.status === "failed" && failedTests.length === 0) {
      failures.push(`${name.replace(/\.json$/, "")}: ${file}\n    ${firstLine(suite.message)}`);
    }
  }
}
// The browser journeys' reports: one per part they ran in (scripts/test.sh).
const pws = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^playwright(-\d+)?\.json$/.test(f)).sort() : [];
for (const name of pws) {
  const pw = read(name);
  passed += pw.stats.expected;
  failed += pw.stats.unexpected + pw.stats.flaky;
  skipped += pw.stats.skipped;
  if (pw.stats.unexpected + pw.stats.flaky > 0 || pw.errors?.length) reportsWithFailures++;
  if (pw.errors?.length && pw.stats.unexpected === 0) {
    failed += pw.errors.length;
    for (const e of pw.errors) failures.push(`playwright (${name}): ${errorLines(e.message)}`);
  }
  const walk = (suite, outer) => {
    const trail = suite.title && suite.title !== suite.file ? [...outer, suite.title] : outer;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected" || test.status === "flaky") {
          const error = test.results?.find((r) => r.error)?.error?.message;
          failures.push(`playwright (${test.status}): ${spec.file}:${spec.line} › ${[...trail, spec.title].join(" › ")}\n    ${errorLines(error)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, trail);
  };
  for (const suite of pw.suites ?? []) walk(suite, []);
}
if (failures.length) {
  console.log("failed:");
  for (const f of failures) console.log(`  ${f}`);
}
// Steps that failed but whose failures no report counted (typecheck, build, missing reports).
failed += Math.max(0, Number(brokenSteps) - reportsWithFailures);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || Number(brokenSteps) > 0 ? 1 : 0);
