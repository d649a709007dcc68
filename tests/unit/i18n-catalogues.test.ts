import { describe, expect, it } from "vitest";
import { BUNDLES } from "~/i18n/catalogues.server";
import { INTL_LOCALE, LOCALES, type Locale } from "~/i18n/locales";
import { en } from "~/i18n/messages/en";
import type { Message } from "~/i18n/messages/types";

// The translation files are complete (issue 7): every English message and
// every stored value's name exists in Russian and Korean, with the same
// placeholders and the plural forms the language needs, and nothing was left
// in English by mistake.

const OTHERS = LOCALES.filter((l): l is Exclude<Locale, "en"> => l !== "en");

/**
 * Messages that are rightly the same as in English: names, codes and
 * standards. Anything else that is still English is an untranslated string.
 */
// "IATI" is the standard's name, written in Latin script in every language.
const SAME_AS_ENGLISH = new Set<string>(["common.appName", "common.none", "iatiCheck.navMain"]);
const SAME_AS_ENGLISH_ENUMS = new Set<string>([
  // ISO and IATI codes, and names that are written in Latin script in every language.
]);

const NAMESPACES = new Set(Object.keys(en).map((k) => k.split(".")[0]));

function placeholders(m: Message): string[] {
  const texts = typeof m === "string" ? [m] : Object.values(m).filter((v): v is string => typeof v === "string");
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/\{(\w+)\}/g)) names.add(match[1].toLowerCase());
  return [...names].sort();
}

function looksEnglish(text: string): boolean {
  return /[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, ""));
}

describe("message catalogues", () => {
  it("every key starts with its namespace", () => {
    for (const key of Object.keys(en)) expect(key.split(".").length, key).toBeGreaterThan(1);
    expect(NAMESPACES.size).toBeGreaterThan(1);
  });

  for (const locale of OTHERS) {
    describe(locale, () => {
      const messages = BUNDLES[locale].messages;
      const categories = new Intl.PluralRules(INTL_LOCALE[locale]).resolvedOptions().pluralCategories;

      it("has every English key and no other", () => {
        const missing = Object.keys(en).filter((k) => !(k in messages));
        const extra = Object.keys(messages).filter((k) => !(k in en));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it("keeps each message's placeholders", () => {
        const wrong = Object.entries(en)
          .filter(([k, m]) => k in messages && placeholders(messages[k]).join() !== placeholders(m).join())
          .map(([k, m]) => `${k}: ${placeholders(m).join(",")} vs ${placeholders(messages[k]).join(",")}`);
        expect(wrong).toEqual([]);
      });

      it(`gives each plural the forms ${locale} needs`, () => {
        const wrong: string[] = [];
        for (const [k, m] of Object.entries(en)) {
          const theirs = messages[k];
          if (theirs === undefined) continue;
          if (typeof m === "string" && typeof theirs !== "string") wrong.push(`${k}: a plural where English has none`);
          if (typeof m !== "string") {
            if (typeof theirs === "string") wrong.push(`${k}: not a plural`);
            else for (const c of categories) if (theirs[c] === undefined && !(c === "other")) wrong.push(`${k}: no "${c}" form`);
          }
        }
        expect(wrong).toEqual([]);
      });

      it("leaves nothing untranslated and nothing empty", () => {
        const wrong = Object.entries(en)
          .filter(([k, m]) => {
            const theirs = messages[k];
            if (theirs === undefined) return false;
            if (JSON.stringify(theirs).replace(/[{}"\s:,]|one|other|few|many/g, "") === "") return true;
            return !SAME_AS_ENGLISH.has(k) && JSON.stringify(theirs) === JSON.stringify(m) && looksEnglish(JSON.stringify(m));
          })
          .map(([k]) => k);
        expect(wrong).toEqual([]);
      });

      it("names every stored value of every group", () => {
        const enEnums = BUNDLES.en.enums;
        const theirs = BUNDLES[locale].enums;
        const wrong: string[] = [];
        for (const [group, values] of Object.entries(enEnums)) {
          for (const [value, label] of Object.entries(values)) {
            const name = theirs[group]?.[value];
            if (!name) wrong.push(`${group}.${value}: missing`);
            else if (name === label && looksEnglish(label) && !SAME_AS_ENGLISH_ENUMS.has(`${group}.${value}`)) wrong.push(`${group}.${value}: still English`);
          }
          for (const value of Object.keys(theirs[group] ?? {})) if (!(value in values)) wrong.push(`${group}.${value}: not in English`);
        }
        expect(wrong).toEqual([]);
      });
    });
  }
});
