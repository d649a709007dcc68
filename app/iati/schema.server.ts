import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as XmllintWasm from "xmllint-wasm";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

// The IATI 2.03 XSDs, checked with xmllint-wasm (libxml2 compiled to
// WebAssembly: the same libxml2 the IATI Validator validates with through
// libxmljs2, and no native tool to install). xmllint-wasm is a run-time
// dependency because the admin readiness page runs this check. The schemas
// are copied into app/data/iati/schema (the app cannot count on ../shared at
// run time); xmllint-wasm does no file I/O, so the included and imported
// schemas are handed over as preloaded files under their own names.

export type IatiKind = "activities" | "organisations";

const xmllint = loadOnFirstUse<typeof XmllintWasm>("xmllint-wasm");

const MAIN: Record<IatiKind, string> = {
  activities: "iati-activities-schema.xsd",
  organisations: "iati-organisations-schema.xsd",
};

function schemaDir(): string {
  // Beside this module in development and tests (app/iati -> app/data/iati/schema);
  // from the working directory once bundled into build/.
  const candidates = [
    fileURLToPath(new URL("../data/iati/schema", import.meta.url)),
    path.resolve("app", "data", "iati", "schema"),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, MAIN.activities)));
  if (!found) throw new Error(`IATI schemas not found in ${candidates.join(" or ")}`);
  return found;
}

let files: Map<string, string> | undefined;

function schemaFile(name: string): string {
  files ??= new Map();
  let text = files.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(schemaDir(), name), "utf8");
    files.set(name, text);
  }
  return text;
}

export type SchemaError = { line: number | null; message: string };

/** XSD errors of one XML document against the 2.03 schema of its kind (empty when valid). */
export async function iatiSchemaErrors(xml: string, kind: IatiKind): Promise<SchemaError[]> {
  const result = await xmllint().validateXML({
    xml: [{ fileName: "iati.xml", contents: xml }],
    schema: [{ fileName: MAIN[kind], contents: schemaFile(MAIN[kind]) }],
    preload: ["iati-common.xsd", "xml.xsd"].map((fileName) => ({ fileName, contents: schemaFile(fileName) })),
    // A batch of activities is a few MB; the compiled schema needs more than the 32 MiB default.
    maxMemoryPages: 1024 * 16,
  });
  if (result.valid) return [];
  return result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message.trim() || e.rawMessage }));
}
