import { checkCodelists } from "./codelists.server";
import { checkRuleset, DEFAULT_ID_SETS, type IatiFinding } from "./rules/ruleset.server";
import type { IdSets } from "./rules/rule-types.server";
import { IatiXmlParseError, parseXml, selectString } from "./rules/xpath.server";
import { iatiSchemaErrors, type IatiKind } from "./schema.server";

// The quality gate of an IATI file: the 2.03 XSD, the IATI Validator ruleset
// and the codelists — the three checks of validator.iatistandard.org.
//
// Like the validator (js-validator-api validateIATI / splitXMLTransform), the
// file is cut into its iati-activity (iati-organisation) records and each is
// parsed on its own inside a copy of the root element, so memory follows the
// largest record, not the file (a portfolio file is tens of MB). The XSD runs
// on batches of records (one xmllint-wasm run per record would cost a schema
// compilation each). Input can be a string or the writer's chunks.

export type { IatiFinding, IatiKind };

export type IatiProblems = {
  /** XSD (and well-formedness) errors, each prefixed with the record's identifier. */
  xsd: string[];
  /** Ruleset findings (errors and warnings). */
  rules: IatiFinding[];
  /** Codelist findings: unknown code = error, withdrawn code = warning. */
  codelists: IatiFinding[];
  /** How many records (activities / organisations) the file holds. */
  records: number;
};

const RECORD = { activities: "iati-activity", organisations: "iati-organisation" } as const;
const ROOT = { activities: "iati-activities", organisations: "iati-organisations" } as const;
const IDENTIFIER = { activities: "iati-identifier", organisations: "organisation-identifier" } as const;
const XSD_BATCH_CHARS = 2_000_000;

type Piece = { prolog: string; rootOpen: string; record?: string };

/** Splits a streamed IATI file into its root start tag and its records, holding at most one record plus a chunk. */
async function* splitRecords(chunks: AsyncIterable<string> | Iterable<string>, kind: IatiKind): AsyncGenerator<Piece> {
  const root = ROOT[kind];
  const openRe = new RegExp(`<${RECORD[kind]}(?=[\\s>/])`);
  const close = `</${RECORD[kind]}>`;
  let buffer = "";
  let prolog = "";
  let rootOpen = "";
  for await (const chunk of chunks) {
    buffer += chunk;
    if (!rootOpen) {
      const start = buffer.search(new RegExp(`<${root}(?=[\\s>/])`));
      const end = start === -1 ? -1 : buffer.indexOf(">", start);
      if (end === -1) continue;
      prolog = buffer.slice(0, start);
      rootOpen = buffer.slice(start, end + 1);
      buffer = buffer.slice(end + 1);
      if (rootOpen.endsWith("/>")) break;
    }
    for (;;) {
      const open = buffer.search(openRe);
      if (open === -1) {
        // Keep a tail long enough to hold a split start tag.
        buffer = buffer.slice(Math.max(0, buffer.length - RECORD[kind].length - 1));
        break;
      }
      const tagEnd = buffer.indexOf(">", open);
      if (tagEnd === -1) break;
      const end = buffer[tagEnd - 1] === "/" ? tagEnd + 1 : buffer.indexOf(close, tagEnd);
      if (end === -1) break;
      const stop = buffer[tagEnd - 1] === "/" ? end : end + close.length;
      yield { prolog, rootOpen, record: buffer.slice(open, stop) };
      buffer = buffer.slice(stop);
    }
  }
  if (!rootOpen) throw new IatiXmlParseError(`The file has no <${root}> element.`);
  yield { prolog, rootOpen };
}

/** The root start tag, never self-closed, to wrap records in. */
function openTag(piece: Piece): string {
  return piece.rootOpen.endsWith("/>") ? `${piece.rootOpen.slice(0, -2)}>` : piece.rootOpen;
}

function rootOnly(piece: Piece, kind: IatiKind): string {
  return `${openTag(piece)}</${ROOT[kind]}>`;
}

