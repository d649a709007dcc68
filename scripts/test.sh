#!/usr/bin/env bash
# npm test — the whole suite: types, database tests on the embedded database
# AND on PostgreSQL, process tests, and browser journeys in Chromium.
# Ends with one line that counts every test of every runner: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
reports=tests/.artifacts/reports
rm -rf "$reports" && mkdir -p "$reports"

bash scripts/system-deps.sh || exit 1
# shellcheck source=scripts/test-postgres.sh
if ! source scripts/test-postgres.sh; then
  echo "A PostgreSQL server is required for the test suite." >&2
  exit 1
fi

broken=0
step() {
  local name="$1"; shift
  echo
  echo "=== $name"
  if "$@"; then echo "=== $name: ok"; else broken=$((broken + 1)); echo "=== $name: FAILED"; fi
}

step "typecheck" npm run -s typecheck
step "build" npm run -s build
step "database and process tests (embedded PGlite)" env TEST_DB=embedded npx vitest run \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-embedded.json"
step "database tests (PostgreSQL)" env TEST_DB=postgres npx vitest run tests/db tests/seed \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json"
step "bench runner self-test" npx vitest run --config bench/vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-bench.json"
step "browser journeys (Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" \
  npx playwright test --reporter=list,json

echo
node scripts/test-summary.mjs "$reports" "$broken"
