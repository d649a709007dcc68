// `npm start`: Concord's server as an operator runs it.
//   tsx scripts/start.ts [--migrate] [--seed-if-empty]
// On PostgreSQL with more than one worker (CONCORD_WORKERS, default one per
// core) this process is a node:cluster primary: it applies migrations once,
// then forks that many scripts/server.ts workers, which share the port (the
// primary hands out connections in turn). Each worker is stateless: sessions,
// throttling, double-submit keys and files are in the database (or shared
// storage), so any worker can answer any request.
// - A worker that dies is replaced (a worker that fails before it ever
//   listened means a bad configuration: everything stops instead of looping).
// - SIGTERM/SIGINT is passed to every worker, each finishes its requests
//   (scripts/server.ts), and the primary exits once they all have.
// On the embedded database (one process only) or with CONCORD_WORKERS=1 it
// simply runs scripts/server.ts in this process, as before.
import cluster, { type Worker } from "node:cluster";
import { parseArgs } from "node:util";
import { closeDatabase, prisma } from "../app/utils/db.server";
import { ConfigurationError, env, publicOrigin, requireServerSettings, workerCount } from "../app/utils/env.server";
import { migrateDatabase } from "../app/utils/migrate.server";
import { seedCountries } from "../prisma/seed/countries";

const { values: flags } = parseArgs({
  options: { migrate: { type: "boolean" }, "seed-if-empty": { type: "boolean" } },
});

// Workers stop within 9 s (scripts/server.ts); this is the primary's own limit.
const SHUTDOWN_HARD_LIMIT_MS = 10_000;
/** A worker that keeps dying this soon after it started is not restarted again and again without a pause. */
const RESTART_PAUSE_MS = 1_000;

async function runCluster(count: number) {
  if (flags.migrate) {
    // Once, here: workers racing to migrate the same database would collide.
    const { applied } = await migrateDatabase();
    if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
    await seedCountries(prisma);
  }
  await closeDatabase();

  // The workers run scripts/server.ts under the same loader (tsx) as this process.
  cluster.setupPrimary({ exec: new URL("./server.ts", import.meta.url).pathname, args: [], execArgv: process.execArgv });

  let stopping = false;
  let exitCode = 0;
  const running = () => Object.keys(cluster.workers ?? {}).length;
  const listened = new WeakSet<Worker>();
  const fork = (args: string[] = []) => {
    cluster.setupPrimary({ args });
    const worker = cluster.fork();
    worker.once("listening", () => listened.add(worker));
    return worker;
  };
  // The demo portfolio is loaded by one worker only.
  fork(flags["seed-if-empty"] ? ["--seed-if-empty"] : []);
  for (let i = 1; i < count; i++) fork();
  console.log(`Concord: ${count} server processes on PostgreSQL (CONCORD_WORKERS=${count}); primary pid ${process.pid}`);

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (running() === 0) {
        console.log("All server processes stopped.");
        process.exit(exitCode);
      }
      return;
    }
    if (!listened.has(worker)) {
      // Configuration errors, a port in use, an unreachable database at start: the same for every worker.
      console.error(`Concord cannot start: a server process exited (${signal ?? `code ${code}`}) before it listened.`);
      stop("SIGTERM", code || 1);
      return;
    }
    console.error(`Server process ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another.`);
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_PAUSE_MS);
  });

  const stop = (signal: NodeJS.Signals, code = 0) => {
    exitCode ||= code;
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping ${running()} server processes`);
    const hardStop = setTimeout(() => {
      console.error("Server processes took too long to stop; exiting.");
      process.exit(1);
    }, SHUTDOWN_HARD_LIMIT_MS);
    hardStop.unref();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // The "exit" handler above ends this process once the last worker is gone.
    if (running() === 0) process.exit(exitCode);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function main() {
  env();
  requireServerSettings();
  publicOrigin();
  const count = workerCount();
  if (count <= 1) {
    // One process: scripts/server.ts itself, reading the same flags.
    await import("./server");
    return;
  }
  await runCluster(count);
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigurationError) console.error(`Concord cannot start: ${error.message}`);
  else console.error(error);
  await closeDatabase();
  process.exit(1);
});
