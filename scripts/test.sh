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
# The hostile corpus through the JSON API (thousands of requests, a third of
# the embedded step's time on its own) runs once, on PostgreSQL: it tests how
# the API takes input, which is the same on both databases, and PostgreSQL
# runs it in half the time.
step "database and process tests (embedded PGlite)" env TEST_DB=embedded npx vitest run \
  --exclude tests/hostile/api.test.ts \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-embedded.json"
step "database tests (PostgreSQL)" env TEST_DB=postgres npx vitest run tests/db tests/seed tests/hostile/api.test.ts \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json"
step "bench runner self-test" npx vitest run --config bench/vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-bench.json"
# The browser journeys in CONCORD_E2E_SHARDS parts at once (2 unless set), each
# with its own server, database and mail catcher (ports 3210, 3211, …): the
# journeys spend much of their time waiting on a page, so two parts use both
# cores of this project's 2-core machines (how much they save depends on the
# machine's other load; at load 10-12 they saved little). The parts are
# whole spec files balanced by their usual time (tests/e2e/support/parts.ts).
# Each part's lines are prefixed with its number.
shards="${CONCORD_E2E_SHARDS:-2}"
shard() {
  local i="$1" rc
  E2E_PORT=$((3209 + i)) PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-$i.json" \
    CONCORD_E2E_PART="$i/$shards" npx playwright test --reporter=list,json 2>&1 | sed -u "s/^/[$i\/$shards] /"
  rc="${PIPESTATUS[0]}"
  return "$rc"
}
browser_journeys() {
  local pids=() i rc=0
  for ((i = 1; i <= shards; i++)); do
    shard "$i" &
    pids+=("$!")
  done
  for i in "${pids[@]}"; do wait "$i" || rc=1; done
  return "$rc"
}
step "browser journeys (Chromium)" browser_journeys

echo
node scripts/test-summary.mjs "$reports" "$broken"
