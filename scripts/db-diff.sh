#!/usr/bin/env bash
# Writes a new migration from the difference between the schema as of the
# last migration and prisma/schema.prisma. Usage: npm run db:diff -- <name>
# (`prisma migrate dev` needs a shadow database and a native engine; this does not.)
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run db:diff -- <migration_name>}"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "migration name: lower-case letters, digits and _ only" >&2; exit 2; }
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
prev="prisma/.schema-at-last-migration.prisma"
if [ -f "$prev" ]; then from=(--from-schema-datamodel "$prev"); else from=(--from-empty); fi
sql="$(bash scripts/prisma.sh migrate diff "${from[@]}" --to-schema-datamodel prisma/schema.prisma --script)"
if ! grep -qv '^--' <<<"$sql" || grep -q "This is an empty migration" <<<"$sql"; then
  echo "No schema changes since the last migration." >&2; exit 1
fi
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
cp prisma/schema.prisma "$prev"
echo "Wrote $dir/migration.sql; review it, then run: npm run db:migrate"
