import type * as Xmldom from "@xmldom/xmldom";
import type { Element } from "@xmldom/xmldom";
import type * as Saxes from "saxes";
import { loadOnFirstUse } from "~/utils/load-on-first-use.server";
import { message } from "~/i18n/translate";

// Reads an IATI 2.03 activity file (iati-activities) into plain values the
// import maps onto Concord's records (map.server.ts). The file comes from
// outside (a donor's or partner's publication), so it is bounded before it is
// parsed: a size limit, UTF-8 only, and no DOCTYPE at all — IATI files never
// need one, and refusing it outright rules out entity expansion ("billion
// laughs") and external entities (XXE) whatever the parser would do with them.
// Why @xmldom/xmldom: docs/decisions/0034-iati-import.md. Both parsers load
// on first use (ADR 0029): a server that never imports a file never loads them.
const xmldom = loadOnFirstUse<typeof Xmldom>("@xmldom/xmldom");
const saxes = loadOnFirstUse<typeof Saxes>("saxes");

/** The largest file read (the document upload limit). */
export const IATI_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** The IATI versions read: 2.03 only (see the ADR). */
export const IATI_IMPORT_VERSIONS = ["2.03"] as const;

/** A refusal of the whole file: `message` is an encoded message (see message() in ~/i18n/translate). */
export class IatiFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "IatiFileError";
  }
}

export type Narrative = { lang: string; text: string };
export type OrgRef = { ref: string | null; type: string | null; activityId: string | null; names: Narrative[] };
export type Participant = OrgRef & { role: string | null };
export type Value = { amount: string; currency: string | null; valueDate: string | null };
export type Budget = { type: string | null; status: string | null; periodStart: string | null; periodEnd: string | null; value: Value | null };
export type Transaction = {
  type: string | null;
  date: string | null;
  value: Value | null;
  description: Narrative[];
  provider: OrgRef | null;
  receiver: OrgRef | null;
};
export type PeriodValue = { value: string | null; female: string | null; male: string | null };
export type IndicatorPeriod = { start: string | null; end: string | null; target: PeriodValue | null; actual: PeriodValue | null };
export type Indicator = {
  measure: string | null;
  ascending: boolean;
  title: Narrative[];
  description: Narrative[];
  baseline: { year: number | null; value: string | null; comment: Narrative[] } | null;
  periods: IndicatorPeriod[];
};
export type Result = { type: string | null; title: Narrative[]; description: Narrative[]; indicators: Indicator[] };
export type DocumentLink = { url: string; format: string | null; title: Narrative[]; categories: string[]; languages: string[]; date: string | null };

export type IatiActivity = {
  identifier: string;
  /** The activity's default language (iati-activity/@xml:lang, else "en"). */
  lang: string;
  defaultCurrency: string | null;
  lastUpdated: string | null;
  hierarchy: string | null;
  reportingOrg: OrgRef | null;
  title: Narrative[];
  /** description type 1 (general) and 2 (objectives). */
  description: Narrative[];
  objectives: Narrative[];
  status: string | null;
  dates: { plannedStart: string | null; actualStart: string | null; plannedEnd: string | null; actualEnd: string | null };
  countries: { code: string; percentage: string | null }[];
  regions: { code: string; vocabulary: string; percentage: string | null }[];
  sectors: { vocabulary: string; code: string; percentage: string | null }[];
  participants: Participant[];
  budgets: Budget[];
  transactions: Transaction[];
  results: Result[];
  documents: DocumentLink[];
  defaults: { aidType: string | null; flowType: string | null; financeType: string | null; tiedStatus: string | null; collaborationType: string | null };
};

export type IatiFile = {
  version: string;
  /** Each activity with its identifier, title and its own XML (wrapped in iati-activities), for choosing one. */
  activities: { identifier: string; title: Narrative[]; xml: string }[];
};

const DOCTYPE = /<!\s*(DOCTYPE|ENTITY)/i;

/** The file's text: UTF-8 (IATI's encoding in practice), within the size limit, with no DOCTYPE. */
export function decodeIatiBytes(bytes: Uint8Array): string {
  if (bytes.byteLength > IATI_IMPORT_MAX_BYTES) throw new IatiFileError(message("iatiImport.file.tooLarge", { max: "20 MB" }));
  if (bytes.byteLength === 0) throw new IatiFileError(message("iatiImport.file.empty"));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new IatiFileError(message("iatiImport.file.notUtf8"));
  }
  return text;
}

