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

// Outgoing e-mail (invitations, password resets) through nodemailer.
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
  /** The one thing the reader should do: a button in HTML, a bare URL in text. */
  action?: { label: string; url: string };
  /** A closing note in small print (e.g. "If you did not ask for this, ignore it."). */
  footer?: string;
  /** The language the text is written in (English when not given). */
  locale?: Locale;
  /** What the mail is about (e.g. "notification <id>"), never sent: it names a failed send on /admin/jobs. */
  ref?: string;
};

export type SentMail = { messageId: string; file: string | null };

export function outboxDir(): string {
  const dir = env().CONCORD_DATA_DIR;
  if (dir.startsWith("memory://")) return path.join(os.tmpdir(), `concord-outbox-${process.pid}`);
  return path.join(dataDir(), "outbox");
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderText(message: MailMessage): string {
  const parts = [...message.paragraphs];
  if (message.action) parts.push(`${message.action.label}:\n${message.action.url}`);
  if (message.footer) parts.push(message.footer);
  parts.push("— Concord");
  return `${parts.join("\n\n")}\n`;
}

export function renderHtml(message: MailMessage): string {
  const locale = message.locale ?? DEFAULT_LOCALE;
  const t = serverTranslator(locale);
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text).replace(/\n/g, "<br>")}</p>`;
  const button = message.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(message.action.url)}" style="background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(message.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">${escapeHtml(t("mail.buttonFallback"))}<br>${escapeHtml(message.action.url)}</p>`
    : "";
  const footer = message.footer ? `<p style="margin:24px 0 0;font-size:13px;color:#475569">${escapeHtml(message.footer)}</p>` : "";
  return `<!doctype html><html lang="${locale}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a;max-width:560px">${message.paragraphs
    .map(p)
    .join("")}${button}${footer}<p style="margin:24px 0 0;color:#475569">— Concord</p></body></html>`;
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
