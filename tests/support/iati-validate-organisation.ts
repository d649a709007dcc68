import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { IATI_SCHEMA_DIR } from "./iati-validate";

// Validates an IATI 2.03 organisation file (iati-organisations) against
// iati-organisations-schema.xsd, as iati-validate.ts does for activity files.

let schema: { main: string; preload: { fileName: string; contents: string }[] } | undefined;

function loadSchema() {
  const read = (name: string) => fs.readFileSync(path.join(IATI_SCHEMA_DIR, name), "utf8");
  return (schema ??= {
    main: read("iati-organisations-schema.xsd"),
    preload: ["iati-common.xsd", "xml.xsd"].map((fileName) => ({ fileName, contents: read(fileName) })),
  });
}

/** The validation errors as readable lines (empty when the file is valid). */
export async function iatiOrganisationSchemaErrors(xml: string): Promise<string[]> {
  const { main, preload } = loadSchema();
  const result = await validateXML({
    xml: [{ fileName: "organisation.xml", contents: xml }],
    schema: [{ fileName: "iati-organisations-schema.xsd", contents: main }],
    preload,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