function parseDocument(text: string) {
  if (DOCTYPE.test(text)) throw new IatiFileError(message("iatiImport.file.doctype"));
  const errors: string[] = [];
  let doc;
  try {
    doc = new (xmldom().DOMParser)({
      onError: (level: string, msg: string) => {
        if (level !== "warning") errors.push(msg);
      },
    }).parseFromString(text, "text/xml");
  } catch {
    throw new IatiFileError(message("iatiImport.file.notXml"));
  }
  const root = doc.documentElement;
  if (errors.length || !root) throw new IatiFileError(message("iatiImport.file.notXml"));
  return root;
}

const children = (el: Element, name: string): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === name && !(n as Element).prefix) out.push(n as Element);
  return out;
};
const child = (el: Element | null | undefined, name: string): Element | null => (el ? (children(el, name)[0] ?? null) : null);
const attr = (el: Element | null | undefined, name: string): string | null => {
  const v = el?.getAttribute(name);
  return v === null || v === undefined || v.trim() === "" ? null : v.trim();
};
const XML_NS = "http://www.w3.org/XML/1998/namespace";

function narratives(el: Element | null, lang: string): Narrative[] {
  if (!el) return [];
  return children(el, "narrative")
    .map((n) => ({ lang: (n.getAttributeNS(XML_NS, "lang") || n.getAttribute("xml:lang") || lang).toLowerCase(), text: (n.textContent ?? "").trim() }))
    .filter((n) => n.text !== "");
}

function orgRef(el: Element | null, lang: string): OrgRef | null {
  if (!el) return null;
  return { ref: attr(el, "ref"), type: attr(el, "type"), activityId: attr(el, "provider-activity-id") ?? attr(el, "receiver-activity-id") ?? attr(el, "activity-id"), names: narratives(el, lang) };
}

function value(el: Element | null, defaultCurrency: string | null): Value | null {
  const text = el?.textContent?.trim();
  if (!el || !text) return null;
  return { amount: text, currency: attr(el, "currency") ?? defaultCurrency, valueDate: attr(el, "value-date") };
}

function periodValue(el: Element | null): PeriodValue | null {
  if (!el) return null;
  let female: string | null = null;
  let male: string | null = null;
  // IATI's guidance writes sex disaggregation as <dimension name="sex" value="female"/>;
  // older files code it 1/2 or F/M, which are read too.
  for (const d of children(el, "dimension")) {
    if (!/^(sex|gender)$/i.test(attr(d, "name") ?? "")) continue;
    const v = (attr(d, "value") ?? "").toLowerCase();
    if (/^(female|f|woman|women|2)$/.test(v)) female = attr(el, "value");
    else if (/^(male|m|man|men|1)$/.test(v)) male = attr(el, "value");
  }
  const dimensions = children(el, "dimension");
  // A value with a sex dimension is that sex's figure, not the total.
  return dimensions.length ? { value: null, female, male } : { value: attr(el, "value"), female: null, male: null };
}

/** Periods may give the total and each sex as separate target/actual elements: folded into one. */
function foldValues(elements: Element[]): PeriodValue | null {
  const values = elements.map(periodValue).filter((v): v is PeriodValue => v !== null);
  if (!values.length) return null;
  return {
    value: values.find((v) => v.value !== null)?.value ?? null,
    female: values.find((v) => v.female !== null)?.female ?? null,
    male: values.find((v) => v.male !== null)?.male ?? null,
  };
}

