import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { serverTranslator } from "~/i18n/catalogues.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales";
import { dataDir, env } from "./env.server";
import { loadOnFirstUse } from "./load-on-first-use.server";

// Outgoing e-mail (invitations, password resets, notifications and their
// digests) through nodemailer, each as plain text and HTML.
// With SMTP_URL set, messages go to that server. Without it (a local demo, a
// developer's machine) they are written as .eml files under <data dir>/outbox
// and the server logs where, so the link can be opened from the file.
// The composer writes subject and text in the recipient's language (their
// saved User.locale, else the language of whoever caused the mail) and says
// which in `locale`; the frame around the text follows it.

export type MailMessage = {
  to: string;
  subject: string;
  /** Paragraphs of plain text; the HTML part is built from the same text. */
  paragraphs: string[];
  /** Lists after the paragraphs (a digest's kinds): a heading, then one entry per item with its link. */
  sections?: MailSection[];
  /** The one thing the reader should do: a button in HTML, a bare URL in text. */
  action?: { label: string; url: string };
  /** A closing note in small print (e.g. "If you did not ask for this, ignore it."). */
  footer?: string;
  /** What a mail client shows next to the subject in its list, hidden in the HTML body (else the client shows the body's first words). */
  preheader?: string;
  /** The language the text is written in (English when not given). */
  locale?: Locale;
  /** What the mail is about (e.g. "notification <id>"), never sent: it names a failed send on /admin/jobs. */
  ref?: string;
};

export type MailSection = {
  heading: string;
  items: { text: string; url: string }[];
  /** A last line after the items (e.g. "…and 3 more in your inbox"). */
  more?: string;
};

export type SentMail = { messageId: string; file: string | null };

export function outboxDir(): string {
  const dir = env().CONCORD_DATA_DIR;
  if (dir.startsWith("memory://")) return path.join(os.tmpdir(), `concord-outbox-${process.pid}`);
  return path.join(dataDir(), "outbox");
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

// ---------------------------------------------------------------------------
// The plain-text part: what text-only clients (and screen readers of some
// webmail) show. Lines are wrapped at TEXT_WIDTH columns, a Korean or other
// wide character counting two, as a terminal shows it; a URL is never broken
// and always stands on a line of its own, so every client can link it.

export const TEXT_WIDTH = 72;

const isUrl = (word: string) => /^https?:\/\/\S+$/.test(word);

/** Columns a string takes in a fixed-width font: East Asian wide characters count two. */
export function textWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/**
 * One line of text wrapped at `width` columns at its spaces; the first line
 * starts with `first`, the others with `rest` (a list's hanging indent). A
 * URL gets a line of its own. A word longer than a line (Korean glues
 * particles to names: "…님(name@example.org)이") is broken before "(" and
 * after ")" where it has them, else kept whole.
 */
export function wrapLine(line: string, width = TEXT_WIDTH, first = "", rest = first): string[] {
  const tokens: { word: string; glued: boolean }[] = [];
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const parts = !isUrl(word) && textWidth(word) > width - textWidth(rest) ? word.split(/(?=\()|(?<=\))/).filter(Boolean) : [word];
    parts.forEach((part, i) => tokens.push({ word: part, glued: i > 0 }));
  }
  const out: string[] = [];
  let current = first;
  let empty = true;
  const flush = () => {
    if (!empty) out.push(current);
    current = out.length ? rest : first;
    empty = true;
  };
  for (const { word, glued } of tokens) {
    if (isUrl(word)) {
      flush();
      out.push((out.length ? rest : first) + word);
      current = rest;
      continue;
    }
    const gap = glued ? "" : " ";
    if (!empty && textWidth(current) + gap.length + textWidth(word) > width) flush();
    current = empty ? current + word : `${current}${gap}${word}`;
    empty = false;
  }
  flush();
  return out.length ? out : [first.trimEnd()];
}

const wrapText = (text: string, first = "", rest = first) =>
  text
    .split("\n")
    .flatMap((line, i) => wrapLine(line, TEXT_WIDTH, i === 0 ? first : rest, rest))
    .join("\n");

export function renderText(message: MailMessage): string {
  const parts = message.paragraphs.map((p) => wrapText(p));
  for (const section of message.sections ?? []) {
    const lines = [wrapText(section.heading), ""];
    for (const item of section.items) lines.push(wrapText(item.text, "• ", "  "), `  ${item.url}`, "");
    if (section.more) lines.push(wrapText(section.more, "  "));
    parts.push(lines.join("\n").trimEnd());
  }
  if (message.action) parts.push(`${wrapText(`${message.action.label}:`)}\n${message.action.url}`);
  if (message.footer) parts.push(wrapText(message.footer));
  parts.push("— Concord");
  return `${parts.join("\n\n")}\n`;
}

// ---------------------------------------------------------------------------
// The HTML part, for the clients people read on phones (Gmail's app, Apple
// Mail, Outlook): one column in a table 100% wide up to 600 px (Outlook on
// Windows, which ignores max-width, gets a 600 px table in a conditional
// comment), inline styles only, long words and addresses wrapping, a button
// that is a link in a coloured cell (it wraps too), fonts with Cyrillic and
// Hangul on every system.

