import type { SMTPServer } from "smtp-server";
import { startSmtpServer, SMTP_PORT } from "./smtp";

// Playwright's global setup: the local SMTP server the app sends its mail to.
// It runs in the runner process for the whole run; global-teardown.ts closes it.

declare global {
  // eslint-disable-next-line no-var
  var __concordSmtpServer: SMTPServer | undefined;
}

export default async function globalSetup() {
  globalThis.__concordSmtpServer = await startSmtpServer(SMTP_PORT);
}
