#!/usr/bin/env bash
# Runs the Prisma CLI the way it works offline on our machines:
# - CHECKPOINT_DISABLE=1 skips the update check (otherwise ~10 s wait per command);
# - DATABASE_URL must be set for the CLI to read the schema, or it tries to
#   download a native engine. The CLI itself runs on an in-memory PGlite
#   (prisma.config.ts), so any syntactically valid URL will do.
set -euo pipefail
export CHECKPOINT_DISABLE=1
export DATABASE_URL="${DATABASE_URL:-postgresql://prisma-cli@localhost/unused}"
exec "$(dirname "$0")/../node_modules/.bin/prisma" "$@"
