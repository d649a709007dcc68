import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML, type XMLValidationResult } from "xmllint-wasm";

// Validates an XML string against the IATI 2.03 activity schema with
// xmllint-wasm (libxml2 in WebAssembly, no native tool needed). The schema is
// reference data kept beside the repository: ../shared/iati/2.03 (CI clones
// the repository with shared/ next to it). The main schema includes
// iati-common.xsd and imports xml.xsd; xmllint-wasm does no file I/O of its
// own, so both are handed over as preloaded files under their own names.

export const IATI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/iati/2.03");
export const IATI_SCHEMA_DIR = path.join(IATI_DIR, "schema");
export const IATI_CODELIST_DIR = path.join(IATI_DIR, "codelists");

let schemaFiles: { main: string; preload: { fileName: string; contents: string }[] } | undefined;

function loadSchema() {
  if (schemaFiles) return schemaFiles;
  const read = (name: string) => fs.readFileSync(path.join(IATI_SCHEMA_DIR, name), "utf8");
  schemaFiles = {
    main: read("iati-activities-schema.xsd"),
    preload: ["iati-common.xsd", "xml.xsd"].map((fileName) => ({ fileName, contents: read(fileName) })),
  };
  return schemaFiles;
}

export async function validateIatiXml(xml: string): Promise<XMLValidationResult> {
  const { main, preload } = loadSchema();
  return validateXML({
    xml: [{ fileName: "export.xml", contents: xml }],
    schema: [{ fileName: "iati-activities-schema.xsd", contents: main }],
    preload,
    // Large exports (the demo portfolio, synthetic programmes) need more than the default 32 MiB.
    maxMemoryPages: 1024 * 16,
  });
}

/** The validation errors as readable lines (empty when the file is valid). */
export async function iatiSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateIatiXml(xml);
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
