import { dateTimeFormat } from "~/i18n/intl";
import { Fragment, type ReactNode } from "react";
import type { Locale } from "~/i18n/locales";
import type { MessageKey, Translator } from "~/i18n/translate";

/**
 * A translated sentence with elements (a link, a bold name, a <time>) at its
 * placeholders. The translator leaves "{name}" in place for a var it was not
 * given, so: `withNodes(t("common.list.empty.filtered", { one }), { link: <Link … /> })`.
 * The sentence stays whole in the catalogue, and each language puts the
 * element where its word order wants it.
 */
export function withNodes(text: string, nodes: Record<string, ReactNode>): ReactNode {
  const parts = text.split(/\{(\w+)\}/g);
  return parts.map((part, i) =>
    i % 2 === 1 ? <Fragment key={i}>{part in nodes ? nodes[part] : `{${part}}`}</Fragment> : part,
  );
}

/**
 * A moment in UTC as the record pages show it: English keeps its
 * "Mon, 23 Nov 2026 16:30:56 UTC"; other languages their own order and words.
 * (UTC both on the server and in the browser, so hydration agrees.)
 */
export function utcDateTime(value: string | Date, locale: Locale): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (locale === "en") return date.toUTCString().replace(" GMT", " UTC");
  // (dateStyle cannot be combined with timeZoneName: the parts are named one by one.)
  return dateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
}

/**
 * A field's name as given for the history or an edit conflict: a message key
 * ("activities.field.title"), an encoded message (message()), or plain text.
 */
export function fieldLabel(t: Translator, label: string): string {
  if (t.has(label)) return t(label as MessageKey);
  return t.text(label);
}
