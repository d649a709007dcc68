import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

// PGlite has no lock of its own: two processes on one data directory both
// "work" and silently lose each other's writes. We hold a Linux abstract-
// namespace Unix socket named after the directory for as long as the
// database is open. Binding is atomic and the kernel releases the name when
// the process dies, even on SIGKILL, so there is no stale lock file to clean
// up and no race between two starting processes. See
// docs/decisions/0003-embedded-database-lock.md.

export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly holder: string | null,
  ) {
    super(
      `The embedded database in ${dir} is already open in another Concord process` +
        (holder ? ` (${holder})` : "") +
        ". Only one process may use it at a time: stop the other process first, " +
        "or set DATABASE_URL to use a PostgreSQL server, which many processes can share.",
    );
    this.name = "DataDirLockedError";
  }
}

export type DataDirLock = { release(): Promise<void> };

function socketName(dir: string): string {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    real = path.resolve(dir);
  }
  const digest = createHash("sha256").update(real).digest("hex").slice(0, 32);
  return `\0concord-pglite-${digest}`;
}

/** Asks the holder who it is (it answers with its pid and command). */
function askHolder(name: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(name);
    let text = "";
    const done = (value: string | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(null));
    socket.on("data", (chunk) => (text += chunk.toString("utf8")));
    socket.on("end", () => done(text.trim() || null));
    socket.on("error", () => done(null));
  });
}

export async function lockDataDir(dir: string): Promise<DataDirLock> {
  if (process.platform !== "linux") {
    throw new Error("The embedded database lock needs Linux (abstract Unix sockets); use DATABASE_URL elsewhere.");
  }
  const name = socketName(dir);
  const server = net.createServer((socket) => {
    socket.end(`pid ${process.pid}: ${process.argv.slice(1).map((a) => path.basename(a)).join(" ")}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", async (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new DataDirLockedError(dir, await askHolder(name)));
      else reject(error);
    });
    server.listen(name, () => resolve());
  });
  // The lock must not keep an otherwise finished process alive.
  server.unref();
  return {
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
