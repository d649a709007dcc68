import path from "node:path";
import { defineConfig } from "vitest/config";

// The bench's own tests (the load runner must see failures to be trusted):
//   npx vitest run --config bench/vitest.config.ts
// Separate from the app's suite: no database, no global set-up.
export default defineConfig({
  root: path.resolve(__dirname, ".."),
  resolve: { alias: { "~": path.resolve(__dirname, "..", "app") } },
  test: {
    include: ["bench/**/*.test.ts"],
    testTimeout: 30_000,
    onConsoleLog(_log, type) {
      return type === "stderr" ? true : undefined;
    },
  },
});
