import type { SMTPServer } from "smtp-server";
import { sweepAbandonedDatabases } from "../../support/test-databases";
import { startSmtpServer, SMTP_PORT } from "./smtp";

// Playwright's global setup: the local SMTP server the app sends its mail to.
// It runs in the runner process for the whole run; global-teardown.ts closes it.
// It also drops the databases that killed test runs left on the test server
// (the end-to-end server's own database is made by start-server.sh).

declare global {
  // eslint-disable-next-line no-var
  var __concordSmtpServer: SMTPServer | undefined;
}

export default async function globalSetup() {
  const swept = await sweepAbandonedDatabases(process.env.TEST_DATABASE_URL!);
  if (swept.length) process.stdout.write(`Dropped ${swept.length} database(s) left by earlier test runs that were stopped.\n`);
  globalThis.__concordSmtpServer = await startSmtpServer(SMTP_PORT);
}
