import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openApp, type BenchApp, type Persona } from "./app";
import { startBare, type BareServer } from "./bare";
import { copyToEmbedded } from "./embedded";
import { createBenchDatabase, migrateBenchDatabase, redactUrl, type BenchDatabase } from "./database";
import { assertPortFree, cpuSecondsOf, processTree, ensureBuild, startServer, type BenchServer } from "./server";

// The shared set-up every scenario runs on: a fresh PostgreSQL database,
// migrated and seeded (the demo portfolio plus N synthetic programmes), the
// production build served on 127.0.0.1, and signed-in users of each kind.
// Everything it starts is registered for clean-up, which runs on success,
// on failure and on Ctrl-C alike (see `cleanUp`).

export type HarnessOptions = {
  port: number;
  syntheticProgrammes: number;
  build: boolean;
  log: (line: string) => void;
  /** Port of the bare Remix yardstick (default: port + 1). */
  barePort?: number;
};

/** What the Concord server under test runs on. */
export type ServerConfig = { database: "postgres" | "embedded"; processes: number };

export type Harness = {
  origin: string;
  server: BenchServer;
  /** Which database the running server uses. */
  databaseKind: "postgres" | "embedded";
  /**
   * Stops the server, copies the PostgreSQL bench database (every row,
   * sessions included) into an embedded database, and starts the server again
   * on that. `origin`, `server` and `databaseKind` change; personas stay valid.
   */
  switchToEmbedded(): Promise<Record<string, number>>;
  /**
   * Restarts Concord's server as asked: on PostgreSQL with one process
   * (scripts/server.ts) or several (`npm start`'s scripts/start.ts with
   * CONCORD_WORKERS), or on the embedded database (one process; the copy is
   * made once, on first use). Does nothing when it already runs so.
   */
  /** Switches the server to `config`; `fresh`: restarts it even when it already runs so (the exports' memory, measured apart). */
  useServer(config: ServerConfig, options?: { fresh?: boolean }): Promise<void>;
  serverConfig: ServerConfig;
  /** The bare Remix yardstick, built and started on first use, kept until clean-up. */
  bare(): Promise<BareServer>;
  /**
   * CPU seconds used so far by the bench's own helpers: Concord's server and
   * its workers, the bare server, and the bench database's PostgreSQL backends
   * (for telling the bench's load from other processes').
   */
  ownCpuSeconds(): Promise<number>;
  db: BenchDatabase;
  app: BenchApp;
  uploadsDir: string;
  personas: { staff: Persona; partnerBY: Persona; donorKWPF: Persona };
  seeded: Record<string, number>;
  log: (line: string) => void;
};

const cleanups: { label: string; run: () => Promise<unknown> | unknown }[] = [];
let cleaning: Promise<void> | undefined;

/** `run` may return a string that says how it went; it is logged. */
function onCleanUp(label: string, run: () => Promise<unknown> | unknown) {
  cleanups.push({ label, run });
}

