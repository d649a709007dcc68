import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../db/pglite-extensions.mjs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import fs from "node:fs";
import { PGliteChannel, RemotePGliteAdapter, type EmbeddedClient, type EmbeddedDatabaseStoppedError } from "../db/pglite-channel.server";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.server";
import { embeddedDatabaseDir, env } from "./env.server";

// One database per process, chosen here and nowhere else:
// - DATABASE_URL=postgresql://... -> that PostgreSQL server (node-postgres pool);
// - otherwise the embedded PGlite database under <CONCORD_DATA_DIR>/pglite.
//
// The state lives on globalThis because this module is loaded twice in one
// process: once by scripts/server.ts (through tsx) and once inside the Remix
// server bundle. Two PGlite instances on one directory would corrupt it.
//
// The embedded database runs in a worker thread of its own (app/db/pglite-
// worker.mjs) so that its queries, which PGlite runs as WebAssembly in the
// calling thread, do not stop this thread from rendering pages and answering
// other requests. CONCORD_PGLITE_THREAD=main runs it in this thread as before
// (for comparison in the bench). This thread holds the data directory's lock;
// the worker opens the directory only after the lock is taken. See
// docs/decisions/0022-embedded-database-worker-thread.md.

export type DatabaseKind = "embedded" | "postgres";

type Embedded = {
  /** Plain SQL on the embedded database (migrations, backups); Prisma goes through `adapter`. */
  pglite: EmbeddedClient;
  adapter: () => Promise<SqlDriverAdapter>;
  lock: DataDirLock | null;
  dir: string;
  /** "worker" or "main": where PGlite runs. */
  thread: "worker" | "main";
  /** The worker thread's channel (null in the main thread): for tests of the thread itself. */
  channel: PGliteChannel | null;
};

type State = {
  prisma?: PrismaClient;
  embedded?: Promise<Embedded>;
  closing?: Promise<void>;
  queryListeners?: Set<QueryListener>;
  onEmbeddedCrash?: (error: EmbeddedDatabaseStoppedError) => void;
};

/** One SQL statement Prisma sent to the database (Prisma's query event). */
export type QueryEvent = { query: string; params: string; duration: number };
export type QueryListener = (event: QueryEvent) => void;

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
    // Tests start each in-memory database from a migrated dump (tests/support).
    const template = inMemory ? process.env.CONCORD_PGLITE_TEMPLATE : undefined;
    try {
      if (process.env.CONCORD_PGLITE_THREAD === "main") {
        const pglite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS, ...(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {}) });
        await pglite.waitReady;
        return { pglite, adapter: () => new PrismaPGlite(pglite).connect(), lock, dir, thread: "main" as const, channel: null };
      }
      const channel: PGliteChannel = new PGliteChannel(dir, template, { onCrash: (error) => crashed(error, lock) });
      try {
        await channel.ready;
      } catch (error) {
        await channel.close().catch(() => undefined);
        throw error;
      }
      const adapter = new RemotePGliteAdapter(channel);
      return { pglite: channel.client(), adapter: async () => adapter, lock, dir, thread: "worker" as const, channel };
    } catch (error) {
      await lock?.release();
      throw error;
    }
  })();
  // A failed open must not be cached: the next call may try again.
  state.embedded.catch(() => (state.embedded = undefined));
  return state.embedded;
}

/**
 * The worker thread died (a WebAssembly abort in PGlite, out of memory): every
 * waiting and later query has already failed with `error`. The directory is
 * no longer open, so the lock goes; the process then stops loudly, with the
 * cause, rather than serving errors or hanging: a supervisor restarts it
 * and PGlite recovers the directory as after a power cut. Tests replace this
 * (setEmbeddedCrashHandler).
 */
function crashed(error: EmbeddedDatabaseStoppedError, lock: DataDirLock | null) {
  state.embedded = Promise.reject(error);
  state.embedded.catch(() => undefined);
  void (lock?.release() ?? Promise.resolve()).finally(() => (state.onEmbeddedCrash ?? defaultCrash)(error));
}

function defaultCrash(error: EmbeddedDatabaseStoppedError) {
  console.error(error);
  process.exit(70);
}

/** Tests only: what happens when the embedded database's worker thread dies. */
export function setEmbeddedCrashHandler(handler: ((error: EmbeddedDatabaseStoppedError) => void) | undefined) {
  state.onEmbeddedCrash = handler;
}

/** Opens the embedded database lazily, on Prisma's first query. */
class EmbeddedAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "pglite-prisma-adapter";
  async connect(): Promise<SqlDriverAdapter> {
    return (await getEmbedded()).adapter();
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
          max: env().CONCORD_POOL_SIZE,
          // A stopped server refuses connections at once (a 503, not a hung
          // request), so this only bounds how long a request queues for a
          // free pooled connection under load, which is not an outage. Idle
          // connections are dropped so a restarted server is picked up quickly.
          connectionTimeoutMillis: 15_000,
          idleTimeoutMillis: 30_000,
          // No JIT compiling of queries (ADR 0024): Concord's statements are
          // short, but the planner over-estimates some scoped counts past
          // jit_above_cost and PostgreSQL then spent seconds compiling for
          // milliseconds of work (the partner portal: 2-10 s per request on
          // the large portfolio). A connection string with its own `options`
          // parameter keeps it as given.
          ...(new URL(url).searchParams.has("options") ? {} : { options: "-c jit=off" }),
        },
        { onPoolError: warnPool, onConnectionError: warnPool },
      )
    : new EmbeddedAdapterFactory();
  // Every write is one interactive transaction; under load one may wait for
  // a connection longer than Prisma's 2 s default before it starts.
  const transactionOptions = { maxWait: 15_000, timeout: 30_000 };
  if (process.env.CONCORD_QUERY_EVENTS !== "1") return new PrismaClient({ adapter, transactionOptions });
  // Opt-in (tests that count queries, see tests/db/query-count.test.ts): with
  // the log option off, Prisma does not build query events at all, so a
  // production server pays nothing for this.
  const client = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  const listeners = (state.queryListeners ??= new Set());
  client.$on("query", (e) => {
    for (const listener of listeners) listener({ query: e.query, params: e.params, duration: e.duration });
  });
  return client;
}

/**
 * Calls `listener` with every SQL statement this process sends through
 * Prisma; returns the function that stops it. Only available when the process
 * started with CONCORD_QUERY_EVENTS=1 (read when the client is created), so
 * that a caller can never count queries that are silently not reported.
 */
export function onQuery(listener: QueryListener): () => void {
  if (!state.queryListeners) {
    throw new Error("onQuery() needs CONCORD_QUERY_EVENTS=1 in the environment before app/utils/db.server.ts is first loaded");
  }
  const listeners = state.queryListeners;
  listeners.add(listener);
  return () => void listeners.delete(listener);
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
