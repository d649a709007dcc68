import type { NotificationKind } from "@prisma/client";
import { simpleParser } from "mailparser";
import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { BUNDLES } from "~/i18n/catalogues.server";
import { LOCALES, type Locale } from "~/i18n/locales";
import type { MessageKey } from "~/i18n/translate";
import { renderHtml, renderText, sendMail, textWidth, wrapLine, type MailMessage } from "~/utils/mail.server";
import { DIGEST_NOTES, digestSample, invitationSample, MAIL_KINDS, notificationSample, REPORT_KINDS, resetSample } from "../support/mail-samples";

// Issue 21, point 6: every mail (each notification kind, the digest, the
// invitation and the password reset) in English, Russian and Korean, with long
// content: the HTML is one column that shrinks to a phone's width, in the
// reader's language; the plain-text part is wrapped for text clients without
// ever breaking an address. tests/e2e/mail-narrow.spec.ts renders the same
// mails in a browser at 320 px.

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

const MAX_LINE = 78;
const URL_LINE = /^\s*https?:\/\/\S+$/;

/** The words a reader sees in the HTML part (tags dropped, entities decoded, spaces collapsed). */
function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(title|style)[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/<div style="display:none[^"]*">[\s\S]*?<\/div>/, "")
    .replace(/<br>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
const flat = (s: string) => s.replace(/\s+/g, " ");

function raw(locale: Locale, key: MessageKey): string {
  const m = BUNDLES[locale].messages[key] as string | Record<string, string>;
  return typeof m === "string" ? m : Object.values(m).join("{}");
}
/** The fixed words of a message (what is left between its {placeholders}). */
const fragments = (locale: Locale, key: MessageKey) =>
  raw(locale, key)
    .split(/\{[^}]+\}/)
    .map((f) => f.trim().replace(/^[,.:;!)(“”«»"]+|[,.:;!)(“”«»"]+$/g, "").trim())
    .filter((f) => f.length >= 3);

type Case = { name: string; message: (l: Locale) => MailMessage; keys: MessageKey[]; htmlOnly: MessageKey[] };

const kindCase = (kind: NotificationKind): Case => ({
  name: kind,
  message: (l) => notificationSample(kind, l),
  keys: ["mail.hello", `notifications.text.${kind}` as MessageKey, `notifications.kind.${kind}` as MessageKey, "notifications.mail.open", "notifications.mail.footer"],
  htmlOnly: ["mail.buttonFallback"],
});
const digestKinds = [...new Set(DIGEST_NOTES.map((n) => n.kind))];
const CASES: Case[] = [
  ...MAIL_KINDS.map(kindCase),
  {
    name: "DIGEST",
    message: digestSample,
    keys: [
      "mail.hello",
      "notifications.mail.digestIntro",
      "notifications.mail.openInbox",
      "notifications.mail.footer",
      ...digestKinds.flatMap((k) => [`notifications.kind.${k}`, `notifications.text.${k}`] as MessageKey[]),
    ],
    htmlOnly: ["mail.buttonFallback"],
  },
  { name: "INVITATION", message: invitationSample, keys: ["mail.hello", "mail.invite.body", "mail.invite.until", "mail.invite.action", "mail.invite.footer"], htmlOnly: ["mail.buttonFallback"] },
  { name: "PASSWORD_RESET", message: resetSample, keys: ["mail.hello", "mail.reset.body", "mail.reset.action", "mail.reset.footer"], htmlOnly: ["mail.buttonFallback"] },
];

/** Every address a message links to. */
function urlsOf(m: MailMessage): string[] {
  return [
    ...(m.action ? [m.action.url] : []),
    ...(m.sections ?? []).flatMap((s) => s.items.map((i) => i.url)),
    ...(m.footer?.match(/https?:\/\/\S+/g) ?? []),
  ];
}

describe("the reporting cycle's kinds are all rendered", () => {
  it("covers every progress-report kind", () => {
    expect(MAIL_KINDS).toEqual(expect.arrayContaining([...REPORT_KINDS]));
    expect(CASES.length).toBeGreaterThanOrEqual(REPORT_KINDS.length + 3);
  });
});

