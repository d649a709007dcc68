import codelists from "~/data/iati/codelists/index.server";
import codelistMapping from "~/data/iati/codelist-mapping";
import type { IatiFinding } from "./rules/ruleset.server";
import { nodePath, nodeText, selectNodes, validatorTruth, type XNode } from "./rules/xpath.server";

// The codelist check: every path of the IATI codelist mapping
// (rulesets/codelist-mapping.xml, app/data/iati/codelist-mapping.ts) against
// its 2.03 codelist. Paths are XPath from the root; a mapping's condition is
// XPath relative to the element that carries the attribute (or the text).
//
// What the IATI Validator does (IATI/js-validator-api codelistValidator.js with
// IATI-Validator-Codelists' codelist_rules.json, checked against the 2.03
// copy once shipped in that repository): a code outside the list is an error;
// withdrawn codes are still allowed codes; codelists marked complete="0"
// (Country, Language, ...) are checked like the others. We follow it, and
// report a withdrawn code as a warning on top — it passes the validator but
// the IATI Dashboard and data users treat it as out of date.

export type Mapping = { path: string; codelist: string; condition?: string; allowCaseVariation?: boolean };
type Codelist = { name: string; complete: boolean; items: { code: string; withdrawn?: boolean }[] };

const ALL = codelists as unknown as Record<string, Codelist>;
const MAPPINGS = (codelistMapping as { mappings: Mapping[] }).mappings;

type CodeIndex = { exact: Map<string, boolean>; folded: Map<string, boolean> };
const indexes = new Map<string, CodeIndex>();

function codeIndex(name: string): CodeIndex | undefined {
  const list = ALL[name];
  if (!list) return undefined;
  let index = indexes.get(name);
  if (!index) {
    index = { exact: new Map(), folded: new Map() };
    for (const item of list.items) {
      index.exact.set(item.code, Boolean(item.withdrawn));
      index.folded.set(item.code.toLowerCase(), Boolean(item.withdrawn));
    }
    indexes.set(name, index);
  }
  return index;
}

/** The element a mapped node belongs to: an attribute's owner, a text node's parent. */
function ownerOf(node: XNode): XNode {
  if (node.nodeType === 2) return (node as Attr).ownerElement as XNode;
  if (node.nodeType === 3) return node.parentNode as XNode;
  return node;
}

const ROOTS = new Set(["iati-activities", "iati-organisations"]);

// Every mapping path is of the form //a/b/@attr, //a/b/text() or //@attr.
// Evaluating 124 of them as XPath (each a walk of the whole record) cost
// seconds per MB; one walk of the record, matching each element's ancestry
// against the paths, gives the same nodes. A path of another shape falls back
// to XPath.
type SimplePath = { steps: string[]; attribute?: string };
const SIMPLE = /^\/\/((?:[\w-]+\/)*)(?:@([\w:-]+)|text\(\))$/;

function simplePath(path: string): SimplePath | null {
  const m = SIMPLE.exec(path);
  if (!m) return null;
  return { steps: m[1].split("/").filter(Boolean), attribute: m[2] };
}

function mappedNodes(doc: XNode, mappings: readonly Mapping[]): { mapping: Mapping; node: XNode }[] {
  const out: { mapping: Mapping; node: XNode }[] = [];
  const byLastStep = new Map<string, { mapping: Mapping; path: SimplePath }[]>();
  for (const mapping of mappings) {
    const path = simplePath(mapping.path);
    if (!path) {
      for (const node of selectNodes(mapping.path, doc)) out.push({ mapping, node });
      continue;
    }
    const key = path.steps.at(-1) ?? "*";
    byLastStep.set(key, [...(byLastStep.get(key) ?? []), { mapping, path }]);
  }
  const stack: string[] = [];
  const visit = (el: Element) => {
    stack.push(el.nodeName);
    for (const { mapping, path } of [...(byLastStep.get(el.nodeName) ?? []), ...(byLastStep.get("*") ?? [])]) {
      if (path.steps.length > stack.length) continue;
      if (!path.steps.every((step, i) => stack[stack.length - path.steps.length + i] === step)) continue;
      if (path.attribute) {
        const attr = el.getAttributeNode(path.attribute);
        if (attr) out.push({ mapping, node: attr as unknown as XNode });
      } else {
        for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) out.push({ mapping, node: c as XNode });
      }
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) visit(c as Element);
    stack.pop();
  };
  const root = (doc as Document).documentElement ?? doc;
  visit(root as Element);
  return out;
}

/**
 * Codelist findings for one document. `scope` "record" leaves out nodes that
 * sit on the root element (checked once per file with scope "root", since each
 * record is checked inside a copy of the root).
 */
export function checkCodelists(
  doc: XNode,
  identifier: string,
  scope: "record" | "root" | "all" = "all",
  mappings: readonly Mapping[] = MAPPINGS,
): IatiFinding[] {
  const findings: IatiFinding[] = [];
  for (const { mapping, node } of mappedNodes(doc, mappings)) {
    const index = codeIndex(mapping.codelist);
    if (!index) continue;
    const owner = ownerOf(node);
    const onRoot = ROOTS.has(owner.nodeName) && owner.parentNode?.nodeType === 9;
    if ((scope === "record" && onRoot) || (scope === "root" && !onRoot)) continue;
    if (mapping.condition && !validatorTruth(mapping.condition, owner)) continue;
    const code = nodeText(node);
    const withdrawn = mapping.allowCaseVariation ? index.folded.get(code.toLowerCase()) : index.exact.get(code);
    if (withdrawn === false) continue;
    findings.push({
      id: `codelist:${mapping.codelist}`,
      severity: withdrawn === undefined ? "error" : "warning",
      category: "codelist",
      message:
        withdrawn === undefined
          ? `"${code}" is not a code of the ${mapping.codelist} codelist.`
          : `"${code}" is a withdrawn code of the ${mapping.codelist} codelist.`,
      identifier,
      path: nodePath(node),
    });
  }
  return findings;
}
