export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
// One database per port, so several end-to-end runs can go on at once. It
// lives for one run: start-server.sh makes it afresh (labelled with the run,
// tests/support/test-databases.ts), global-teardown.ts drops it.
export const E2E_DATABASE = `concord_e2e_${E2E_PORT}`;

// The Playwright runner's process id, the owner of the run's database. Set
// by the runner when it loads the config; its workers inherit it.
process.env.CONCORD_TEST_RUN_PID ??= String(process.pid);
export const E2E_RUN_PID = Number(process.env.CONCORD_TEST_RUN_PID);

/** The end-to-end server's database: TEST_DATABASE_URL's server, database concord_e2e_<port>. */
export function e2eDatabaseUrl(): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    throw new Error(
      "End-to-end tests need a PostgreSQL server: set TEST_DATABASE_URL (npm test sets it up), " +
        "e.g. postgresql://concord_test:concord_test@127.0.0.1:5432/postgres",
    );
  }
  const url = new URL(base);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}
