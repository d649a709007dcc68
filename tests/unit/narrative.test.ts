import { describe, expect, it } from "vitest";
import { inReaderLanguage, narrative } from "~/i18n/narrative";

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
