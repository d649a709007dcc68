#!/usr/bin/env bash
# Sourced by scripts/test.sh: makes sure a PostgreSQL server is running for the
# tests and exports TEST_DATABASE_URL (a role that may create databases).
# A TEST_DATABASE_URL given by the caller is used as it is.
if [ -n "${TEST_DATABASE_URL:-}" ]; then return 0; fi
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (scripts/system-deps.sh installs it)." >&2
  return 1
fi
cluster=$(pg_lsclusters --no-header | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r ver name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start
fi
as_postgres() { if [ "$(id -u)" = "0" ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
exists=$(as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='concord_test'\"")
if [ "$exists" != "1" ]; then
  as_postgres "psql -p $port -qc \"CREATE ROLE concord_test LOGIN CREATEDB PASSWORD 'concord_test'\""
fi
# DROP DATABASE … WITH (FORCE) ends the sessions still open on a test database;
# an autovacuum worker's session belongs to no role, so ending it needs
# pg_signal_backend (without it the drop fails while autovacuum runs there).
as_postgres "psql -p $port -qc \"GRANT pg_signal_backend TO concord_test\"" >/dev/null 2>&1 || true
export TEST_DATABASE_URL="postgresql://concord_test:concord_test@127.0.0.1:${port}/postgres"
