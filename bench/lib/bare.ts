import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startServer, type BenchServer } from "./server";

// The yardstick: bench/bare, a minimal Remix 2 app (classic compiler, root +
// one route) whose page renders constant data to a requested size. It is
// built at bench time in a scratch directory whose node_modules is the
// repository's own, so it runs exactly the @remix-run/*, react and express
// versions Concord runs (recorded in the results), and served like Concord
// (Express + compression + Remix's Express handler, NODE_ENV=production).
// Its build output is never committed.

export type BareServer = {
  origin: string;
  server: BenchServer;
  /** Installed versions it was built and served with. */
  versions: Record<string, string>;
  /** The path of the bare page closest to `bytes` of HTML, and its real size. */
  pageOfSize(bytes: number): Promise<{ path: string; bytes: number }>;
};

const REPO = path.resolve(".");
const PACKAGES = ["@remix-run/dev", "@remix-run/express", "@remix-run/node", "@remix-run/react", "@remix-run/router", "react", "react-dom", "express", "compression"];

export function installedVersions(root = REPO): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      out[name] = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      out[name] = "missing";
    }
  }
  return out;
}

/** Copies bench/bare into `scratch`, links the repository's node_modules and runs `remix build` there. */
export function buildBare(scratch: string, log: (line: string) => void): string {
  const dir = path.join(scratch, "bare");
  fs.cpSync(path.join(REPO, "bench", "bare"), dir, { recursive: true, filter: (src) => !/[\\/](build|node_modules|\.cache)$/.test(src) && !src.endsWith(path.join("public", "build")) });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  // Remix reads the server runtime from package.json's dependencies: the installed versions, pinned.
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, unknown>;
  const versions = installedVersions();
  manifest.dependencies = Object.fromEntries(PACKAGES.filter((n) => n !== "@remix-run/dev").map((n) => [n, versions[n]]));
  manifest.devDependencies = { "@remix-run/dev": versions["@remix-run/dev"] };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [path.join(REPO, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`building the bare Remix app failed:\n${result.stdout}\n${result.stderr}`);
  log(`bare Remix app built in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dir})`);
  return dir;
}

/**
 * The number of rows whose page is `target` bytes, from the sizes of two
 * probe pages (a page's size is linear in its rows).
 */
export function rowsForSize(target: number, probe: { rows: number; bytes: number }[]): number {
  const [a, b] = probe;
  if (!a || !b || b.rows === a.rows) throw new Error("two probes with different row counts are needed");
  const perRow = (b.bytes - a.bytes) / (b.rows - a.rows);
  const base = a.bytes - perRow * a.rows;
  return Math.max(0, Math.round((target - base) / perRow));
}

export async function startBare(opts: { scratch: string; port: number; log: (line: string) => void }): Promise<BareServer> {
  const dir = buildBare(opts.scratch, opts.log);
  const server = await startServer({ port: opts.port, env: {}, cwd: dir, script: "server.mjs", nodeArgs: [] });
  const origin = server.origin;
  const sizeOf = async (p: string) => {
    const res = await fetch(`${origin}${p}`, { headers: { "Accept-Encoding": "identity" } });
    if (res.status !== 200) throw new Error(`bare page ${p} answered ${res.status}`);
    return Buffer.byteLength(await res.text());
  };
  const probe = [
    { rows: 0, bytes: await sizeOf("/?rows=0") },
    { rows: 200, bytes: await sizeOf("/?rows=200") },
  ];
  const cache = new Map<number, { path: string; bytes: number }>();
  return {
    origin,
    server,
    versions: installedVersions(),
    async pageOfSize(bytes) {
      const rows = rowsForSize(bytes, probe);
      let page = cache.get(rows);
      if (!page) {
        const p = `/?rows=${rows}`;
        page = { path: p, bytes: await sizeOf(p) };
        cache.set(rows, page);
      }
      return page;
    },
  };
}
