import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import countries from "i18n-iso-countries";
import { LOCALE_NAMES } from "../../../app/i18n/locales";
import { en, enEnums } from "../../../app/i18n/messages/en";
import { ko, koEnums } from "../../../app/i18n/messages/ko";
import { ru, ruEnums } from "../../../app/i18n/messages/ru";
import type { EnumCatalogue, Message } from "../../../app/i18n/messages/types";

// Issue 21, point 1: the catalogue test's rules (tests/unit/i18n-catalogues.test.ts:
// every English message has a Russian and a Korean version that is not left
// in English) applied to the rendered page. After hydration the page's
// interface text is read (text, the accessible-text attributes, the options
// of selects, button values, the document's title) and compared with the
// catalogues:
//  - in Russian and Korean, a text that is exactly an English message (or an
//    English name of a stored value: a status, a codelist entry, a country)
//    whose translation differs is untranslated text; so is a text made from an
//    English message with placeholders ("Sign in as {who}") when the message
//    has at least two words of its own (each form of a plural);
//  - in every language, a message key ("auth.signIn.submit"), an encoded
//    message shown as it was stored (`i18n:["iatiCheck.noBudget"]`, see
//    message() in app/i18n/translate.ts) or a stored value's raw code
//    ("IMPLEMENTATION_PLAN") on the page is a translation that was never looked up.
// Record data (titles, names and codes the factories wrote in English) is not
// interface text: matching whole texts against whole messages leaves it out,
// and text the user typed (inputs, textareas) is not read at all.

export type CheckedLocale = "en" | "ru" | "ko";

type Bundle = { messages: Record<string, Message>; enums: EnumCatalogue };

const requireCjs = createRequire(import.meta.url);
for (const locale of ["en", "ru", "ko"] as const) countries.registerLocale(requireCjs(`i18n-iso-countries/langs/${locale}.json`));
const withCountries = (enums: EnumCatalogue, locale: CheckedLocale): EnumCatalogue => ({ ...enums, country: countries.getNames(locale, { select: "official" }) });

const BUNDLES: Record<CheckedLocale, Bundle> = {
  en: { messages: en, enums: withCountries(enEnums, "en") },
  ru: { messages: ru, enums: withCountries(ruEnums, "ru") },
  ko: { messages: ko, enums: withCountries(koEnums, "ko") },
};

/** Whitespace collapsed and trimmed, as a reader sees the text. */
const collapse = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Three Latin letters in a row: the catalogue test's sign of English (codes like "BY" or "—" are not). */
const looksEnglish = (text: string): boolean => /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, ""));

const forms = (m: Message | undefined): string[] => (m === undefined ? [] : typeof m === "string" ? [m] : Object.values(m).filter((v): v is string => typeof v === "string"));

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Rules = {
  /** English text (collapsed) -> what it is ("message auth.signIn.submit", "name of programmeStatus.CLOSED"). */
  exact: Map<string, string>;
  /** English messages with placeholders, as anchored patterns. */
  patterns: { re: RegExp; what: string; literal: number }[];
  /** Every text of this language's own catalogue: never flagged, even when an English message reads the same. */
  own: Set<string>;
};

