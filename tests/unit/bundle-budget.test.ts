import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

// The browser bundle, as `remix build` (classic compiler) wrote it to
// public/build. Two budgets (issue 6, point 4):
//
// 1. Each page's initial JavaScript, what the browser fetches before the page
//    is interactive: the client entry and the modules of every route the page
//    matches (root, any parent layouts, the route itself), each with the
//    chunks it imports statically, followed transitively through the built
//    files (the manifest lists only direct imports). At most 150 kB gzipped.
//    Lazily imported chunks (`import()`) are not counted: they load later.
// 2. Server-only libraries (report and PDF builders, mail, the database
//    drivers, password hashing) never reach the browser. Each is recognised
//    by strings of its own that any bundle of it would carry; every
//    signature is first checked against the library's source in
//    node_modules, so an upgrade that drops the string fails here instead of
//    silently turning the check into a no-op.
//
// tests/unit/server-boundary.test.ts guards the source side (no value from a
// .server module used in a component); this file guards what was built.

const BUILD = "public/build";
const BUDGET_BYTES = 150 * 1000;

type Route = { id: string; parentId?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports: string[] }; routes: Record<string, Route> };

function readManifest(): Manifest {
  const file = fs.existsSync(BUILD) ? fs.readdirSync(BUILD).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f)) : undefined;
  if (!file) throw new Error(`No ${BUILD}/manifest-*.js: run \`npm run build\` first (scripts/test.sh builds before the tests).`);
  const source = fs.readFileSync(path.join(BUILD, file), "utf8");
  const prefix = "window.__remixManifest=";
  if (!source.startsWith(prefix)) throw new Error(`${file} does not start with ${prefix}: the build format changed`);
  return JSON.parse(source.slice(prefix.length).replace(/;\s*$/, "")) as Manifest;
}

/** "/build/_shared/chunk-X.js" -> "public/build/_shared/chunk-X.js" */
function fileOf(url: string): string {
  if (!url.startsWith("/build/")) throw new Error(`unexpected asset URL ${url}`);
  return path.join(BUILD, url.slice("/build/".length));
}

const sources = new Map<string, string>();
function source(url: string): string {
  let text = sources.get(url);
  if (text === undefined) {
    text = fs.readFileSync(fileOf(url), "utf8");
    sources.set(url, text);
  }
  return text;
}

const gzipSizes = new Map<string, number>();
function gzipSize(url: string): number {
  let size = gzipSizes.get(url);
  if (size === undefined) {
    size = gzipSync(source(url), { level: 9 }).length;
    gzipSizes.set(url, size);
  }
  return size;
}

/** Static imports of a built module: `import{..}from"/build/..."` and bare `import"/build/..."` (not `import(...)`). */
function staticImports(url: string): string[] {
  const found: string[] = [];
  for (const m of source(url).matchAll(/(?:\bfrom\s*|\bimport\s*)"(\/build\/[^"]+\.js)"/g)) found.push(m[1]);
  return found;
}

/** The page's module graph: the given modules and everything they import statically. */
function closure(urls: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...urls];
  while (stack.length) {
    const url = stack.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    stack.push(...staticImports(url));
  }
  return seen;
}

function routeChain(manifest: Manifest, id: string): Route[] {
  const chain: Route[] = [];
  for (let route: Route | undefined = manifest.routes[id]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.unshift(route);
  }
  return chain;
}

type PageWeight = { route: string; bytes: number; chunks: { url: string; bytes: number }[] };

function initialJavaScript(manifest: Manifest, routeId: string): PageWeight {
  const start = [manifest.entry.module, ...manifest.entry.imports];
  for (const route of routeChain(manifest, routeId)) start.push(route.module, ...(route.imports ?? []));
  const chunks = [...closure(start)].map((url) => ({ url, bytes: gzipSize(url) })).sort((a, b) => b.bytes - a.bytes);
  return { route: routeId, bytes: chunks.reduce((sum, c) => sum + c.bytes, 0), chunks };
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

function allBuiltScripts(dir = BUILD): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allBuiltScripts(full) : e.name.endsWith(".js") ? [full] : [];
  });
}