describe.each(LOCALES)("mail in %s", (locale) => {
  describe.each(CASES)("$name", (c) => {
    const message = c.message(locale);
    const html = renderHtml(message);
    const text = renderText(message);

    it("is an HTML page in the reader's language that fits a phone: viewport, one column up to 600 px, no fixed width over 320 px", () => {
      expect(html).toMatch(new RegExp(`<html lang="${locale}" dir="ltr">`));
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<table role="presentation" width="100%"[^>]*style="width:100%;max-width:600px/);
      // Outlook on Windows (conditional comments) ignores max-width and gets its own 600 px table.
      const seen = html.replace(/<!--\[if mso\]>[\s\S]*?<!\[endif\]-->/g, "");
      const widths = [...seen.matchAll(/(?:^|[\s;"])(?:min-)?width(?:="|:\s*)(\d+)(?:px)?/g)].map((m) => Number(m[1]));
      expect(widths.filter((w) => w > 320)).toEqual([]);
      expect(seen).not.toMatch(/<link|<style|class="/);
      expect(html).toMatch(/font-family:[^;"]*'Noto Sans KR'[^;"]*'Malgun Gothic'/);
      expect(html).toMatch(/overflow-wrap:anywhere/);
    });

    it("is written in the reader's language in both parts, subject included", () => {
      const shown = visibleText(html);
      for (const key of c.keys) {
        for (const f of fragments(locale, key)) {
          if (key.startsWith("notifications.kind.")) expect(message.subject + shown + flat(text)).toContain(f);
          else {
            expect(shown, key).toContain(f);
            expect(flat(text), key).toContain(f);
          }
        }
      }
      for (const key of c.htmlOnly) for (const f of fragments(locale, key)) expect(shown).toContain(f);
      if (c.name === "DIGEST" || c.name.startsWith("REPORT_")) expect(message.subject).not.toBe("");
      if (locale === "en") return;
      // None of the English wording is left (the names and codes in the sample are not catalogue text).
      const own = c.keys.flatMap((k) => fragments(locale, k)).join(" ");
      for (const key of [...c.keys, ...c.htmlOnly]) {
        for (const f of fragments("en", key).filter((f) => /[A-Za-z]{3}/.test(f) && !own.includes(f))) {
          expect(shown, `${key}: ${f}`).not.toContain(f);
          expect(flat(text), `${key}: ${f}`).not.toContain(f);
          expect(message.subject).not.toContain(f);
        }
      }
    });

    it("has a plain-text part wrapped at 78 columns, every address whole on a line of its own", () => {
      expect(text.length).toBeGreaterThan(100);
      const long = text.split("\n").filter((line) => textWidth(line) > MAX_LINE && !URL_LINE.test(line));
      expect(long).toEqual([]);
      const lines = text.split("\n").map((l) => l.trim());
      for (const url of urlsOf(message)) {
        expect(lines).toContain(url);
        expect(html).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
      }
    });
  });

  it("lists every digest entry, with its link, in both parts", () => {
    const message = digestSample(locale);
    const html = renderHtml(message);
    const text = renderText(message);
    const items = (message.sections ?? []).flatMap((s) => s.items);
    expect(items).toHaveLength(DIGEST_NOTES.length);
    expect(html.match(/<li\b/g)).toHaveLength(items.length);
    expect(text.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(items.length);
    const lines = text.split("\n").map((l) => l.trim());
    for (const item of items) {
      expect(visibleText(html)).toContain(flat(item.text));
      expect(flat(text)).toContain(flat(item.text));
      expect(html).toContain(`<a href="${item.url}"`);
      expect(lines).toContain(item.url);
    }
    for (const section of message.sections ?? []) {
      expect(visibleText(html)).toContain(section.heading);
      expect(lines).toContain(section.heading);
    }
  });
});

describe("wrapping plain text", () => {
  it("breaks at spaces within the width, counts Korean characters as two columns, and never breaks an address", () => {
    const url = `https://concord.example.org/portal/reports/${"x".repeat(90)}`;
    const lines = wrapLine(`${"слово ".repeat(30)}${url} конец`, 72, "• ", "  ");
    expect(lines[0].startsWith("• ")).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith("  "))).toBe(true);
    expect(lines).toContain(`  ${url}`);
    expect(lines.filter((l) => !l.includes(url)).every((l) => l.length <= 72)).toBe(true);
    expect(lines.join(" ").replace(/\s+/g, " ")).toBe(`• ${"слово ".repeat(30)}${url} конец`);
    const ko = wrapLine("진행 보고서 ".repeat(20), 72);
    expect(ko.every((l) => textWidth(l) <= 72)).toBe(true);
    expect(ko.length).toBeGreaterThan(2);
  });
});

describe("sending", () => {
  it("sends text then HTML as multipart/alternative, with the subject and Content-Language in the reader's language", async () => {
    for (const locale of LOCALES) {
      const message = notificationSample("REPORT_RETURNED", locale);
      const sent = await sendMail(message);
      expect(sent.file).not.toBeNull();
      const eml = fs.readFileSync(sent.file!, "utf8");
      expect(eml).toMatch(/Content-Type: multipart\/alternative/);
      expect(eml.indexOf("Content-Type: text/plain; charset=utf-8")).toBeGreaterThan(-1);
      expect(eml.indexOf("Content-Type: text/plain")).toBeLessThan(eml.indexOf("Content-Type: text/html"));
      const mail = await simpleParser(eml);
      expect(mail.headers.get("content-language")).toBe(locale);
      expect(mail.subject).toBe(message.subject);
      expect(mail.text).toBe(renderText(message));
    }
  });
});
