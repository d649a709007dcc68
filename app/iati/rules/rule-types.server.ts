import { nodePath, nodeText, select, selectNodes, validatorTruth, type XNode } from "./xpath.server";

// The rule types of the IATI ruleset (IATI-Rulesets SPEC_JS.rst), each written
// to give the verdict the IATI Validator gives (IATI/js-validator-api,
// services/rulesValidator.js, class Rules): same XPath library, same truth
// test, same "first match only" reading of dates, same skips. Where the
// validator would throw (between_dates without a start or end) the rule is
// skipped instead.

export type RuleInfo = { id: string; severity: string; category: string; message: string };

export type RuleCase = {
  ruleInfo?: RuleInfo;
  condition?: string;
  idCondition?: "NOT_EXISTING_ORG_ID" | "NOT_EXISTING_ORG_ID_PREFIX";
  paths?: string[];
  less?: string;
  more?: string;
  date?: string;
  start?: string;
  end?: string;
  regex?: string;
  sum?: number;
  prefix?: string[];
  separator?: string;
  one?: string;
  all?: string;
  if?: string;
  then?: string;
  min?: number;
  max?: number;
  foreach?: string;
  do?: Record<string, { cases: RuleCase[] }>;
  subs?: string[];
};

/** Identifier lists the validator is handed: Registry publishers' organisation ids and the org-id prefixes. */
export type IdSets = { orgIds: ReadonlySet<string>; orgIdPrefixes: ReadonlySet<string> };

/** true = passed, false = failed, null = not applicable (condition unmet, dates missing). */
export type RuleVerdict = { result: boolean | null; where: string[]; detail?: string };

type Dated = { date: Date; node?: XNode };

class CaseEvaluation {
  readonly matches: XNode[];
  readonly texts: string[];
  readonly where: string[] = [];
  detail?: string;

  constructor(
    readonly element: XNode,
    readonly oneCase: RuleCase,
    readonly idSets: IdSets,
  ) {
    this.matches = (oneCase.paths ?? []).flatMap((p) => selectNodes(p, element));
    this.texts = this.matches.map(nodeText);
  }

  /** The validator's idCondition: false means the rule does not apply. */
  idConditionHolds(): boolean {
    const { orgIds } = this.idSets;
    if (this.oneCase.idCondition === "NOT_EXISTING_ORG_ID") return this.texts.every((t) => !orgIds.has(t));
    if (this.oneCase.idCondition === "NOT_EXISTING_ORG_ID_PREFIX") {
      return this.texts.every((t) => ![...orgIds].some((id) => t.startsWith(`${id}-`)));
    }
    return true;
  }

  /** The first node an XPath date expression finds, parsed as JavaScript does; NOW is the current time. */
  dateOf(expression: string | undefined): Dated | null {
    if (expression === undefined) return null;
    if (expression === "NOW") return { date: new Date() };
    const [node] = selectNodes(expression, this.element);
    if (!node) return null;
    const text = nodeText(node);
    if (text === "") return null;
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : { date, node };
  }

  failAt(nodes: (XNode | undefined)[]) {
    for (const n of nodes) if (n) this.where.push(nodePath(n));
    return false;
  }
}

type RuleFn = (c: CaseEvaluation) => boolean | null;

const CURRENCY_ELEMENTS = ["value", "forecast", "loan-status"];

const dateOrder: RuleFn = (c) => {
  const less = c.dateOf(c.oneCase.less);
  const more = c.dateOf(c.oneCase.more);
  if (!less || !more) return null;
  if (less.date.getTime() <= more.date.getTime()) return true;
  c.detail = `${c.oneCase.less} = ${less.date.toISOString().slice(0, 10)} is later than ${c.oneCase.more === "NOW" ? "today" : `${c.oneCase.more} = ${more.date.toISOString().slice(0, 10)}`}`;
  return c.failAt([less.node, more.node]);
};

const DAY = 24 * 60 * 60 * 1000;

