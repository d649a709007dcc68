import pg from "pg";

// A throw-away PostgreSQL database per bench run, on the server named by
// BENCH_DATABASE_URL (or TEST_DATABASE_URL, or the local test cluster). The
// connection must be allowed to create databases; it is used only to create
// and drop concord_bench_<pid>, never to touch another database.

const DEFAULT_SERVER = "postgresql://concord_test:concord_test@127.0.0.1:5432/postgres";

export type BenchDatabase = {
  name: string;
  /** The bench database's own URL (what the server gets as DATABASE_URL). */
  url: string;
  /** "PostgreSQL 15.x on ..." as the server reports it. */
  serverVersion: string;
  drop(): Promise<void>;
};

export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_SERVER;
}

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A password-free form of a URL, for logs and the results file. */
export function redactUrl(value: string): string {
  const url = new URL(value);
  if (url.password) url.password = "***";
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl = benchServerUrl(), name = `concord_bench_${process.pid}`): Promise<BenchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const serverVersion = await withAdmin(serverUrl, async (c) => {
    // A database left by a crashed run with the same pid is ours to replace.
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
    return (await c.query<{ version: string }>("SELECT version()")).rows[0]!.version;
  });
  let dropped = false;
  return {
    name,
    url: databaseUrl(serverUrl, name),
    serverVersion,
    async drop() {
      if (dropped) return;
      // Autovacuum may hold a connection for a moment: retry, then give up loudly.
      for (let attempt = 1; ; attempt++) {
        try {
          await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
          dropped = true;
          return;
        } catch (error) {
          if (attempt >= 10) throw new Error(`could not drop ${name}: ${(error as Error).message}`);
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    },
  };
}

/** Applies prisma/migrations with the app's own runner (as tests/support does). */
export async function migrateBenchDatabase(url: string): Promise<string[]> {
  // Imported here, not at the top: the app's modules read DATABASE_URL once,
  // when first loaded, and the bench database exists only from now on.
  const { applyMigrations, withPostgresRunner } = await import("../../app/utils/migrate.server");
  const { applied } = await withPostgresRunner(url, (db) => applyMigrations(db));
  return applied;
}