function readActivity(el: Element): IatiActivity {
  const lang = (el.getAttributeNS(XML_NS, "lang") || el.getAttribute("xml:lang") || "en").toLowerCase();
  const currency = attr(el, "default-currency");
  const dates = { plannedStart: null, actualStart: null, plannedEnd: null, actualEnd: null } as IatiActivity["dates"];
  const dateKeys: Record<string, keyof IatiActivity["dates"]> = { "1": "plannedStart", "2": "actualStart", "3": "plannedEnd", "4": "actualEnd" };
  for (const d of children(el, "activity-date")) {
    const key = dateKeys[attr(d, "type") ?? ""];
    if (key) dates[key] = attr(d, "iso-date");
  }
  const descriptions = children(el, "description");
  const describe = (type: string) => descriptions.filter((d) => (attr(d, "type") ?? "1") === type).flatMap((d) => narratives(d, lang));
  const code = (name: string) => attr(child(el, name), "code");
  return {
    identifier: (child(el, "iati-identifier")?.textContent ?? "").trim(),
    lang,
    defaultCurrency: currency,
    lastUpdated: attr(el, "last-updated-datetime"),
    hierarchy: attr(el, "hierarchy"),
    reportingOrg: orgRef(child(el, "reporting-org"), lang),
    title: narratives(child(el, "title"), lang),
    description: describe("1"),
    objectives: describe("2"),
    status: code("activity-status"),
    dates,
    countries: children(el, "recipient-country").flatMap((c) => {
      const cc = attr(c, "code");
      return cc ? [{ code: cc.toUpperCase(), percentage: attr(c, "percentage") }] : [];
    }),
    regions: children(el, "recipient-region").flatMap((r) => {
      const rc = attr(r, "code");
      return rc ? [{ code: rc, vocabulary: attr(r, "vocabulary") ?? "1", percentage: attr(r, "percentage") }] : [];
    }),
    sectors: children(el, "sector").flatMap((s) => {
      const sc = attr(s, "code");
      return sc ? [{ code: sc, vocabulary: attr(s, "vocabulary") ?? "1", percentage: attr(s, "percentage") }] : [];
    }),
    participants: children(el, "participating-org").map((p) => ({ ...orgRef(p, lang)!, role: attr(p, "role") })),
    budgets: children(el, "budget").map((b) => ({
      type: attr(b, "type"),
      status: attr(b, "status"),
      periodStart: attr(child(b, "period-start"), "iso-date"),
      periodEnd: attr(child(b, "period-end"), "iso-date"),
      value: value(child(b, "value"), currency),
    })),
    transactions: children(el, "transaction").map((t) => ({
      type: attr(child(t, "transaction-type"), "code"),
      date: attr(child(t, "transaction-date"), "iso-date"),
      value: value(child(t, "value"), currency),
      description: narratives(child(t, "description"), lang),
      provider: orgRef(child(t, "provider-org"), lang),
      receiver: orgRef(child(t, "receiver-org"), lang),
    })),
    results: children(el, "result").map((r) => ({
      type: attr(r, "type"),
      title: narratives(child(r, "title"), lang),
      description: narratives(child(r, "description"), lang),
      indicators: children(r, "indicator").map((i) => {
        const baseline = child(i, "baseline");
        const year = Number(attr(baseline, "year"));
        return {
          measure: attr(i, "measure"),
          ascending: attr(i, "ascending") !== "0" && attr(i, "ascending") !== "false",
          title: narratives(child(i, "title"), lang),
          description: narratives(child(i, "description"), lang),
          baseline: baseline ? { year: Number.isInteger(year) && year > 0 ? year : null, value: attr(baseline, "value"), comment: narratives(child(baseline, "comment"), lang) } : null,
          periods: children(i, "period").map((p) => ({
            start: attr(child(p, "period-start"), "iso-date"),
            end: attr(child(p, "period-end"), "iso-date"),
            target: foldValues(children(p, "target")),
            actual: foldValues(children(p, "actual")),
          })),
        };
      }),
    })),
    documents: children(el, "document-link").flatMap((d) => {
      const url = attr(d, "url");
      return url
        ? [{
            url,
            format: attr(d, "format"),
            title: narratives(child(d, "title"), lang),
            categories: children(d, "category").map((c) => attr(c, "code")).filter((c): c is string => !!c),
            languages: children(d, "language").map((c) => attr(c, "code")).filter((c): c is string => !!c),
            date: attr(child(d, "document-date"), "iso-date"),
          }]
        : [];
    }),
    defaults: {
      aidType: code("default-aid-type"),
      flowType: code("default-flow-type"),
      financeType: code("default-finance-type"),
      tiedStatus: code("default-tied-status"),
      collaborationType: code("collaboration-type"),
    },
  };
}

