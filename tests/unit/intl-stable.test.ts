import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dateTimeFormat } from "~/i18n/intl";
import { LOCALES } from "~/i18n/locales";

// Issue 14, item 16: a date formatted on the server must read exactly as the
// browser formats it while hydrating, although Node and Chromium carry other
// CLDR versions (Russian "2026\u202Fг." against "2026 г.", Korean "PM 9:21"
// against "오후 9:21"). tests/e2e/console-clean.spec.ts proves it in the
// browser; these check the rule and that no date is formatted around it.

const moment = new Date(Date.UTC(2026, 11, 4, 21, 21, 5));

describe("dates read the same in every ICU version", () => {
  it("writes no special space in any language and format", () => {
    for (const locale of LOCALES) {
      for (const options of [
        { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
        { month: "short", year: "numeric", timeZone: "UTC" },
        { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" },
        { dateStyle: "long", timeStyle: "medium", timeZone: "UTC" },
      ] satisfies Intl.DateTimeFormatOptions[]) {
        const f = dateTimeFormat(locale, options);
        expect(f.format(moment), `${locale} ${JSON.stringify(options)}`).not.toMatch(/[\u00a0\u2009\u202f]/);
        expect(f.formatToParts(moment).map((p) => p.value).join("")).toBe(f.format(moment));
      }
    }
  });

  it("gives times on the 24-hour clock, without a word for the half of the day", () => {
    expect(dateTimeFormat("ko", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(moment)).toContain("21:21:05");
    expect(dateTimeFormat("en", { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(moment)).toBe("21:21");
    expect(dateTimeFormat("ru", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(moment)).toMatch(/^4 декабря 2026 г\.,? (в )?21:21$/);
  });

  it("is the only place the app builds a date format", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !file.endsWith(path.join("i18n", "intl.ts"))) {
          const text = fs.readFileSync(file, "utf8");
          if (/new Intl\.DateTimeFormat|toLocale(Date|Time)?String\(/.test(text.replace(/toLocaleString\("en-GB"\)/g, ""))) offenders.push(file);
        }
      }
    };
    walk(path.resolve("app"));
    expect(offenders).toEqual([]);
  });
});
