import fs from "node:fs";
import path from "node:path";

// Reads app/routes the way Remix 2's flat-routes convention does, so the
// authorization matrix can tell which routes exist, what URL each answers,
// and what each route module handles (loader, action, intents, CSV export).
// tests/unit/authz-routes.test.ts checks this parser against Remix's own
// route manifest (`remix routes --json`).

const ROUTE_EXTENSIONS = [".tsx", ".ts", ".jsx", ".js", ".mdx", ".md"];

/** A route module found under app/routes. */
export type RouteFile = {
  /** Path relative to app/routes, e.g. "programmes.$code._index.tsx" or "admin/route.tsx". */
  file: string;
  /** The Remix route id, e.g. "routes/programmes.$code._index". */
  id: string;
  /** The route's name (file name without extension, or folder name). */
  name: string;
  /** The URL pattern, e.g. "/programmes/:code", "/reports/iati.xml". */
  pattern: string;
  source: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** No default export: a resource route (downloads, health checks). */
  resource: boolean;
  /** The `intent` values the action branches on. */
  intents: string[];
  /** The loader answers ?format=csv with a file. */
  csv: boolean;
  /** The loader answers ?format=xlsx with a workbook (every staff list does). */
  xlsx: boolean;
};

/** Splits a flat-route name on the dots that are not inside [escapes]. */
export function splitRouteSegments(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  let inEscape = false;
  for (const ch of name) {
    if (inEscape) {
      current += ch;
      if (ch === "]") inEscape = false;
    } else if (ch === "[") {
      current += ch;
      inEscape = true;
    } else if (ch === ".") {
      segments.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments;
}

/** Removes [escapes] from a segment: "iati[.]xml" -> "iati.xml". */
function unescapeSegment(raw: string): string {
  return raw.replace(/\[([^\]]*)\]/g, "$1");
}

/** The part of a segment outside [escapes], to look for special characters. */
function unescapedPart(raw: string): string {
  return raw.replace(/\[[^\]]*\]/g, (m) => "x".repeat(m.length));
}

/**
 * One flat-route name -> its URL pattern, following Remix 2's rules:
 * "." separates segments, "$x" is a parameter ":x", a lone "$" is a splat "*",
 * "_index" is an index route, a leading "_" makes a pathless layout, a
 * trailing "_" opts out of nesting without changing the URL, "(x)" is
 * optional, and "[...]" escapes special characters.
 */
export function urlPatternFromRouteName(name: string): string {
  const parts: string[] = [];
  for (const raw of splitRouteSegments(name)) {
    const plain = unescapedPart(raw);
    if (raw === "_index") continue;
    if (plain.startsWith("_")) continue; // pathless layout segment
    let segment = raw;
    let plainSegment = plain;
    if (plainSegment.endsWith("_")) {
      segment = segment.slice(0, -1);
      plainSegment = plainSegment.slice(0, -1);
    }
    let optional = false;
    if (plainSegment.startsWith("(") && plainSegment.endsWith(")")) {
      optional = true;
      segment = segment.slice(1, -1);
      plainSegment = plainSegment.slice(1, -1);
    }
    let out: string;
    if (plainSegment === "$") out = "*";
    else if (plainSegment.startsWith("$")) out = `:${unescapeSegment(segment.slice(1))}`;
    else out = unescapeSegment(segment);
    parts.push(optional ? `${out}?` : out);
  }
  return `/${parts.join("/")}`;
}

/** The route modules under a routes directory (flat files, and folders holding a route.* file). */
export function listRouteModules(routesDir: string): { file: string; name: string }[] {
  if (!fs.existsSync(routesDir)) return [];
  const found: { file: string; name: string }[] = [];
  for (const entry of fs.readdirSync(routesDir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      for (const ext of ROUTE_EXTENSIONS) {
        const candidate = path.join(routesDir, entry.name, `route${ext}`);
        if (fs.existsSync(candidate)) {
          found.push({ file: `${entry.name}/route${ext}`, name: entry.name });
          break;
        }
      }
      continue;
    }
    const ext = ROUTE_EXTENSIONS.find((e) => entry.name.endsWith(e));
    if (!ext) continue;
    found.push({ file: entry.name, name: entry.name.slice(0, -ext.length) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const EXPORTS = (what: "loader" | "action") =>
  new RegExp(`export\\s+(async\\s+)?function\\s+${what}\\b|export\\s+(const|let)\\s+${what}\\b|export\\s*\\{[^}]*\\b${what}\\b[^}]*\\}`);

/** The `intent` values an action handles, read from its source. */
export function intentsFromSource(source: string): string[] {
  const intents = new Set<string>();
  for (const m of source.matchAll(/\bintent\s*[!=]==?\s*["']([\w-]+)["']/g)) intents.add(m[1]);
  for (const m of source.matchAll(/["']([\w-]+)["']\s*[!=]==?\s*intent\b/g)) intents.add(m[1]);
  if (/switch\s*\(\s*(\w+\.)?intent\s*\)/.test(source)) {
    const body = source.slice(source.search(/switch\s*\(\s*(\w+\.)?intent\s*\)/));
    const block = body.slice(0, body.indexOf("\n  }") > 0 ? body.indexOf("\n  }") : undefined);
    for (const m of block.matchAll(/case\s+["']([\w-]+)["']\s*:/g)) intents.add(m[1]);
  }
  // The shared lifecycle helper handles archive, restore and delete.
  if (/\blifecycleAction\s*\(/.test(source)) for (const i of ["archive", "restore", "delete"]) intents.add(i);
  return [...intents].sort();
}

export function describeRouteModule(routesDir: string, module: { file: string; name: string }): RouteFile {
  const source = fs.readFileSync(path.join(routesDir, module.file), "utf8");
  return {
    file: module.file,
    name: module.name,
    id: `routes/${module.name}`,
    pattern: urlPatternFromRouteName(module.name),
    source,
    hasLoader: EXPORTS("loader").test(source),
    hasAction: EXPORTS("action").test(source),
    resource: !/export\s+default\b/.test(source),
    intents: EXPORTS("action").test(source) ? intentsFromSource(source) : [],
    // Directly, or through the shared list loader (app/utils/list-loader.server.ts).
    csv: /format["']?\s*\)?\s*===\s*["']csv["']/.test(source) || /\b\w*ListLoader\s*\(/.test(source),
    xlsx: /\bstaffListLoader\s*\(/.test(source),
  };
}

/** Every route module of the app, described. */
export function readRoutes(routesDir = path.resolve("app/routes")): RouteFile[] {
  return listRouteModules(routesDir).map((m) => describeRouteModule(routesDir, m));
}

/** Fills a pattern's parameters: "/programmes/:code" + { code: "P1" } -> "/programmes/P1". */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)\??/g, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`No value for :${key} in ${pattern}`);
    return encodeURIComponent(value);
  });
}
