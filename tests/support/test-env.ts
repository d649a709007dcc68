// Which database the test run uses. TEST_DB=postgres needs TEST_DATABASE_URL,
// a connection with the right to create databases (scripts/test.sh sets one up).
export type TestDb = "embedded" | "postgres";

export function testDb(): TestDb {
  const kind = process.env.TEST_DB ?? "embedded";
  if (kind !== "embedded" && kind !== "postgres") throw new Error(`TEST_DB must be embedded or postgres, not ${kind}`);
  if (kind === "postgres" && !process.env.TEST_DATABASE_URL) {
    throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL (e.g. postgresql://concord_test:concord_test@127.0.0.1:5432/postgres)");
  }
  return kind;
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
