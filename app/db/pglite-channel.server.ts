import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

// The server's side of the embedded database's worker thread
// (app/db/pglite-worker.mjs): one channel of numbered requests and replies,
// a Prisma driver adapter that forwards every query and transaction step over
// it, and the few plain calls migrations and backups make. See
// docs/decisions/0022-embedded-database-worker-thread.md.

/** The calls the rest of Concord makes on the embedded database besides Prisma's. */
export type EmbeddedClient = {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  dumpDataDir(compression?: "gzip" | "none" | "auto"): Promise<Blob>;
  close(): Promise<void>;
};

/** The worker thread stopped while the server still needed it. */
export class EmbeddedDatabaseStoppedError extends Error {
  readonly code = "EMBEDDED_DATABASE_STOPPED";
  constructor(reason: string) {
    super(`The embedded database's worker thread stopped: ${reason}. Concord must be restarted.`);
    this.name = "EmbeddedDatabaseStoppedError";
  }
}

type SerializedError =
  | { type: "driver"; cause: ConstructorParameters<typeof DriverAdapterError>[0]; message: string }
  | { type: "error"; name: string; message: string; stack?: string; fields: Record<string, string> };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };
type Ready = { ready: true } | { ready: false; error: SerializedError };

function rebuildError(error: SerializedError): Error {
  // Prisma and errors.server.ts read the SQLSTATE from the DriverAdapterError's
  // cause, as they do with the in-thread adapter.
  if (error.type === "driver") return new DriverAdapterError(error.cause);
  const rebuilt = Object.assign(new Error(error.message), error.fields);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = `${error.stack}\n    (in the embedded database's worker thread)`;
  return rebuilt;
}

function workerFile(): string {
  // Next to this module when it runs from source (tsx, vitest); from the
  // project directory when it runs inside the Remix server bundle (build/),
  // as prisma/migrations is found (app/utils/migrate.server.ts).
  const candidates = [fileURLToPath(new URL("./pglite-worker.mjs", import.meta.url)), path.resolve("app", "db", "pglite-worker.mjs")];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`The embedded database's worker (app/db/pglite-worker.mjs) is missing; looked in ${candidates.join(", ")}`);
  return found;
}

export type ChannelOptions = {
  /** Called once if the thread dies after opening the database; the channel has already failed every waiting and later call. */
  onCrash: (error: EmbeddedDatabaseStoppedError) => void;
};

export class PGliteChannel {
  #worker: Worker;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #stopped: EmbeddedDatabaseStoppedError | null = null;
  #closing = false;
  #opened = false;
  readonly ready: Promise<void>;

  constructor(dir: string, template: string | undefined, options: ChannelOptions) {
    this.#worker = new Worker(workerFile(), {
      workerData: { dir, template },
      // The worker loads plain JavaScript: no loader of the parent (tsx, vitest) is needed or wanted.
      execArgv: [],
      // A request's stack trace stays in this thread; the worker needs no stdin.
      stdin: false,
    });
    // Only calls in flight keep the process alive (see #call), as the
    // in-thread database never kept a finished script running.
    this.#worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      const onReady = (message: Ready | Reply) => {
        if (!("ready" in message)) return;
        this.#worker.off("message", onReady);
        if (message.ready) {
          this.#opened = true;
          resolve();
        }
        else reject(rebuildError(message.error));
      };
      this.#worker.on("message", onReady);
      this.#worker.once("exit", (code) => reject(new EmbeddedDatabaseStoppedError(`it exited with code ${code} while opening`)));
    });
    // Not every caller awaits ready at once; the failure still reaches getEmbedded().
    this.ready.catch(() => undefined);
    this.#worker.on("message", (message: Ready | Reply) => {
      if ("ready" in message) return;
      const waiting = this.#pending.get(message.id);
      if (!waiting) return;
      this.#pending.delete(message.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(rebuildError(message.error));
    });
    let lastError: Error | null = null;
    this.#worker.on("error", (error) => (lastError = error));
    this.#worker.on("exit", (code) => {
      if (this.#closing) return this.#fail(new EmbeddedDatabaseStoppedError("it was closed"));
      const stopped = new EmbeddedDatabaseStoppedError(lastError ? `${lastError.message} (exit code ${code})` : `it exited with code ${code}`);
      if (lastError?.stack) stopped.stack = `${stopped.stack}\nCaused by: ${lastError.stack}`;
      this.#fail(stopped);
      // A failure to open reaches getEmbedded()'s caller through `ready` instead.
      if (this.#opened) options.onCrash(stopped);
    });
  }

  #fail(error: EmbeddedDatabaseStoppedError) {
    this.#stopped ??= error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        this.#worker.postMessage({ id, op, ...args });
      } catch (error) {
        // A value the structured clone cannot carry (a function, a class the worker would not know).
        this.#pending.delete(id);
        if (this.#pending.size === 0) this.#worker.unref();
        reject(error as Error);
      }
    });
  }

  /** Closes the database in the worker, then ends the thread. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closing) return;
    try {
      // A thread that is already gone has nothing left to close.
      if (!this.#stopped) {
        await this.call("close").catch((error: unknown) => {
          if (!(error instanceof EmbeddedDatabaseStoppedError)) throw error;
        });
      }
    } finally {
      this.#closing = true;
      await this.#worker.terminate();
    }
  }

  /** The plain calls (migrations, backups) over this channel. */
  client(): EmbeddedClient {
    return {
      query: <R,>(sql: string, params?: unknown[]) => this.call<{ rows: R[]; affectedRows?: number }>("query", { sql, params }),
      exec: (sql: string) => this.call("exec", { sql }),
      dumpDataDir: async (compression?: "gzip" | "none" | "auto") =>
        new Blob([await this.call<Uint8Array<ArrayBuffer>>("dumpDataDir", { compression })], {
          type: compression === "none" ? "application/x-tar" : "application/x-gzip",
        }),
      close: () => this.close(),
    };
  }

  /** Tests only: makes the worker thread fail as a WebAssembly abort inside PGlite would. */
  crashForTest(message: string): void {
    this.#worker.postMessage({ id: 0, op: "crash", message });
  }
}

const ADAPTER_NAME = "pglite-prisma-adapter";

class RemoteQueryable {
  readonly provider = "postgres" as const;
  readonly adapterName = ADAPTER_NAME;
  constructor(
    protected readonly channel: PGliteChannel,
    protected readonly tx?: number,
  ) {}
  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.channel.call("queryRaw", { tx: this.tx, query });
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.channel.call("executeRaw", { tx: this.tx, query });
  }
}

class RemoteTransaction extends RemoteQueryable implements Transaction {
  constructor(
    channel: PGliteChannel,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(channel, tx);
  }
  commit(): Promise<void> {
    return this.channel.call("commit", { tx: this.tx });
  }
  rollback(): Promise<void> {
    return this.channel.call("rollback", { tx: this.tx });
  }
}

/** Prisma's driver adapter over the channel: what PrismaPGlite gives in-thread, one message per call. */
export class RemotePGliteAdapter extends RemoteQueryable implements SqlDriverAdapter {
  constructor(channel: PGliteChannel) {
    super(channel);
  }
  executeScript(script: string): Promise<void> {
    return this.channel.call("executeScript", { script });
  }
  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = await this.channel.call<{ tx: number; options: TransactionOptions }>("startTransaction", { isolationLevel });
    return new RemoteTransaction(this.channel, tx, options);
  }
  getConnectionInfo() {
    return { schemaName: undefined, supportsRelationJoins: true };
  }
  async dispose(): Promise<void> {}
}
