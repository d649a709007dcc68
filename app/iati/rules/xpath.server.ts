import type * as Xmldom from "@xmldom/xmldom";
import type * as Xpath from "xpath";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";

// XPath 1.0 over xmldom, the pair the IATI Validator (IATI/js-validator-api,
// services/rulesValidator.js) evaluates its ruleset with, so that contexts,
// paths and conditions mean here what they mean there. Both are loaded by the
// first check, not with the server (app/utils/load-on-first-use.server.ts).

const xpathLib = loadOnFirstUse<typeof Xpath>("xpath");
const xmldom = loadOnFirstUse<typeof Xmldom>("@xmldom/xmldom");

export type XNode = Node;

const NAMESPACES = { xml: "http://www.w3.org/XML/1998/namespace" };

// xpath's select() parses its expression on every call, which was most of the
// time of a check (the same few hundred expressions, thousands of records);
// the library's parse() API lets us parse each expression once. It is not in
// the package's type declarations, hence the narrow types below.
type XValue = { toArray?: () => XNode[]; stringValue: () => string; numberValue: () => number; booleanValue: () => boolean };
type Parsed = { evaluate: (options: { node: XNode; namespaces: Record<string, string> }) => XValue };
type XpathInternals = {
  parse: (expression: string) => Parsed;
  XString: new (...args: never[]) => unknown;
  XNumber: new (...args: never[]) => unknown;
};
const parsed = new Map<string, Parsed>();

/** The raw XPath result, as xpath.select gives it: nodes for a node-set, else a string, number or boolean. */
export function select(expression: string, node: XNode): Xpath.SelectReturnType {
  const lib = xpathLib() as unknown as XpathInternals;
  let expr = parsed.get(expression);
  if (!expr) {
    expr = lib.parse(expression);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(expression, expr);
  }
  const value = expr.evaluate({ node, namespaces: NAMESPACES });
  if (value.toArray) return value.toArray();
  if (value instanceof lib.XString) return value.stringValue();
  if (value instanceof lib.XNumber) return value.numberValue();
  return value.booleanValue();
}

export function selectNodes(expression: string, node: XNode): XNode[] {
  const result = select(expression, node);
  return Array.isArray(result) ? result : [];
}

export function selectString(expression: string, node: XNode): string {
  return String(select(`string(${expression})`, node));
}

/**
 * Truth as the validator reads it: a JavaScript truthiness test on what
 * xpath.select returns. A node-set comes back as an array, and an array is true
 * even when empty — so an `if`/`then`/`condition` that is a bare node-set always
 * holds there (the validator's own tests expect rule 3.7.1 to pass on a file
 * without any recipient country; ruleset-unit-tests/recipientLocation). We
 * reproduce that on purpose: a file that passes here must pass there and a rule
 * that cannot fail there must not fail here.
 */
export function validatorTruth(expression: string, node: XNode): boolean {
  const result = select(expression, node);
  return Array.isArray(result) ? true : Boolean(result);
}

/** The text of an element, attribute or text node (the validator's getText). */
export function nodeText(node: XNode): string {
  if (node.nodeType === 2 /* attribute */) return (node as Attr).value;
  return node.textContent ?? "";
}

export class IatiXmlParseError extends Error {}

/** Parses one XML document; malformed input throws IatiXmlParseError (the XSD step reports the details). */
export function parseXml(xml: string): Document {
  const parser = new (xmldom().DOMParser)({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  });
  try {
    return parser.parseFromString(xml, "text/xml") as unknown as Document;
  } catch (e) {
    // xmldom wraps what onError throws in its ParseError.
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
    throw new IatiXmlParseError(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A readable location for a node: /iati-activity/transaction[3]/value/@currency. */
export function nodePath(node: XNode): string {
  const parts: string[] = [];
  let current: XNode | null = node;
  while (current && current.nodeType !== 9 /* document */) {
    if (current.nodeType === 2) {
      parts.unshift(`@${(current as Attr).name}`);
      current = (current as Attr).ownerElement;
      continue;
    }
    if (current.nodeType === 1) {
      const el = current as Element;
      const parent: XNode | null = el.parentNode;
      let index = 0;
      let same = 0;
      if (parent && parent.nodeType === 1) {
        for (let c = parent.firstChild; c; c = c.nextSibling) {
          if (c.nodeType === 1 && (c as Element).nodeName === el.nodeName) {
            same++;
            if (c === el) index = same;
          }
        }
      }
      // The per-activity wrapper root is left out: paths start at the activity.
      if (parent && parent.nodeType === 9 && (el.nodeName === "iati-activities" || el.nodeName === "iati-organisations")) break;
      parts.unshift(same > 1 ? `${el.nodeName}[${index}]` : el.nodeName);
    } else if (current.nodeType === 3) {
      parts.unshift("text()");
    }
    current = current.parentNode;
  }
  return `/${parts.join("/")}`;
}