export async function iatiProblems(
  xml: string | AsyncIterable<string> | Iterable<string>,
  kind: IatiKind,
  options: { idSets?: IdSets; schema?: boolean } = {},
): Promise<IatiProblems> {
  const problems: IatiProblems = { xsd: [], rules: [], codelists: [], records: 0 };
  const idSets = options.idSets ?? DEFAULT_ID_SETS;
  const seen = new Map<string, number>();
  let batch: { identifier: string; record: string }[] = [];
  let batchChars = 0;
  let first: Piece | undefined;

  const flushXsd = async () => {
    if (options.schema === false || batch.length === 0 || !first) return;
    // Records start on their own line; an error's line number tells whose it is.
    const head = `${openTag(first)}\n`;
    const starts: number[] = [];
    let line = 1 + (head.match(/\n/g)?.length ?? 0);
    let body = "";
    for (const { record } of batch) {
      starts.push(line);
      body += `${record}\n`;
      line += (record.match(/\n/g)?.length ?? 0) + 1;
    }
    for (const error of await iatiSchemaErrors(`${head}${body}</${ROOT[kind]}>`, kind)) {
      let who = "file";
      if (error.line !== null) {
        for (let i = starts.length - 1; i >= 0; i--) {
          if (error.line >= starts[i]) {
            who = batch[i].identifier;
            break;
          }
        }
      }
      problems.xsd.push(`${who}: ${error.message}`);
    }
    batch = [];
    batchChars = 0;
  };

  try {
    for await (const piece of splitRecords(typeof xml === "string" ? [xml] : xml, kind)) {
      first ??= piece;
      if (piece.record === undefined) break;
      problems.records++;
      const wrapped = `${openTag(piece)}${piece.record}</${ROOT[kind]}>`;
      let doc: Document;
      let identifier = `${RECORD[kind]} ${problems.records}`;
      try {
        doc = parseXml(wrapped);
        identifier = selectString(`/${ROOT[kind]}/${RECORD[kind]}/${IDENTIFIER[kind]}`, doc).trim() || identifier;
      } catch (e) {
        if (!(e instanceof IatiXmlParseError)) throw e;
        problems.xsd.push(`${identifier}: the XML is not well-formed: ${e.message}`);
        continue;
      }
      // The validator's file-level rule 1.1.2: identifiers are unique in a file.
      const count = (seen.get(identifier) ?? 0) + 1;
      seen.set(identifier, count);
      if (count === 2) {
        problems.rules.push({
          id: "1.1.2",
          severity: "error",
          category: "identifiers",
          message: "The activity identifier must be unique for each activity.",
          identifier,
          path: `/${RECORD[kind]}/${IDENTIFIER[kind]}`,
        });
      }
      problems.rules.push(...checkRuleset(doc, identifier, { idSets }));
      problems.codelists.push(...checkCodelists(doc, identifier, "record"));
      batch.push({ identifier, record: piece.record });
      batchChars += piece.record.length;
      if (batchChars >= XSD_BATCH_CHARS) await flushXsd();
    }
  } catch (e) {
    if (!(e instanceof IatiXmlParseError)) throw e;
    problems.xsd.push(`file: ${e.message}`);
    return problems;
  }
  await flushXsd();
  if (first) {
    const rootDoc = parseXml(rootOnly(first, kind));
    problems.codelists.push(...checkCodelists(rootDoc, "file", "root"));
    // A file without records: the XSD and the ruleset judge the root alone.
    if (problems.records === 0) {
      if (options.schema !== false) {
        for (const e of await iatiSchemaErrors(`${first.prolog}${rootOnly(first, kind)}`, kind)) problems.xsd.push(`file: ${e.message}`);
      }
      problems.rules.push(...checkRuleset(rootDoc, "file", { idSets }));
    }
  }
  return problems;
}

/** Every error of the three checks, in plain lines; warnings are left out. */
export function iatiErrorLines(problems: IatiProblems): string[] {
  return [
    ...problems.xsd.map((e) => `XSD ${e}`),
    ...[...problems.rules, ...problems.codelists]
      .filter((f) => f.severity === "error")
      .map((f) => `${f.id} ${f.identifier}: ${f.message} at ${f.path}`),
  ];
}

export function iatiWarningLines(problems: IatiProblems): string[] {
  return [...problems.rules, ...problems.codelists]
    .filter((f) => f.severity !== "error")
    .map((f) => `${f.id} ${f.identifier}: ${f.message} at ${f.path}`);
}