// Libraries that must stay on the server. Each signature is a string literal
// (an error message, a constant), so minification keeps it; `proof` lists the
// files of the library that carry it: the entry points a bundler could pick
// (node, ESM, browser) or a module every one of them imports.
const SERVER_ONLY: { library: string; signatures: { text: string; proof: string[] }[] }[] = [
  {
    library: "pdfkit",
    signatures: [
      { text: "%PDF-", proof: ["pdfkit/js/pdfkit.js", "pdfkit/js/pdfkit.node.mjs", "pdfkit/js/pdfkit.browser.mjs"] },
      { text: "PDFKit", proof: ["pdfkit/js/pdfkit.js", "pdfkit/js/pdfkit.node.mjs", "pdfkit/js/pdfkit.browser.mjs"] },
    ],
  },
  {
    library: "exceljs",
    signatures: [
      { text: "schemas.openxmlformats.org/spreadsheetml/2006/main", proof: ["exceljs/dist/exceljs.min.js", "exceljs/lib/xlsx/xform/sheet/worksheet-xform.js"] },
    ],
  },
  {
    library: "xmlbuilder2",
    signatures: [
      { text: "Invalid writer format: ", proof: ["xmlbuilder2/lib/builder/XMLBuilderImpl.js", "xmlbuilder2/lib/xmlbuilder2.min.js"] },
    ],
  },
  {
    library: "csv-stringify",
    signatures: [
      {
        text: "CSV_OPTION_QUOTE_RECORD_DELIMITER_INVALID_TYPE",
        proof: ["csv-stringify/lib/api/normalize_options.js", "csv-stringify/dist/cjs/index.cjs", "csv-stringify/dist/cjs/sync.cjs", "csv-stringify/dist/esm/index.js"],
      },
    ],
  },
  {
    library: "nodemailer",
    signatures: [
      { text: "https://api.nodemailer.com", proof: ["nodemailer/dist/esm/nodemailer.js", "nodemailer/dist/cjs/nodemailer.js"] },
      { text: "Creating transport: %s", proof: ["nodemailer/dist/esm/mailer/index.js", "nodemailer/dist/cjs/mailer/index.js"] },
    ],
  },
  {
    library: "qrcode",
    signatures: [{ text: "The amount of data is too big to be stored in a QR Code", proof: ["qrcode/lib/core/qrcode.js"] }],
  },
  {
    library: "@prisma/client",
    signatures: [
      {
        // The browser stub (index-browser) and both runtimes name their error classes.
        text: "PrismaClientInitializationError",
        proof: [".prisma/client/index-browser.js", "@prisma/client/runtime/client.js", "@prisma/client/runtime/library.js"],
      },
    ],
  },
  {
    library: "pg",
    signatures: [{ text: "Client has already been connected. You cannot reuse a client.", proof: ["pg/lib/client.js"] }],
  },
  {
    library: "@node-rs/argon2",
    signatures: [{ text: "@node-rs/argon2-linux-x64-gnu", proof: ["@node-rs/argon2/index.js"] }],
  },
];

describe("the browser bundle", () => {
  it("exists (scripts/test.sh runs `npm run build` before the tests)", () => {
    const manifest = readManifest();
    expect(Object.keys(manifest.routes).length).toBeGreaterThan(10);
    expect(fs.existsSync(fileOf(manifest.entry.module))).toBe(true);
  });

  it(`gives every page at most ${kB(BUDGET_BYTES)} of initial JavaScript, gzipped`, () => {
    const manifest = readManifest();
    const pages = Object.keys(manifest.routes)
      .filter((id) => id !== "root")
      .map((id) => initialJavaScript(manifest, id));
    const over = pages
      .filter((p) => p.bytes > BUDGET_BYTES)
      .sort((a, b) => b.bytes - a.bytes)
      .map(
        (p) =>
          `${p.route}: ${kB(p.bytes)} gzipped in ${p.chunks.length} files; largest: ` +
          p.chunks
            .slice(0, 5)
            .map((c) => `${c.url} ${kB(c.bytes)}`)
            .join(", "),
      );
    expect(over.length, `pages over the ${kB(BUDGET_BYTES)} budget:\n${over.join("\n")}`).toBe(0);
    // The graph walk must have found the framework itself (React DOM is by far
    // the largest file): a page measured at a few kB means the walk is broken.
    const lightest = pages.reduce((a, b) => (a.bytes < b.bytes ? a : b));
    expect(lightest.bytes, `${lightest.route} measured ${kB(lightest.bytes)}`).toBeGreaterThan(50_000);
  });

  it("measures a page as its entry, route chain and transitive imports", () => {
    const manifest = readManifest();
    const id = "routes/activities._index";
    const page = initialJavaScript(manifest, id);
    const urls = new Set(page.chunks.map((c) => c.url));
    for (const url of [manifest.entry.module, manifest.routes.root.module, manifest.routes[id].module]) expect(urls).toContain(url);
    // Every static import of every counted file is counted too.
    for (const url of urls) for (const dep of staticImports(url)) expect(urls).toContain(dep);
  });

  it("each server-only library's signature occurs in that library's own source", () => {
    const missing: string[] = [];
    for (const { library, signatures } of SERVER_ONLY) {
      for (const { text, proof } of signatures) {
        for (const file of proof) {
          const full = path.join("node_modules", file);
          if (!fs.existsSync(full)) missing.push(`${library}: ${full} does not exist`);
          else if (!fs.readFileSync(full, "utf8").includes(text)) missing.push(`${library}: "${text}" does not occur in ${full}`);
        }
      }
    }
    expect(missing, "update the signatures in this file to the installed versions").toEqual([]);
  });

  it("contains no server-only library (reports, PDF, mail, database, password hashing)", () => {
    readManifest();
    const found: string[] = [];
    for (const file of allBuiltScripts()) {
      const text = fs.readFileSync(file, "utf8");
      for (const { library, signatures } of SERVER_ONLY) {
        for (const { text: signature } of signatures) if (text.includes(signature)) found.push(`${file}: ${library} ("${signature}")`);
      }
    }
    expect(found).toEqual([]);
  });
});
