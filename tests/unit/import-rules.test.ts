import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Which module may import which, read from the source (the TypeScript parser
// finds every import and re-export, type-only ones included: a type import
// still ties the two modules' code together, and it is how madge and
// dependency-cruiser count circles):
// - models never import report builders (app/reports): a report reads the
//   models, not the other way round; a piece both need lives in the model.
// - no import circle runs through app/utils and app/i18n: the English labels
//   are the English catalogue (app/i18n/messages/en), not utils modules the
//   catalogue imports back.

const APP = path.resolve("app");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The module specifiers a file imports or re-exports. */
function imports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      specs.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** The app file a specifier names, or null for a package. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(APP)) g.set(f, imports(f).map((s) => resolve(f, s)).filter((t): t is string => t !== null));
  return g;
}

/** Strongly connected components with more than one module (Tarjan): the import circles. */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.map((f) => path.relative(process.cwd(), f)).sort());
    }
  };
  for (const v of g.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const inDir = (dir: string) => (f: string) => f.startsWith(`app/${dir}/`);

describe("import rules", () => {
  const g = graph();

  it("reads the imports it checks (a known import is found)", () => {
    const donor = path.join(APP, "models/donor.server.ts");
    expect(g.get(donor)).toContain(path.join(APP, "utils/db.server.ts"));
  });

  it("models do not import report builders (app/reports)", () => {
    const offenders = [...g].flatMap(([f, targets]) =>
      f.startsWith(path.join(APP, "models") + path.sep)
        ? targets.filter((t) => t.startsWith(path.join(APP, "reports") + path.sep)).map((t) => `${path.relative(APP, f)} -> ${path.relative(APP, t)}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });

  it("no import circle runs through both app/utils and app/i18n", () => {
    const offending = circles(g).filter((c) => c.some(inDir("utils")) && c.some(inDir("i18n")));
    expect(offending).toEqual([]);
  });
});