const KEY_SHAPE = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_-]+)+$/;
const KEYS = new Set(Object.keys(en));
/** message()'s encoding ("\u0001i18n:[key, vars]"), shown without t.text(). */
const ENCODED = /i18n:\[\s*"[a-z]/;
/** Raw stored values of several words ("IMPLEMENTATION_PLAN"): a label that was never looked up. Short codes ("MOU", "BY") are shown as codes on purpose. */
const RAW_VALUES = new Map<string, string>();
for (const [group, values] of Object.entries(enEnums)) for (const value of Object.keys(values)) if (/^[A-Z]+(_[A-Z]+)+$/.test(value)) RAW_VALUES.set(value, `${group}.${value}`);

const rulesCache = new Map<CheckedLocale, Rules>();

function rulesFor(locale: Exclude<CheckedLocale, "en">): Rules {
  const cached = rulesCache.get(locale);
  if (cached) return cached;
  const theirs = BUNDLES[locale];
  const own = new Set<string>();
  for (const m of Object.values(theirs.messages)) for (const f of forms(m)) own.add(collapse(f));
  for (const values of Object.values(theirs.enums)) for (const label of Object.values(values)) own.add(collapse(label));
  // The language switch names each language in itself ("English" on a Russian page), on purpose.
  for (const endonym of Object.values(LOCALE_NAMES)) own.add(endonym);

  const exact = new Map<string, string>();
  const patterns: Rules["patterns"] = [];
  for (const [key, m] of Object.entries(en)) {
    const translation = theirs.messages[key];
    // The same as in English on purpose (the catalogue test's SAME_AS_ENGLISH: the app's name, "—", IATI).
    if (JSON.stringify(translation) === JSON.stringify(m)) continue;
    for (const form of forms(m)) {
      if (!looksEnglish(form)) continue;
      const text = collapse(form);
      if (!/\{\w+\}/.test(text)) {
        if (!exact.has(text)) exact.set(text, `message ${key}`);
        continue;
      }
      const literal = text.replace(/\{\w+\}/g, " ");
      if ((literal.match(/[A-Za-z]{2,}/g) ?? []).length < 2) continue;
      const source = text
        .split(/\{\w+\}/)
        .map((part) => escape(part).replace(/ /g, "\\s*"))
        .join("(.+?)");
      patterns.push({ re: new RegExp(`^${source}$`), what: `message ${key}`, literal: literal.replace(/\s+/g, "").length });
    }
  }
  for (const [group, values] of Object.entries(BUNDLES.en.enums)) {
    for (const [value, label] of Object.entries(values)) {
      const translation = theirs.enums[group]?.[value];
      if (translation === undefined || translation === label || !looksEnglish(label)) continue;
      const text = collapse(label);
      if (!exact.has(text)) exact.set(text, `name of ${group}.${value}`);
    }
  }
  // The message with the most text of its own first: the one the page's text most likely came from.
  patterns.sort((a, b) => b.literal - a.literal);
  const rules = { exact, patterns, own };
  rulesCache.set(locale, rules);
  return rules;
}

/** A piece of the page's interface text and where it was found ("button", "a[aria-label]", "title"). */
export type PageText = { text: string; where: string };

/** What in these texts is untranslated for a page in this language (pure: the spec's self-test feeds it texts). */
export function untranslated(texts: readonly PageText[], locale: CheckedLocale): string[] {
  const problems = new Set<string>();
  const rules = locale === "en" ? null : rulesFor(locale);
  for (const { text: raw, where } of texts) {
    const text = collapse(raw);
    if (!text) continue;
    if (KEY_SHAPE.test(text) && KEYS.has(text)) problems.add(`message key on the page: "${text}" (${where})`);
    if (ENCODED.test(text)) problems.add(`encoded message on the page: "${text.slice(0, 160)}" (${where})`);
    const value = RAW_VALUES.get(text);
    if (value) problems.add(`stored value without its name: "${text}" (${value}, ${where})`);
    if (!rules || rules.own.has(text) || !looksEnglish(text)) continue;
    const exact = rules.exact.get(text);
    if (exact) {
      problems.add(`untranslated: "${text}" (${exact}, ${where})`);
      continue;
    }
    const pattern = rules.patterns.find((p) => p.re.test(text));
    if (pattern) problems.add(`untranslated: "${text.slice(0, 160)}" (${pattern.what}, ${where})`);
  }
  return [...problems];
}

/**
 * The page's interface text, read in the browser: every text node (with the
 * text of each element, for messages whose parts sit in separate nodes), the
 * accessible-text attributes, the options of selects, button values and the
 * document's title. Hidden parts count too (a closed menu, a collapsed
 * <details>, an off-screen label): they are the page's text all the same.
 * Not read: scripts, styles, templates, code and what is marked translate="no"
 * (identifiers), and what the user typed (the values of inputs and
 * textareas), which is data, not interface.
 */
export async function pageTexts(page: Page): Promise<PageText[]> {
  return page.evaluate(() => {
    // Code (`<code>`, `<pre>`...) and what the page marks translate="no" (the
    // API reference's schema names, "Programme") are identifiers, not words.
    const SKIP = "script, style, noscript, template, textarea, [contenteditable], code, pre, kbd, samp, [translate='no']";
    const out: { text: string; where: string }[] = [];
    const name = (el: Element) => el.tagName.toLowerCase();
    out.push({ text: document.title, where: "title" });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP)) continue;
      if (node.textContent && node.textContent.trim()) out.push({ text: node.textContent, where: name(parent) });
    }
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      if (el.closest(SKIP)) continue;
      // An element's whole text, when it is made of several nodes ("Sign in as " + <b>name</b>).
      if (el.childNodes.length > 1) {
        const text = el.textContent ?? "";
        if (text.length <= 400 && text.trim()) out.push({ text, where: name(el) });
      }
      for (const attribute of ["aria-label", "aria-placeholder", "aria-roledescription", "aria-valuetext", "placeholder", "title", "alt", "label"]) {
        const value = el.getAttribute(attribute);
        if (value && value.trim()) out.push({ text: value, where: `${name(el)}[${attribute}]` });
      }
      if (el instanceof HTMLInputElement && ["submit", "button", "reset"].includes(el.type) && el.value) out.push({ text: el.value, where: `input[type=${el.type}]` });
    }
    return out;
  });
}

/** Untranslated interface text on the page now, in the page's language. */
export async function untranslatedOnPage(page: Page, locale: CheckedLocale): Promise<string[]> {
  return untranslated(await pageTexts(page), locale);
}
