// The embedded database's own thread (node:worker_threads), started by
// app/db/pglite-channel.server.ts. PGlite runs PostgreSQL as WebAssembly in
// the calling thread: here, a long query blocks only this thread, and the
// server's thread keeps rendering and accepting requests meanwhile.
//
// Prisma's side of the adapter runs here too: pglite-prisma-adapter turns
// PGlite results into Prisma's result sets (column types, and PGlite's text
// values parsed exactly as in-thread), so the main thread receives plain data
// (arrays of strings, numbers, booleans, nulls) that the structured clone of
// postMessage carries unchanged. PostgreSQL errors travel as the adapter's
// DriverAdapterError payload and are rebuilt on the other side.
//
// Plain JavaScript on purpose: a worker is started from a file path, and this
// file must load the same way under tsx, vitest and the built server.
//
// Messages in:  { id, op, ...arguments }
// Messages out: { id, ok: true, value } | { id, ok: false, error }
//               { ready: true } once the database is open, or { ready: false, error }.

import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.mjs";
import { PrismaPGlite } from "pglite-prisma-adapter";
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const port = parentPort;
if (!port) throw new Error("pglite-worker.mjs runs only as a worker thread");

/** @param {unknown} error */
function serializeError(error) {
  if (error instanceof Error && error.name === "DriverAdapterError") {
    // @ts-ignore: the adapter's payload, { kind, code, severity, message, detail, ... }
    return { type: "driver", cause: error.cause, message: error.message };
  }
  if (error instanceof Error) {
    /** @type {Record<string, unknown>} */
    const fields = {};
    // PGlite's DatabaseError (for the plain query/exec calls) carries the SQLSTATE and its details.
    for (const key of ["code", "severity", "detail", "hint", "position", "schema", "table", "column", "constraint"]) {
      // @ts-ignore
      if (typeof error[key] === "string") fields[key] = error[key];
    }
    return { type: "error", name: error.name, message: error.message, stack: error.stack, fields };
  }
  return { type: "error", name: "Error", message: String(error), fields: {} };
}

let pglite;
let adapter;
try {
  const { dir, template } = workerData;
  // Tests start each in-memory database from a migrated dump (tests/support).
  pglite = new PGlite(dir, { extensions: PGLITE_EXTENSIONS, ...(template ? { loadDataDir: new Blob([fs.readFileSync(template)]) } : {}) });
  await pglite.waitReady;
  adapter = await new PrismaPGlite(pglite).connect();
} catch (error) {
  port.postMessage({ ready: false, error: serializeError(error) });
  // Let the message go out before the thread ends.
  port.close();
  throw error;
}

/** Open interactive transactions by id: Prisma's BEGIN ... COMMIT/ROLLBACK on PGlite's one connection. */
const transactions = new Map();
let nextTransaction = 1;

/** @param {number | undefined} tx */
function queryable(tx) {
  if (tx === undefined) return adapter;
  const transaction = transactions.get(tx);
  if (!transaction) throw new Error(`No open transaction ${tx} in the embedded database`);
  return transaction;
}

const ops = {
  // Prisma's driver adapter calls.
  queryRaw: ({ tx, query }) => queryable(tx).queryRaw(query),
  executeRaw: ({ tx, query }) => queryable(tx).executeRaw(query),
  executeScript: ({ script }) => adapter.executeScript(script),
  startTransaction: async ({ isolationLevel }) => {
    const transaction = await adapter.startTransaction(isolationLevel);
    const tx = nextTransaction++;
    transactions.set(tx, transaction);
    return { tx, options: transaction.options };
  },
  commit: async ({ tx }) => {
    const transaction = queryable(tx);
    transactions.delete(tx);
    await transaction.commit();
  },
  rollback: async ({ tx }) => {
    const transaction = queryable(tx);
    transactions.delete(tx);
    await transaction.rollback();
  },
  // Plain PGlite calls, for migrations and backups (app/utils/migrate.server.ts, scripts/backup.ts).
  query: async ({ sql, params }) => {
    const { rows, fields, affectedRows } = await pglite.query(sql, params);
    return { rows, fields, affectedRows };
  },
  exec: async ({ sql }) => {
    const results = await pglite.exec(sql);
    return results.map(({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows }));
  },
  dumpDataDir: async ({ compression }) => {
    const blob = await pglite.dumpDataDir(compression);
    return new Uint8Array(await blob.arrayBuffer());
  },
  close: async () => {
    await pglite.close();
  },
};

port.on("message", (message) => {
  // Tests only (tests/db/pglite-worker-crash.test.ts): the thread dies at once, as after a
  // WebAssembly abort inside PGlite; messages already sent are never answered.
  if (message.op === "crash") throw new Error(message.message);
  void handle(message);
});

async function handle(message) {
  const { id, op } = message;
  try {
    const run = ops[op];
    if (!run) throw new Error(`Unknown embedded database operation ${op}`);
    const value = await run(message);
    // A dump is moved, not copied.
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    port.postMessage({ id, ok: true, value }, transfer);
  } catch (error) {
    port.postMessage({ id, ok: false, error: serializeError(error) });
  }
}

port.postMessage({ ready: true });
