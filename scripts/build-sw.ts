// Bundles the service worker (app/offline/sw/service-worker.ts) to public/sw.js,
// after `remix build` (`npm run build` runs both). public/sw.js is a build
// output, not committed. Its version (the name of its static cache) is a hash
// of the Remix build's manifest name and of the worker's own code, so a new
// build of either is a new worker that drops the previous build's files.
//
// esbuild is the one @remix-run/dev compiles the app with (the classic compiler).

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const TOKEN = "@@CONCORD_VERSION@@";
const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.join(root, "public", "build");

const manifest = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((f) => /^manifest-[A-Za-z0-9]+\.js$/.test(f)) : undefined;
if (!manifest) {
  console.error("build-sw: no public/build/manifest-*.js; run `remix build` first (npm run build does).");
  process.exit(1);
}

// Every file of the browser build: the worker keeps them all at install, so
// any kept page hydrates offline (its route module, the chunks "Keep for
// offline use" and the offline page load with import()), not only the pages
// whose files this browser happened to load online. About 2 MB, once per build.
const precache = listFiles(buildDir)
  .filter((file) => !file.endsWith(".map"))
  .map((file) => `/build/${path.relative(buildDir, file).split(path.sep).join("/")}`)
  .sort();

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const result = await build({
  entryPoints: [path.join(root, "app", "offline", "sw", "service-worker.ts")],
  bundle: true,
  format: "iife",
  target: "es2022",
  minify: true,
  write: false,
  define: {
    __CONCORD_VERSION__: JSON.stringify(TOKEN),
    __CONCORD_PRECACHE__: JSON.stringify(precache),
    __CONCORD_MANIFEST__: JSON.stringify(`/build/${manifest}`),
  },
  legalComments: "none",
});
const code = result.outputFiles[0]!.text;
const version = createHash("sha256").update(manifest).update(code).digest("hex").slice(0, 12);
const out = path.join(root, "public", "sw.js");
fs.writeFileSync(out, code.replaceAll(TOKEN, version));
console.log(`build-sw: public/sw.js (${version}, ${Buffer.byteLength(code)} bytes, ${precache.length} build files kept at install)`);
