import fs from "node:fs";
import { assertRunLeftNothing, dropTestDatabase, runOwner } from "../../support/test-databases";
import { E2E_DATABASE, E2E_RUN_PID } from "./e2e-env";
import { MAIL_DIR } from "./smtp";

// Closes the SMTP server started by global-setup.ts, and throws the run's
// data away: the server's database (the server itself is stopped after this,
// its connections are ended with the database: it logs one "connection lost"
// line), the uploads directory and the mail the tests read.
// The run fails if a database of it is still on the test server.
export default async function globalTeardown() {
  const server = globalThis.__concordSmtpServer;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  globalThis.__concordSmtpServer = undefined;

  const admin = process.env.TEST_DATABASE_URL!;
  await dropTestDatabase(admin, E2E_DATABASE);
  if (process.env.CONCORD_UPLOADS_DIR) fs.rmSync(process.env.CONCORD_UPLOADS_DIR, { recursive: true, force: true });
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
  await assertRunLeftNothing(admin, runOwner(E2E_RUN_PID));
}
