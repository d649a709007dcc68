#!/usr/bin/env bash
# Starts the production build for the end-to-end tests on a fresh database.
set -euo pipefail
admin="${TEST_DATABASE_URL:?TEST_DATABASE_URL is required}"
db="concord_e2e_${PORT:?PORT is required}"
# A database of this port left by a run that was killed goes first. The label
# names the run that owns it (tests/support/test-databases.ts), so a later run
# drops it even if nobody uses this port again; global-teardown.ts drops it at the end.
psql "$admin" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" \
  -c "COMMENT ON DATABASE $db IS 'concord-test-run host=$(uname -n) pid=${CONCORD_TEST_RUN_PID:?set by playwright.config.ts}'"
{ [ -f build/index.js ] && [ -f public/sw.js ]; } || npm run -s build
export NODE_ENV=production HOST=127.0.0.1
# Uploads of this run go to a throw-away directory (playwright.config.ts), not the developer's ./data.
rm -rf "${CONCORD_UPLOADS_DIR:?set by playwright.config.ts}" && mkdir -p "$CONCORD_UPLOADS_DIR"
exec npx tsx scripts/server.ts --migrate
