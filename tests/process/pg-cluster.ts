import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A throw-away PostgreSQL cluster of the test's own (Debian's postgresql-15
// binaries), for tests that must stop and start the server. It never touches
// the shared cluster on 5432. initdb refuses to run as root, so as root the
// cluster belongs to the "postgres" system user and its commands run through
// runuser; as any other user they run directly.

const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const asRoot = process.getuid?.() === 0;

function run(cmd: string, args: string[]): string {
  const full = path.join(BIN, cmd);
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", full, ...args]] : [full, args];
  const result = spawnSync(file, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** A TCP port nobody listens on, from the range this suite may use. */
export async function freePort(from = 3840, to = 3899): Promise<number> {
  const start = from + Math.floor(Math.random() * (to - from + 1));
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((start - from + i) % (to - from + 1));
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export type Cluster = {
  url: (database?: string) => string;
  port: number;
  dir: string;
  start(): void;
  /** Like a crash or a power cut: no checkpoint, clients cut off at once. */
  stopImmediately(): void;
  destroy(): void;
};

export async function createCluster(port?: number): Promise<Cluster> {
  const chosen = port ?? (await freePort(3890, 3899));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "concord-pg-"));
  const dir = path.join(root, "data");
  const socketDir = path.join(root, "sock");
  fs.mkdirSync(dir);
  fs.mkdirSync(socketDir);
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    for (const p of [root, dir, socketDir]) fs.chownSync(p, uid, gid);
  }
  const log = path.join(root, "server.log");
  run("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
  const cluster: Cluster = {
    port: chosen,
    dir,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${chosen}/${database}`,
    start() {
      run("pg_ctl", [
        "-D", dir, "-l", log, "-w", "-t", "30",
        "-o", `-p ${chosen} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
        "start",
      ]);
    },
    stopImmediately() {
      run("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "-t", "30", "stop"]);
    },
    destroy() {
      try {
        run("pg_ctl", ["-D", dir, "-m", "immediate", "-w", "-t", "30", "stop"]);
      } catch {
        // not running
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    cluster.start();
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return cluster;
}
