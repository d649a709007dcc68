import { describe, expect, it } from "vitest";
import { createFormatter } from "~/i18n/format";
import { createTranslator } from "~/i18n/translate";
import { formatUtcDateTime } from "~/utils/format";

// Issue 15: the one formatter of a moment's date and time (histories,
// comments, acknowledgements, edit conflicts, sign-ins, sessions, invitation
// mails, the recovery-codes file). Always UTC, on the 24-hour clock, with the
// zone named, in the reader's language.

describe("formatUtcDateTime", () => {
  // 23:45 UTC on 31 December: in any zone east of UTC this is already the next year.
  const moment = new Date("2026-12-31T23:45:30Z");

  it("writes the UTC date and time, whatever the machine's time zone", () => {
    expect(formatUtcDateTime(moment, "en")).toBe("31 Dec 2026, 23:45 UTC");
    expect(formatUtcDateTime("2026-03-02T09:05:00.000Z", "en")).toBe("2 Mar 2026, 09:05 UTC");
  });

  it("writes each language's own order and words, on the 24-hour clock", () => {
    const ru = formatUtcDateTime(moment, "ru");
    expect(ru).toMatch(/^31 дек\. 2026 г\., 23:45 UTC$/);
    const ko = formatUtcDateTime(moment, "ko");
    expect(ko).toMatch(/^2026년 12월 31일 23:45 UTC$/);
    for (const text of [ru, ko]) expect(text).not.toMatch(/[\u00a0\u202f\u2009]|AM|PM|오후|오전/);
  });

  it("shows a dash for no value or an invalid one", () => {
    expect(formatUtcDateTime(null, "en")).toBe("—");
    expect(formatUtcDateTime(undefined, "ru")).toBe("—");
    expect(formatUtcDateTime("not a date", "ko")).toBe("—");
  });

  it("is what the page formatter's dateTime gives", () => {
    const fmt = createFormatter(createTranslator("ru", { messages: {}, enums: {} }));
    expect(fmt.dateTime(moment)).toBe(formatUtcDateTime(moment, "ru"));
  });
});
