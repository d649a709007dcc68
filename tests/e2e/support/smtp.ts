import { simpleParser } from "mailparser";
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { E2E_PORT } from "./e2e-env";

// A local SMTP server for the end-to-end tests: the app under test sends its
// mail to it (SMTP_URL in playwright.config.ts), each message is parsed and
// saved as JSON in MAIL_DIR, and specs read it with waitForMail and follow
// its link, as a person would from their inbox. Listens on 127.0.0.1 only.

export const SMTP_PORT = E2E_PORT + 1000;
export const MAIL_DIR = path.resolve(`tests/.artifacts/mail-${E2E_PORT}`);

export type SavedMail = { to: string[]; from: string; subject: string; text: string; html: string; date: string; file: string };

export async function startSmtpServer(port = SMTP_PORT, dir = MAIL_DIR): Promise<SMTPServer> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    // Plain SMTP on the loopback interface, no login: STARTTLS is not offered,
    // so the client does not try (and fail) to verify a self-signed certificate.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const record = {
            to,
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            date: new Date().toISOString(),
          };
          const name = `${Date.now()}-${String(++n).padStart(5, "0")}.json`;
          const tmp = path.join(dir, `.${name}.tmp`);
          fs.writeFileSync(tmp, JSON.stringify(record, null, 2));
          fs.renameSync(tmp, path.join(dir, name));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}

function readAll(dir: string): SavedMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("."))
    .sort()
    .map((f) => ({ ...(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Omit<SavedMail, "file">), file: f }));
}

/** All messages received so far for an address (oldest first). */
export function mailFor(to: string, dir = MAIL_DIR): SavedMail[] {
  const address = to.toLowerCase();
  return readAll(dir).filter((m) => m.to.includes(address));
}

/**
 * Waits for a message to `to` whose subject matches, received after `after`
 * messages for that address (default: the newest one that matches).
 */
export async function waitForMail(
  to: string,
  subject: RegExp | string,
  options: { timeoutMs?: number; after?: number; dir?: string } = {},
): Promise<SavedMail> {
  const { timeoutMs = 15_000, after = 0, dir = MAIL_DIR } = options;
  const match = (m: SavedMail) => (typeof subject === "string" ? m.subject.includes(subject) : subject.test(m.subject));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailFor(to, dir).slice(after).filter(match);
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error(`No mail to ${to} matching ${subject} within ${timeoutMs} ms (mail dir ${dir})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link in the message's text whose path starts with `pathPrefix`. */
export function linkIn(mail: SavedMail, pathPrefix: string): string {
  for (const m of mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (new URL(m[0]).pathname.startsWith(pathPrefix)) return m[0];
  }
  throw new Error(`No ${pathPrefix} link in the mail “${mail.subject}”:\n${mail.text}`);
}
