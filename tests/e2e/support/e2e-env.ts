export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
// One database per port, so several end-to-end runs can go on at once.
export const E2E_DATABASE = `concord_e2e_${E2E_PORT}`;

/** The end-to-end server's database: TEST_DATABASE_URL's server, database concord_e2e. */
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