const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',Arial,sans-serif";
const MUTED = "#475569";
const LINK = "#1d4ed8";

export function renderHtml(message: MailMessage): string {
  const locale = message.locale ?? DEFAULT_LOCALE;
  const t = serverTranslator(locale);
  // Korean breaks between words (its spaces), not inside one; any over-long word or address still wraps.
  const wrap = `word-break:${locale === "ko" ? "keep-all" : "break-word"};overflow-wrap:anywhere`;
  // An address moves to a line of its own first, and breaks only where it is longer than the line.
  const urlWrap = "word-break:break-word;overflow-wrap:anywhere";
  const lines = (text: string) => escapeHtml(text).replace(/\n/g, "<br>");
  const link = (url: string, text: string, style = "") =>
    `<a href="${escapeHtml(url)}" style="color:${LINK};text-decoration:underline;${style}">${lines(text)}</a>`;
  const p = (text: string) => `<p style="margin:0 0 16px">${lines(text)}</p>`;

  const sections = (message.sections ?? [])
    .map(
      (s) =>
        `<h2 style="margin:24px 0 8px;font-size:16px;line-height:1.4;font-weight:700;color:#0f172a">${lines(s.heading)}</h2>` +
        `<ul style="margin:0 0 16px;padding:0 0 0 20px">${s.items
          .map((item) => `<li style="margin:0 0 10px;padding:0">${link(item.url, item.text)}</li>`)
          .join("")}</ul>` +
        (s.more ? `<p style="margin:0 0 16px;color:${MUTED}">${lines(s.more)}</p>` : ""),
    )
    .join("");

  const button = message.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:24px 0;border-collapse:separate;max-width:100%"><tr>` +
      `<td style="border-radius:6px;background:${LINK};mso-padding-alt:12px 20px">` +
      `<a href="${escapeHtml(message.action.url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${LINK};color:#ffffff;text-decoration:none;font-weight:600;font-size:16px;line-height:1.3;${wrap}">${lines(message.action.label)}</a>` +
      `</td></tr></table>` +
      `<p style="margin:0 0 16px;font-size:13px;color:${MUTED}">${lines(t("mail.buttonFallback"))}<br>${link(message.action.url, message.action.url, urlWrap)}</p>`
    : "";

  // A URL in the small print (the notification settings) is a link, and breaks anywhere.
  const footer = message.footer
    ? `<p style="margin:24px 0 0;font-size:13px;color:${MUTED}">${message.footer
        .split(/(https?:\/\/\S+)/)
        .map((part, i) => (i % 2 ? link(part, part, urlWrap) : lines(part)))
        .join("")}</p>`
    : "";

  return (
    `<!doctype html><html lang="${locale}" dir="ltr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="x-apple-disable-message-reformatting"><meta name="color-scheme" content="light only"><meta name="supported-color-schemes" content="light">` +
    `<title>${escapeHtml(message.subject)}</title></head>` +
    `<body style="margin:0;padding:0;width:100%;background:#f1f5f9;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%">` +
    (message.preheader
      ? `<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:#f1f5f9">${escapeHtml(message.preheader)}</div>`
      : "") +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background:#f1f5f9"><tr>` +
    `<td align="center" style="padding:16px 8px">` +
    `<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;border-collapse:separate">` +
    `<tr><td style="padding:24px 16px;font-family:${FONT};font-size:16px;line-height:1.5;color:#0f172a;text-align:left;${wrap}">` +
    message.paragraphs.map(p).join("") +
    sections +
    button +
    footer +
    `<p style="margin:24px 0 0;color:${MUTED}">— Concord</p>` +
    `</td></tr></table>` +
    `<!--[if mso]></td></tr></table><![endif]-->` +
    `</td></tr></table></body></html>`
  );
}

const mailer = loadOnFirstUse<typeof Nodemailer>("nodemailer");

let smtpTransport: Transporter | undefined;

function transport(): Transporter {
  const url = env().SMTP_URL;
  if (url) {
    smtpTransport ??= mailer().createTransport(url);
    return smtpTransport;
  }
  return mailer().createTransport({ streamTransport: true, buffer: true, newline: "unix" });
}

/** Sends one message; throws when the SMTP server refuses it or cannot be reached. */
export async function sendMail(message: MailMessage): Promise<SentMail> {
  const e = env();
  const info = await transport().sendMail({
    from: e.MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: renderText(message),
    html: renderHtml(message),
    headers: { "Content-Language": message.locale ?? DEFAULT_LOCALE },
  });
  if (e.SMTP_URL) return { messageId: info.messageId, file: null };

  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}.eml`);
  await fs.writeFile(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
  console.log(`Mail to ${message.to} (“${message.subject}”) written to ${file} — SMTP_URL is not set`);
  return { messageId: info.messageId, file };
}
