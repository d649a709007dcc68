import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// With the classic compiler a *.server.ts module is an empty object in the
// browser bundle. A page that renders a value imported from one works when
// the server renders it and crashes after a client-side navigation. These
// checks read the source: components never import values from .server
// modules, and a route's component never uses a value its file imports from one.

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function serverValueImports(source: string): string[] {
  const names: string[] = [];
  const re = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+\.server)["']/g;
  for (const m of source.matchAll(re)) {
    if (m[1]) continue; // import type { ... }
    for (const part of m[2].split(",")) {
      const name = part.trim();
      if (!name || name.startsWith("type ")) continue;
      names.push(name.split(/\s+as\s+/).pop()!.trim());
    }
  }
  return names;
}

describe("the .server boundary", () => {
  it("components import nothing but types from .server modules", () => {
    const offenders = files("app/components").flatMap((f) =>
      serverValueImports(fs.readFileSync(f, "utf8")).map((name) => `${f}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("route components render no value imported from a .server module", () => {
    const offenders: string[] = [];
    for (const f of files("app/routes")) {
      const source = fs.readFileSync(f, "utf8");
      const start = source.indexOf("export default function");
      if (start < 0) continue;
      const component = source.slice(start);
      for (const name of serverValueImports(source)) {
        if (new RegExp(`\\b${name}\\b`).test(component)) offenders.push(`${f}: ${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