/** Stops the server, closes connections and drops the database, newest first; safe to call twice. */
export function cleanUp(log: (line: string) => void = console.log): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { label, run } = cleanups.pop()!;
      try {
        const how = await run();
        log(`cleaned up: ${label}${typeof how === "string" ? `: ${how}` : ""}`);
      } catch (error) {
        log(`clean-up of ${label} failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const { log } = opts;
  await assertPortFree(opts.port);
  if (opts.build) ensureBuild(log);

  const db = await createBenchDatabase();
  onCleanUp(`database ${db.name}`, () => db.drop());
  log(`database ${redactUrl(db.url)} created`);
  // Before any app module loads: they read DATABASE_URL once, on first import.
  process.env.DATABASE_URL = db.url;
  const applied = await migrateBenchDatabase(db.url);
  log(`migrated (${applied.length} migrations)`);

  const app = await openApp(db.url);
  onCleanUp("bench's own database connections", () => app.close());
  const seeded: Record<string, number> = {};
  const add = (counts: Record<string, number>) => {
    for (const [k, v] of Object.entries(counts)) seeded[k] = (seeded[k] ?? 0) + v;
  };
  let t = Date.now();
  add(await app.seedDemo());
  log(`demo portfolio seeded (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (opts.syntheticProgrammes > 0) {
    t = Date.now();
    add(await app.seedSynthetic(opts.syntheticProgrammes));
    log(`${opts.syntheticProgrammes} synthetic programmes seeded (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  // What autovacuum would do in time, done now so that it does not run during
  // the measurements: planner statistics for the new rows, and the GIN indexes'
  // pending lists (the search vectors of 200,000 new rows) merged into the
  // indexes. A run on 2026-12-06 measured staff searches at 4x their usual time
  // while autovacuum worked on the just-seeded tables ("others" 1.4 cores).
  await app.prisma.$executeRawUnsafe("VACUUM (ANALYZE)");

  const personas = {
    staff: await app.signedIn("STAFF"),
    partnerBY: await app.signedIn("PARTNER", { countries: ["BY"] }),
    donorKWPF: await app.signedIn("DONOR", { organisationShortNames: ["KWPF"] }),
  };

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "concord-bench-"));
  onCleanUp(`scratch directory ${scratch}`, () => fs.rmSync(scratch, { recursive: true, force: true }));
  const uploadsDir = path.join(scratch, "uploads");
  fs.mkdirSync(uploadsDir);

  const pgEnv = { DATABASE_URL: db.url, CONCORD_DATA_DIR: path.join(scratch, "data"), CONCORD_UPLOADS_DIR: uploadsDir };
  const server = await startServer({ port: opts.port, env: pgEnv });
  let stopServer = () => server.stop();
  onCleanUp("server", () => stopServer());
  log(`server pid ${server.pid} listening on ${server.origin} (PostgreSQL)`);

  const embeddedDir = path.join(scratch, "embedded-data");
  let embeddedCopy: Record<string, number> | null = null;
  let bare: Promise<BareServer> | null = null;

  const harness: Harness = {
    origin: server.origin,
    server,
    databaseKind: "postgres",
    serverConfig: { database: "postgres", processes: 1 },
    db,
    app,
    uploadsDir,
    personas,
    seeded,
    log,
    async useServer(config, options = {}) {
      const now = harness.serverConfig;
      if (now.database === config.database && now.processes === config.processes && !options.fresh) return;
      if (config.database === "embedded" && config.processes !== 1) throw new Error("the embedded database serves one process only");
      log(`stopping the server (${now.database}, ${now.processes} process${now.processes === 1 ? "" : "es"}): ${await harness.server.stop()}`);
      if (config.database === "embedded" && !embeddedCopy) {
        const t0 = Date.now();
        embeddedCopy = await copyToEmbedded(db.url, embeddedDir, log);
        log(`copied in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
      const next =
        config.database === "embedded"
          ? await startServer({ port: opts.port, env: { CONCORD_DATA_DIR: embeddedDir, CONCORD_UPLOADS_DIR: uploadsDir }, omitEnv: ["DATABASE_URL"] })
          : config.processes === 1
            ? await startServer({ port: opts.port, env: pgEnv })
            : await startServer({ port: opts.port, env: { ...pgEnv, CONCORD_WORKERS: String(config.processes) }, script: "scripts/start.ts", processes: config.processes });
      stopServer = () => next.stop();
      harness.server = next;
      harness.origin = next.origin;
      harness.databaseKind = config.database;
      harness.serverConfig = { ...config };
      log(`server pid ${next.pid} listening on ${next.origin} (${config.database === "embedded" ? "embedded PGlite" : "PostgreSQL"}, ${config.processes} process${config.processes === 1 ? "" : "es"})`);
    },
    async switchToEmbedded() {
      if (harness.databaseKind === "embedded") throw new Error("the server already runs on the embedded database");
      await harness.useServer({ database: "embedded", processes: 1 });
      return embeddedCopy!;
    },
    bare() {
      bare ??= (async () => {
        const b = await startBare({ scratch, port: opts.barePort ?? opts.port + 1, log });
        onCleanUp("bare Remix server", () => b.server.stop());
        log(`bare Remix server pid ${b.server.pid} listening on ${b.origin}`);
        return b;
      })();
      return bare;
    },
    async ownCpuSeconds() {
      const pids = [...processTreeOf(harness.server), ...(bare ? processTreeOf(await bare.then((b) => b.server)) : [])];
      let backends: number[] = [];
      try {
        const rows = await app.prisma.$queryRawUnsafe<{ pid: number }[]>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        backends = rows.map((r) => Number(r.pid));
      } catch {
        // the database is gone (clean-up) or busy: count the servers alone
      }
      return cpuSecondsOf([...pids, ...backends]);
    },
  };
  return harness;
}

function processTreeOf(server: BenchServer): number[] {
  return processTree(server.pid);
}
