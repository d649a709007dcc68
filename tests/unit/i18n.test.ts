import { describe, expect, it } from "vitest";
import { serverTranslator } from "~/i18n/catalogues.server";
import { createFormatter } from "~/i18n/format";
import { acceptLanguageLocale, resolveLocale } from "~/i18n/locale.server";
import { createTranslator, message } from "~/i18n/translate";

const req = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("choosing the language", () => {
  it("follows the browser's Accept-Language, with its q-values and regional tags", () => {
    expect(acceptLanguageLocale(req({ "accept-language": "ru-RU,ru;q=0.9,en;q=0.8" }))).toBe("ru");
    expect(acceptLanguageLocale(req({ "accept-language": "ko-KR" }))).toBe("ko");
    expect(acceptLanguageLocale(req({ "accept-language": "de-DE, ko;q=0.5, en;q=0.7" }))).toBe("en");
    expect(acceptLanguageLocale(req({ "accept-language": "de-DE" }))).toBeNull();
  });

  it("puts the saved choice before the cookie, and the cookie before the browser", () => {
    const r = req({ "accept-language": "ru", cookie: "a=1; concord_lang=ko" });
    expect(resolveLocale(r, "en")).toBe("en");
    expect(resolveLocale(r, null)).toBe("ko");
    expect(resolveLocale(req({ "accept-language": "ru" }), null)).toBe("ru");
    expect(resolveLocale(req({ cookie: "concord_lang=xx" }), "zz")).toBe("en");
  });
});

describe("translating", () => {
  const bundle = {
    messages: {
      "x.hello": "Hello, {name}",
      "x.items": { one: "{count} item", other: "{count} items" },
      "x.label": "a title",
      "x.enter": "Enter {label}.",
      "x.cap": "{Label} is wrong.",
    },
    enums: { role: { ADMIN: "Administrator" } },
  };
  const t = createTranslator("en", bundle);
  const tr = createTranslator("ru", { messages: { "x.items": { one: "{count} запись", few: "{count} записи", many: "{count} записей", other: "{count} записи" } }, enums: {} });

  it("fills placeholders, formats counts and picks plural forms by the language's rules", () => {
    // @ts-expect-error test keys are not in the catalogue's type
    expect(t("x.hello", { name: "Aigerim" })).toBe("Hello, Aigerim");
    // @ts-expect-error test key
    expect(t("x.items", { count: 1 })).toBe("1 item");
    // @ts-expect-error test key
    expect(t("x.items", { count: 1200 })).toBe("1,200 items");
    // @ts-expect-error test key
    expect([1, 3, 5, 21].map((count) => tr("x.items", { count }))).toEqual(["1 запись", "3 записи", "5 записей", "21 запись"]);
  });

  it("counts an import's changes and a year's women and men in the singular and plural each language uses", () => {
    const [en, ru, ko] = (["en", "ru", "ko"] as const).map((l) => serverTranslator(l));
    const nb = (s: string) => s.replace(/\u00a0|\u202f/g, " ");
    expect([1, 2, 1200].map((count) => en("imports.preview.apply", { count }))).toEqual(["Apply 1 change", "Apply 2 changes", "Apply 1,200 changes"]);
    expect([1, 2].map((count) => en("imports.preview.applied", { count }))).toEqual(["Applied: 1 record written.", "Applied: 2 records written."]);
    expect([1, 3, 5, 21, 1200].map((count) => nb(ru("imports.preview.applied", { count })))).toEqual([
      "Применено: записана 1 запись.",
      "Применено: записано 3 записи.",
      "Применено: записано 5 записей.",
      "Применено: записана 21 запись.",
      "Применено: записано 1 200 записей.",
    ]);
    expect(ko("imports.preview.apply", { count: 1 })).toBe("변경 사항 1건 적용");
    expect([1, 2].map((count) => en("portal.participants.womenCount", { count }))).toEqual(["1 woman", "2 women"]);
    expect([1, 2].map((count) => en("portal.participants.menCount", { count }))).toEqual(["1 man", "2 men"]);
  });

  it("decodes messages given for later translation, with labels that are keys themselves", () => {
    // @ts-expect-error test key
    expect(t.text(message("x.enter", { label: "@x.label" }))).toBe("Enter a title.");
    // @ts-expect-error test key
    expect(t.text(message("x.cap", { label: "@x.label" }))).toBe("A title is wrong.");
    // A user's text that happens to start with "@" is not a reference.
    // @ts-expect-error test key
    expect(t("x.hello", { name: "@home" })).toBe("Hello, @home");
    expect(t.text("Plain text stays.")).toBe("Plain text stays.");
  });

  it("names stored values, and shows an unknown value as it is", () => {
    expect(t.label("role", "ADMIN")).toBe("Administrator");
    expect(t.label("role", "NEW_ROLE")).toBe("NEW_ROLE");
  });

  it("shows the key of a message it does not have, so a gap is visible, and falls back to English on the server", () => {
    // @ts-expect-error test key
    expect(t("x.nothing")).toBe("x.nothing");
    expect(serverTranslator("ru")("common.signOut")).toBe("Выйти");
  });
});

describe("formats per language (Intl)", () => {
  const fmt = (l: "en" | "ru" | "ko") => createFormatter(serverTranslator(l));
  const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

  it("writes Korean won without decimals, roubles and tenge with kopecks and tiyn", () => {
    expect(fmt("ko").money(32000000000, "KRW")).toBe("₩32,000,000,000");
    expect(fmt("en").money("1250000.5", "USD")).toBe("US$1,250,000.50");
    expect(nb(fmt("ru").money("1250000.5", "RUB"))).toBe("1 250 000,50 ₽");
    expect(nb(fmt("ru").money(5000, "KZT"))).toBe("5 000,00 ₸");
    expect(nb(fmt("ru").amount("1250000.50", "KRW"))).toMatch(/^1 250 000(,5)? KRW$|^KRW 1 250 000/);
  });

  it("writes dates and numbers the way each language does", () => {
    const day = "2024-11-05T00:00:00.000Z";
    expect(fmt("en").date(day)).toBe("5 Nov 2024");
    expect(nb(fmt("ru").date(day))).toBe("5 нояб. 2024 г.");
    expect(fmt("ko").date(day)).toBe("2024년 11월 5일");
    expect(nb(fmt("ru").number(146619))).toBe("146 619");
    expect(fmt("ko").dateRange(null, day)).toContain("2024");
  });
});
