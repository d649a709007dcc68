import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/locales";
import { inReaderLanguage, narrative, readerView } from "~/i18n/narrative";

// Issue 7, item 3: a record's title and texts in the reader's language where
// the record has them (IATI narratives), else in the record's own language.

const programme = {
  code: "BY-DRG",
  title: "DRG pilot in Belarus",
  description: "Pilot of diagnosis-related groups",
  lang: "en",
  translations: { ru: { title: "Пилотное внедрение КЗГ в Беларуси" }, ko: { title: "벨라루스 DRG 시범사업", description: "  " } },
  startsOn: new Date("2019-11-25T00:00:00Z"),
  activities: [{ title: "Study visit", lang: "en", translations: { ru: { title: "Ознакомительный визит" } } }],
};

describe("record texts in the reader's language", () => {
  it("takes each field from the reader's language when the record has it, else keeps the record's own", () => {
    expect(narrative(programme, "title", programme.title, "ru")).toBe("Пилотное внедрение КЗГ в Беларуси");
    expect(narrative(programme, "description", programme.description, "ru")).toBe(programme.description);
    expect(narrative(programme, "description", programme.description, "ko")).toBe(programme.description);
    expect(narrative(programme, "title", programme.title, "en")).toBe(programme.title);
  });

  it("keeps a record written in the reader's language as it is", () => {
    const ru = { title: "Семинар", lang: "ru", translations: { ru: { title: "other" } } };
    expect(narrative(ru, "title", ru.title, "ru")).toBe("Семинар");
  });

  it("walks loader data: nested records too, dates untouched, nothing changed in place", () => {
    const out = inReaderLanguage({ programme }, "ru");
    expect(out.programme.title).toBe("Пилотное внедрение КЗГ в Беларуси");
    expect(out.programme.activities[0].title).toBe("Ознакомительный визит");
    expect(out.programme.startsOn).toBe(programme.startsOn);
    expect(out.programme.code).toBe("BY-DRG");
    expect(programme.title).toBe("DRG pilot in Belarus");
    expect(inReaderLanguage({ programme }, "ko").programme.title).toBe("벨라루스 DRG 시범사업");
  });
});

// The reference: what inReaderLanguage and readerView returned before they
// were made to copy only what changes (issue 16): a full copy, then a second
// full copy without the narratives.
function referenceWalk(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((v) => referenceWalk(v, locale));
  if (!value || typeof value !== "object" || value instanceof Date || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) out[k] = referenceWalk(v, locale);
  if ("translations" in source) {
    for (const field of ["title", "description", "text", "fullName"]) {
      const own = source[field];
      if (typeof own === "string") out[field] = narrative(source, field, own, locale);
    }
  }
  return out;
}
function referenceDrop(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceDrop);
  if (!value || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const source = value as Record<string, unknown>;
  const narrated = "translations" in source;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) {
    if (narrated && (k === "lang" || k === "translations")) continue;
    out[k] = referenceDrop(v);
  }
  return out;
}

const text = fc.constantFrom("", "  ", "Семинар", "Study visit", "연수");
const translations = fc.dictionary(fc.constantFrom("en", "ru", "ko", "fr"), fc.record({ title: text, description: text, text, fullName: fc.oneof(text, fc.integer()) }, { requiredKeys: [] }));
const record = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, undefined, 1, true, "x", new Date("2026-01-02T00:00:00Z")),
    text,
    fc.array(tie("value"), { maxLength: 3 }),
    tie("object"),
  ),
  object: fc.record(
    {
      title: text,
      description: fc.oneof(text, fc.constant(null)),
      fullName: text,
      code: text,
      lang: fc.constantFrom("en", "ru", "ko", null),
      translations: fc.oneof(translations, fc.constant(null)),
      child: tie("value"),
      children: fc.array(tie("value"), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
})).value;

describe("inReaderLanguage and readerView copy only what changes", () => {
  it("give what the full-copy versions gave, for any loader data and language", () => {
    fc.assert(
      fc.property(record, fc.constantFrom<Locale>("en", "ru", "ko"), (data, locale) => {
        const before = structuredClone(data);
        expect(inReaderLanguage(data, locale)).toEqual(referenceWalk(data, locale));
        expect(readerView(data, locale)).toEqual(referenceDrop(referenceWalk(data, locale)));
        expect(data, "the input is not changed").toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it("share the parts with nothing to change, and copy the path to a change", () => {
    const calendar = { days: [{ day: 1, count: 3 }], month: "2026-12" };
    const data = { calendar, programmes: [programme], totals: { programmes: 1 } };
    const ru = inReaderLanguage(data, "ru");
    expect(ru.calendar).toBe(calendar);
    expect(ru.totals).toBe(data.totals);
    expect(ru).not.toBe(data);
    expect(ru.programmes[0]).not.toBe(programme);
    expect(ru.programmes[0]!.title).toBe("Пилотное внедрение КЗГ в Беларуси");
    // Nothing to change at all: the data itself.
    const plain = { calendar, totals: { programmes: 1 } };
    expect(inReaderLanguage(plain, "ru")).toBe(plain);
    expect(readerView(plain, "ru")).toBe(plain);
    // readerView drops the narratives of records even in their own language.
    const view = readerView(data, "en");
    expect(view.calendar).toBe(calendar);
    expect(view.programmes[0]).not.toHaveProperty("translations");
    expect(view.programmes[0]).not.toHaveProperty("lang");
  });
});