export const RULE_TYPES: Record<string, RuleFn> = {
  no_more_than_one: (c) => c.matches.length <= 1 || c.failAt(c.matches),

  atleast_one: (c) => c.matches.length >= 1 || c.failAt([c.element]),

  one_or_all: (c) => {
    if (selectNodes(c.oneCase.one ?? "", c.element).length > 0) return true;
    const failing: XNode[] = [];
    switch (c.oneCase.all) {
      case "lang":
        for (const n of selectNodes("descendant::narrative", c.element)) if (selectNodes("@xml:lang", n).length === 0) failing.push(n);
        break;
      case "sector":
        for (const t of selectNodes("transaction", c.element)) if (selectNodes("sector", t).length === 0) failing.push(t);
        break;
      case "recipient-country|recipient-region":
        for (const t of selectNodes("transaction", c.element)) {
          if (selectNodes("recipient-country|recipient-region", t).length === 0) failing.push(t);
        }
        break;
      case "currency":
        for (const name of CURRENCY_ELEMENTS) {
          for (const n of selectNodes(`descendant::${name}`, c.element)) if (selectNodes("@currency", n).length === 0) failing.push(n);
        }
        break;
      default:
        return true;
    }
    return failing.length === 0 || c.failAt(failing);
  },

  unique: (c) => new Set(c.texts).size === c.texts.length || c.failAt(c.matches),

  strict_sum: (c) => {
    // The validator rounds the sum to 4 decimals before comparing it exactly.
    const sum = Number(c.texts.reduce((acc, v) => acc + Number(v), 0).toFixed(4));
    if (sum === Number(c.oneCase.sum)) return true;
    c.detail = `the percentages add up to ${sum}, not ${c.oneCase.sum}`;
    return c.failAt(c.matches);
  },

  date_order: dateOrder,

  date_now: (c) => {
    const d = c.dateOf(c.oneCase.date);
    if (!d) return null;
    if (d.date.getTime() <= Date.now()) return true;
    c.detail = `${d.date.toISOString()} is in the future`;
    return c.failAt([d.node]);
  },

  between_dates: (c) => {
    const d = c.dateOf(c.oneCase.date);
    const start = c.dateOf(c.oneCase.start);
    const end = c.dateOf(c.oneCase.end);
    if (!d || !start || !end) return null;
    if (start.date <= d.date && d.date <= end.date) return true;
    return c.failAt([d.node]);
  },

  time_limit: (c) => {
    const start = c.dateOf(c.oneCase.start);
    const end = c.dateOf(c.oneCase.end);
    if (!start || !end) return null;
    // date-fns differenceInDays: whole days, truncated; at most 365.
    const days = Math.trunc((end.date.getTime() - start.date.getTime()) / DAY);
    if (days <= 365) return true;
    c.detail = `the period runs ${days} days`;
    return c.failAt([start.node, end.node]);
  },

  regex_matches: (c) => {
    const re = new RegExp(c.oneCase.regex ?? "");
    const bad = c.matches.filter((_, i) => c.texts[i] !== "" && !re.test(c.texts[i]));
    return bad.length === 0 || c.failAt(bad);
  },

  startswith: (c) => {
    const prefixes = c.oneCase.prefix ?? [];
    if (prefixes.length === 1 && prefixes[0] === "ORG-ID-PREFIX") {
      // The validator's reading of an org-id prefix: everything left of the second "-".
      const bad = c.matches.filter((_, i) => {
        const [a, b] = c.texts[i].split("-");
        return !c.idSets.orgIdPrefixes.has(`${a}-${b}`);
      });
      return bad.length === 0 || c.failAt(bad);
    }
    const starts = prefixes.flatMap((p) => selectNodes(p, c.element)).map((n) => nodeText(n) + (c.oneCase.separator ?? ""));
    const bad = c.matches.filter((_, i) => !starts.some((s) => c.texts[i].startsWith(s)));
    return bad.length === 0 || c.failAt(bad);
  },

  if_then: (c) => {
    if (!validatorTruth(c.oneCase.if ?? "false()", c.element)) return true;
    return validatorTruth(c.oneCase.then ?? "true()", c.element) || c.failAt(c.matches.length > 0 ? c.matches : [c.element]);
  },

  range: (c) => {
    const bad = c.matches.filter((_, i) => {
      const v = Number(c.texts[i]);
      const min = c.oneCase.min ?? v;
      const max = c.oneCase.max ?? v;
      return !(min <= v && v <= max);
    });
    return bad.length === 0 || c.failAt(bad);
  },

  no_spaces: (c) => {
    const bad = c.matches.filter((_, i) => c.texts[i] !== c.texts[i].trim());
    return bad.length === 0 || c.failAt(bad);
  },
};

/** Evaluates one case of one rule type on one context element. */
export function evaluateCase(ruleType: string, element: XNode, oneCase: RuleCase, idSets: IdSets): RuleVerdict {
  const fn = RULE_TYPES[ruleType];
  if (!fn) throw new Error(`IATI ruleset: unknown rule type ${ruleType}`);
  if (oneCase.condition !== undefined && !validatorTruth(oneCase.condition, element)) return { result: null, where: [] };
  const c = new CaseEvaluation(element, oneCase, idSets);
  if (!c.idConditionHolds()) return { result: null, where: [] };
  const result = fn(c);
  return { result, where: c.where, detail: c.detail };
}

/**
 * A loop case: every distinct value the `foreach` XPath finds is put in place
 * of $1 in the keys named by `subs`, and each case of `do` runs with it.
 */
export function expandLoop(element: XNode, loop: RuleCase): { ruleType: string; oneCase: RuleCase }[] {
  const values = [...new Set(selectNodes(loop.foreach ?? "", element).map(nodeText))];
  const out: { ruleType: string; oneCase: RuleCase }[] = [];
  for (const [ruleType, { cases }] of Object.entries(loop.do ?? {})) {
    for (const sub of cases) {
      for (const value of values) {
        const replaced: RuleCase = { ...sub };
        for (const key of loop.subs ?? []) {
          const v = (sub as Record<string, unknown>)[key];
          const swap = (s: string) => s.replace(/\$1/g, value);
          if (typeof v === "string") (replaced as Record<string, unknown>)[key] = swap(v);
          else if (Array.isArray(v)) (replaced as Record<string, unknown>)[key] = v.map((s: string) => swap(s));
        }
        out.push({ ruleType, oneCase: replaced });
      }
    }
  }
  return out;
}

export { select };
