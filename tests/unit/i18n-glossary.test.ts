import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLES } from "~/i18n/catalogues.server";
import type { Message } from "~/i18n/messages/types";

// The Russian and Korean catalogues use the terms docs/glossary.md fixes for
// each domain word (issue 21, point 5). The glossary is the only list of the
// terms: this test reads its table, so a translator changes one file.

type Row = { english: string; russian: string; korean: string; ruForms: string[]; avoidRu: string[]; avoidKo: string[] };

const GLOSSARY = path.resolve(__dirname, "../../docs/glossary.md");

function cells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
}

function list(cell: string): string[] {
  return cell === "—" || cell === "" ? [] : cell.split(",").map((s) => s.trim()).filter(Boolean);
}

function readGlossary(): Row[] {
  const lines = readFileSync(GLOSSARY, "utf8").split("\n").filter((l) => l.trim().startsWith("|"));
  const header = cells(lines[0] ?? "").join(" | ");
  if (header !== "English | Russian | Korean | Russian forms matched | Avoid (ru) | Avoid (ko) | Note")
    throw new Error(`${GLOSSARY}: the first table's columns are not the glossary's: ${header}`);
  return lines.slice(2).map((line) => {
    const [english, russian, korean, forms, avoidRu, avoidKo] = cells(line);
    return { english, russian, korean, ruForms: list(forms), avoidRu: list(avoidRu), avoidKo: list(avoidKo) };
  });
}

/**
 * Keys where the English word means something else than the glossary's
 * term, each with its reason. Keep it short: a wrong term is fixed in the
 * catalogue, not listed here.
 */
const OTHER_SENSE: { term: string; reason: string; keys: string[] }[] = [
  {
    term: "outcome",
    reason: "the IATI result type (конечный результат, 성과), not what an activity agreed",
    keys: ["indicators.v.resultTypeChoose", "enums.resultType.OUTCOME"],
  },
  { term: "ministry", reason: "a named ministry in an example title (보건부)", keys: ["documents.form.titleHint"] },
  { term: "apply", reason: "“applies” means takes effect («вступят в силу»)", keys: ["admin.notice.saved"] },
  {
    term: "archive",
    reason: "a compressed file (ZIP), not the archive of records",
    keys: ["documents.upload.refusedNested", "documents.upload.refusedNestedSize"],
  },
];
const otherSense = (key: string, term: string) => OTHER_SENSE.some((o) => o.term === term && o.keys.includes(key));

// Code lists named by the IATI and ISO standards (sectors, document
// categories, organisation types, countries): their wording is the
// standard's, not Concord's.
const CODE_LISTS = new Set(["sector", "documentCategory", "organisationType", "country"]);

function texts(m: Message | undefined): string[] {
  if (m === undefined) return [];
  return typeof m === "string" ? [m] : Object.values(m).filter((v): v is string => typeof v === "string");
}

/** Every message and every stored value's name of a language, by key. */
function catalogue(locale: "en" | "ru" | "ko"): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const bundle = BUNDLES[locale];
  for (const [key, m] of Object.entries(bundle.messages)) out.set(key, texts(m));
  for (const [group, values] of Object.entries(bundle.enums)) {
    if (CODE_LISTS.has(group)) continue;
    for (const [value, name] of Object.entries(values)) out.set(`enums.${group}.${value}`, [name]);
  }
  return out;
}

/** The English term as a whole word, in the singular or the plural (activity, activities). */
function englishWord(term: string): RegExp {
  const stem = term.endsWith("y") ? `${escape(term.slice(0, -1))}(y|ies)` : `${escape(term)}(s|es)?`;
  return new RegExp(`\\b${stem}\\b`, "i");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const noSpaces = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/**
 * An English message without what is not prose: placeholders ({programme}),
 * IATI element names (iati-activity) and addresses (/iati/…, https://…).
 */
function prose(text: string): string {
  return text.replace(/\{\w+\}/g, "").replace(/\biati-[\w-]+/gi, "").replace(/\S*\/\S*/g, "");
}

const rows = readGlossary();
const en = catalogue("en");
const ru = catalogue("ru");
const ko = catalogue("ko");

describe("glossary (docs/glossary.md)", () => {
  it("has a row per domain word, each with its terms", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const empty = rows.filter((r) => !r.english || !r.russian || !r.korean || r.ruForms.length === 0).map((r) => r.english);
    expect(empty).toEqual([]);
    const twice = rows.map((r) => r.english.toLowerCase()).filter((e, i, all) => all.indexOf(e) !== i);
    expect(twice).toEqual([]);
  });

  it("lists only keys that exist as used in another sense", () => {
    const wrong = OTHER_SENSE.flatMap(({ term, keys }) =>
      keys.filter((key) => !en.has(key) || !rows.some((r) => r.english === term)).map((key) => `${term}: ${key}`),
    );
    expect(wrong).toEqual([]);
  });

  for (const row of rows) {
    it(`translates “${row.english}” as «${row.russian}» and “${row.korean}”`, () => {
      const word = englishWord(row.english);
      const forms = row.ruForms.map((f) => f.toLowerCase());
      const failures: string[] = [];
      for (const [key, english] of en) {
        if (otherSense(key, row.english)) continue;
        if (!english.some((t) => word.test(prose(t)))) continue;
        for (const text of ru.get(key) ?? []) {
          if (!forms.some((f) => text.toLowerCase().includes(f)))
            failures.push(`ru ${key}: “${row.english}” needs «${row.russian}» (one of: ${row.ruForms.join(", ")}): ${text}`);
        }
        for (const text of ko.get(key) ?? []) {
          if (!noSpaces(text).includes(noSpaces(row.korean)))
            failures.push(`ko ${key}: “${row.english}” needs “${row.korean}”: ${text}`);
        }
      }
      for (const [lang, messages, avoid] of [["ru", ru, row.avoidRu], ["ko", ko, row.avoidKo]] as const) {
        for (const variant of avoid) {
          const v = noSpaces(variant);
          for (const [key, list] of messages)
            for (const text of list)
              if (noSpaces(text).includes(v))
                failures.push(`${lang} ${key}: “${variant}” is to be avoided, use “${lang === "ru" ? row.russian : row.korean}”: ${text}`);
        }
      }
      // One line per message to fix, in full (a diff of the array would be cut short).
      expect(failures.length, `\n${failures.join("\n")}\n`).toBe(0);
    });
  }
});
