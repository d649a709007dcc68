// The PostgreSQL extensions every embedded database is opened with. PGlite
// ships contrib extensions as separate bundles that must be passed to the
// constructor: a data directory whose indexes use pg_trgm (migration
// 20261209200001_search_trigrams, ADR 0040) cannot be queried without it.
// Plain JavaScript so that the worker thread (pglite-worker.mjs) loads it the
// same way under tsx, vitest and the built server. Every `new PGlite(...)` in
// the app, scripts, bench and tests passes these options.

import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

export const PGLITE_EXTENSIONS = { pg_trgm };
