import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openApp, type BenchApp, type Persona } from "./app";
import { copyToEmbedded } from "./embedded";
import { createBenchDatabase, migrateBenchDatabase, redactUrl, type BenchDatabase } from "./database";
import { assertPortFree, ensureBuild, startServer, type BenchServer } from "./server";

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
};

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
  // Planner statistics for the new rows, as autovacuum would gather in time.
  await app.prisma.$executeRawUnsafe("ANALYZE");

  const personas = {
    staff: await app.signedIn("STAFF"),
    partnerBY: await app.signedIn("PARTNER", { countries: ["BY"] }),
    donorKWPF: await app.signedIn("DONOR", { organisationShortNames: ["KWPF"] }),
  };

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "concord-bench-"));
  onCleanUp(`scratch directory ${scratch}`, () => fs.rmSync(scratch, { recursive: true, force: true }));
  const uploadsDir = path.join(scratch, "uploads");
  fs.mkdirSync(uploadsDir);

  const server = await startServer({
    port: opts.port,
    env: { DATABASE_URL: db.url, CONCORD_DATA_DIR: path.join(scratch, "data"), CONCORD_UPLOADS_DIR: uploadsDir },
  });
  let stopServer = () => server.stop();
  onCleanUp("server", () => stopServer());
  log(`server pid ${server.pid} listening on ${server.origin} (PostgreSQL)`);

  const harness: Harness = {
    origin: server.origin,
    server,
    databaseKind: "postgres",
    db,
    app,
    uploadsDir,
    personas,
    seeded,
    log,
    async switchToEmbedded() {
      if (harness.databaseKind === "embedded") throw new Error("the server already runs on the embedded database");
      log(`stopping the PostgreSQL server: ${await harness.server.stop()}`);
      const dataDir = path.join(scratch, "embedded-data");
      const t0 = Date.now();
      const copied = await copyToEmbedded(db.url, dataDir, log);
      log(`copied in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const next = await startServer({
        port: opts.port,
        env: { CONCORD_DATA_DIR: dataDir, CONCORD_UPLOADS_DIR: uploadsDir },
        omitEnv: ["DATABASE_URL"],
      });
      stopServer = () => next.stop();
      harness.server = next;
      harness.origin = next.origin;
      harness.databaseKind = "embedded";
      log(`server pid ${next.pid} listening on ${next.origin} (embedded PGlite)`);
      return copied;
    },
  };
  return harness;
}
