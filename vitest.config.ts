import path from "node:path";
import { defineConfig } from "vitest/config";

// Database tests run against a real database: the embedded PGlite by default,
// PostgreSQL when TEST_DB=postgres (TEST_DATABASE_URL). scripts/test.sh runs
// the suite once for each. Every test file gets a database of its own.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-db.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    onConsoleLog(log, type) {
      // Any console.error during a test fails it (see tests/support/setup-db.ts).
      return type === "stderr" ? true : undefined;
    },
  },
});
