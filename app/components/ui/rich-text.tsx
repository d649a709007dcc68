import { Fragment, type ReactNode } from "react";
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
 * A field's name as given for the history or an edit conflict: a message key
 * ("activities.field.title"), an encoded message (message()), or plain text.
 */
export function fieldLabel(t: Translator, label: string): string {
  if (t.has(label)) return t(label as MessageKey);
  return t.text(label);
}