function checkRoot(root: Element): string {
  if (root.localName !== "iati-activities" || root.namespaceURI) {
    throw new IatiFileError(message("iatiImport.file.notActivities", { root: root.nodeName }));
  }
  const version = attr(root, "version");
  if (!version || !(IATI_IMPORT_VERSIONS as readonly string[]).includes(version)) {
    throw new IatiFileError(message("iatiImport.file.version", { version: version ?? "?" }));
  }
  return version;
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

/**
 * The activities of an IATI activity file, each with its identifier, first
 * title and its own XML (so a page can carry the chosen one to the next step
 * without keeping the file). Read with a streaming parser (saxes), writing each
 * activity out as it goes: a DOM of a 20 MB file took some 700 MB and 11 s,
 * this takes little more than the text. Throws IatiFileError for anything
 * that is not a readable IATI 2.03 activity file.
 */
export function readIatiFile(text: string): IatiFile {
  if (DOCTYPE.test(text)) throw new IatiFileError(message("iatiImport.file.doctype"));
  const parser = new (saxes().SaxesParser)({ position: false });
  const activities: IatiFile["activities"] = [];
  let version: string | null = null;
  let rootNamespaces = "";
  let depth = 0;
  // The activity being written out, and what the list shows of it.
  let out: string[] | null = null;
  let identifier = "";
  let title: Narrative[] = [];
  let lang = "en";
  let path: string[] = [];
  let narrative: Narrative | null = null;
  // Thrown from the handlers: the parser stops at the first fault.
  parser.on("error", () => {
    throw new IatiFileError(message("iatiImport.file.notXml"));
  });
  parser.on("doctype", () => {
    throw new IatiFileError(message("iatiImport.file.doctype"));
  });
  parser.on("opentag", (tag) => {
    depth++;
    const attrs = tag.attributes as Record<string, string>;
    if (depth === 1) {
      if (tag.name !== "iati-activities") throw new IatiFileError(message("iatiImport.file.notActivities", { root: tag.name }));
      version = attrs.version?.trim() || null;
      if (!version || !(IATI_IMPORT_VERSIONS as readonly string[]).includes(version)) {
        throw new IatiFileError(message("iatiImport.file.version", { version: version ?? "?" }));
      }
      // Extension namespaces declared on the root go with each activity.
      rootNamespaces = Object.entries(attrs)
        .filter(([name]) => name.startsWith("xmlns"))
        .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
        .join("");
      return;
    }
    if (depth === 2 && tag.name === "iati-activity") {
      out = [];
      identifier = "";
      title = [];
      lang = (attrs["xml:lang"] || "en").toLowerCase();
      path = [];
    }
    if (!out) return;
    path.push(tag.name);
    if (path.join("/") === "iati-activity/title/narrative") title.push((narrative = { lang: (attrs["xml:lang"] || lang).toLowerCase(), text: "" }));
    out.push(`<${tag.name}${Object.entries(attrs).map(([name, value]) => ` ${name}="${escapeAttr(value)}"`).join("")}${tag.isSelfClosing ? "/>" : ">"}`);
  });
  const onText = (t: string) => {
    if (!out) return;
    out.push(escapeText(t));
    if (path.join("/") === "iati-activity/iati-identifier") identifier += t;
    else if (narrative) narrative.text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    depth--;
    if (!out) return;
    if (!tag.isSelfClosing) out.push(`</${tag.name}>`);
    narrative = null;
    path.pop();
    if (depth === 1 && tag.name === "iati-activity") {
      activities.push({
        identifier: identifier.trim(),
        title: title.map((n) => ({ lang: n.lang, text: n.text.trim() })).filter((n) => n.text),
        xml: `<iati-activities version="${version}"${rootNamespaces}>${out.join("")}</iati-activities>`,
      });
      out = null;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof IatiFileError) throw error;
    throw new IatiFileError(message("iatiImport.file.notXml"));
  }
  if (!version) throw new IatiFileError(message("iatiImport.file.notXml"));
  if (!activities.length) throw new IatiFileError(message("iatiImport.file.noActivities"));
  const blank = activities.findIndex((a) => !a.identifier);
  if (blank >= 0) throw new IatiFileError(message("iatiImport.file.noIdentifier", { n: blank + 1 }));
  return { version, activities };
}

/** The one activity of `text` with this identifier (the first when none is named). */
export function readIatiActivity(text: string, identifier?: string | null): IatiActivity {
  const root = parseDocument(text);
  checkRoot(root);
  const all = children(root, "iati-activity");
  const el = identifier ? all.find((a) => (child(a, "iati-identifier")?.textContent ?? "").trim() === identifier) : all[0];
  if (!el) throw new IatiFileError(message("iatiImport.file.noActivities"));
  const activity = readActivity(el);
  if (!activity.identifier) throw new IatiFileError(message("iatiImport.file.noIdentifier", { n: 1 }));
  return activity;
}

/** The narrative in `lang`, else the activity's default language's, else the first. */
export function narrativeIn(list: Narrative[], lang: string, fallbackLang?: string): string | null {
  return (list.find((n) => n.lang === lang) ?? (fallbackLang ? list.find((n) => n.lang === fallbackLang) : undefined) ?? list[0])?.text ?? null;
}
