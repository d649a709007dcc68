import type { MessageKey } from "./messages/en";
import type { EnumGroup as BaseEnumGroup } from "./messages/en/enums";
import type { Catalogue, EnumCatalogue, Message } from "./messages/types";
import { INTL_LOCALE, type Locale } from "./locales";

// A small translator over the catalogues in ./messages (client-safe). Why not
// i18next or FormatJS: docs/decisions/0008-interface-languages.md. Plurals use
// the platform's Intl.PluralRules; "{name}" in a message is replaced by vars.name.

export type { MessageKey } from "./messages/en";
/** A group of stored values with names: the enums of ./messages plus "country" (ISO 3166-1 alpha-2). */
export type EnumGroup = BaseEnumGroup | "country";
export type Vars = Record<string, string | number | null | undefined>;
export type Bundle = { messages: Catalogue; enums: EnumCatalogue };

export type Translator = {
  (key: MessageKey, vars?: Vars): string;
  locale: Locale;
  /** The name of a stored value (a status, a kind, an IATI code) in this language; the value itself if unknown. */
  label: (group: EnumGroup, value: string | null | undefined) => string;
  /** [value, label] pairs of a group, in the group's own order, for a select. */
  options: (group: EnumGroup) => { value: string; label: string }[];
  /** Text that may be an encoded message (see `message()`): translated; other text as it is. */
  text: (raw: string | null | undefined) => string;
  /** True if the catalogue has this key (for keys built at run time). */
  has: (key: string) => boolean;
};

const MARK = "\u0001i18n:";

/**
 * A message for later translation, as one string: what zod schemas and server
 * actions put where a field error or a form error goes, so that the same
 * schema serves the browser and the server in any language. Var values that
 * start with "@" are message keys themselves ("@activities.v.title").
 */
export function message(key: MessageKey, vars?: Vars): string {
  return `${MARK}${JSON.stringify(vars ? [key, vars] : [key])}`;
}

export function isMessage(raw: string): boolean {
  return raw.startsWith(MARK);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function plural(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
  return rules;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
function formatCount(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return f.format(n);
}

function pick(locale: Locale, m: Message, count: unknown): string {
  if (typeof m === "string") return m;
  const n = typeof count === "number" ? count : Number(count);
  const form = Number.isFinite(n) ? plural(locale).select(n) : "other";
  return m[form] ?? m.other;
}

export function createTranslator(locale: Locale, bundle: Bundle, fallback?: Bundle): Translator {
  const lookup = (key: string): Message | undefined => bundle.messages[key] ?? fallback?.messages[key];
  // "{name}" is vars.name; "{Name}" is the same with its first letter capitalised
  // (a label that starts a sentence). A string var "@key" is that message when
  // the catalogue has the key; any other text (a user's "@home") stays as it is.
  const value = (v: string | number): string => {
    if (typeof v === "number") return formatCount(locale, v);
    return v.startsWith("@") && lookup(v.slice(1)) !== undefined ? t(v.slice(1) as MessageKey) : v;
  };
  const interpolate = (text: string, vars?: Vars): string =>
    vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const v = vars[name];
          if (v !== undefined && v !== null) return value(v);
          const lower = name[0].toLowerCase() + name.slice(1);
          const w = lower !== name ? vars[lower] : undefined;
          if (w === undefined || w === null) return whole;
          const s = value(w);
          return s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
        })
      : text;
  const t = ((key: MessageKey, vars?: Vars) => {
    const m = lookup(key);
    if (m === undefined) return key;
    return interpolate(pick(locale, m, vars?.count), vars);
  }) as Translator;
  t.locale = locale;
  t.label = (group, value) => {
    if (value === null || value === undefined || value === "") return "";
    return bundle.enums[group]?.[value] ?? fallback?.enums[group]?.[value] ?? value;
  };
  t.options = (group) => {
    const source = fallback?.enums[group] ?? bundle.enums[group] ?? {};
    return Object.keys(source).map((value) => ({ value, label: t.label(group, value) }));
  };
  t.text = (raw) => {
    if (!raw) return "";
    if (!raw.startsWith(MARK)) return raw;
    try {
      const [key, vars] = JSON.parse(raw.slice(MARK.length)) as [MessageKey, Vars?];
      return t(key, vars);
    } catch {
      return raw;
    }
  };
  t.has = (key) => lookup(key) !== undefined;
  return t;
}
