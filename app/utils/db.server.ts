import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import fs from "node:fs";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.server";
import { embeddedDatabaseDir, env } from "./env.server";

// One database per process, chosen here and nowhere else:
// - DATABASE_URL=postgresql://... -> that PostgreSQL server (node-postgres pool);
// - otherwise the embedded PGlite database under <CONCORD_DATA_DIR>/pglite.
//
// The state lives on globalThis because this module is loaded twice in one
// process: once by scripts/server.ts (through tsx) and once inside the Remix
// server bundle. Two PGlite instances on one directory would corrupt it.

export type DatabaseKind = "embedded" | "postgres";

type Embedded = { pglite: PGlite; lock: DataDirLock | null; dir: string };

type State = {
  prisma?: PrismaClient;
  embedded?: Promise<Embedded>;
  closing?: Promise<void>;
};

declare global {
  // eslint-disable-next-line no-var
  var __concordDb: State | undefined;
}

const state: State = (globalThis.__concordDb ??= {});

export function databaseKind(): DatabaseKind {
  return env().DATABASE_URL ? "postgres" : "embedded";
}

/**
 * The embedded database, opened once per process after taking the data
 * directory's lock. Throws DataDirLockedError if another process has it.
 */
export function getEmbedded(): Promise<Embedded> {
  if (databaseKind() !== "embedded") throw new Error("getEmbedded() called while DATABASE_URL is set");
  state.embedded ??= (async () => {
    const dir = embeddedDatabaseDir();
    const inMemory = dir.startsWith("memory://");
    let lock: DataDirLock | null = null;
    if (!inMemory) {
      fs.mkdirSync(dir, { recursive: true });
      lock = await lockDataDir(dir);
    }
    try {
      // Tests start each in-memory database from a migrated dump (tests/support).
      const template = inMemory ? process.env.CONCORD_PGLITE_TEMPLATE : undefined;
      const pglite = new PGlite(dir, template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {});
      await pglite.waitReady;
      return { pglite, lock, dir };
    } catch (error) {
      await lock?.release();
      throw error;
    }
  })();
  // A failed open must not be cached: the next call may try again.
  state.embedded.catch(() => (state.embedded = undefined));
  return state.embedded;
}

/** Opens the embedded database lazily, on Prisma's first query. */
class EmbeddedAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "pglite-prisma-adapter";
  async connect(): Promise<SqlDriverAdapter> {
    const { pglite } = await getEmbedded();
    return new PrismaPGlite(pglite).connect();
  }
}

let lastPoolWarning = 0;
function warnPool(error: Error) {
  // An idle pooled connection died (the server restarted or went away). The
  // adapter's listener keeps the 'error' event from crashing the process; the
  // pool drops that client and opens new ones when the server is back, so
  // this is only worth a line in the log now and then.
  const now = Date.now();
  if (now - lastPoolWarning < 10_000) return;
  lastPoolWarning = now;
  console.warn(`PostgreSQL connection lost (${error.message}); reconnecting on the next request.`);
}

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  const adapter = url
    ? new PrismaPg(
        {
          connectionString: url,
          max: 10,
          // A stopped server refuses connections at once (a 503, not a hung
          // request), so this only bounds how long a request queues for a
          // free pooled connection under load, which is not an outage. Idle
          // connections are dropped so a restarted server is picked up quickly.
          connectionTimeoutMillis: 15_000,
          idleTimeoutMillis: 30_000,
        },
        { onPoolError: warnPool, onConnectionError: warnPool },
      )
    : new EmbeddedAdapterFactory();
  // Every write is one interactive transaction; under load one may wait for
  // a connection longer than Prisma's 2 s default before it starts.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

export const prisma: PrismaClient = (state.prisma ??= createClient());

/** Closes Prisma and the embedded database and releases its lock. Safe to call twice. */
export function closeDatabase(): Promise<void> {
  state.closing ??= (async () => {
    await state.prisma?.$disconnect().catch(() => undefined);
    if (state.embedded) {
      const embedded = await state.embedded.catch(() => null);
      if (embedded) {
        await embedded.pglite.close().catch(() => undefined);
        await embedded.lock?.release();
      }
    }
  })();
  return state.closing;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
