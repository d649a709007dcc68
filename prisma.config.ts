// Prisma CLI configuration. The CLI runs with the JavaScript schema engine
// (`engine: "js"`) over a driver adapter because native engine binaries cannot
// be downloaded on our machines (see docs/decisions/0002-database.md).
//
// The CLI is only used for `prisma generate` and `prisma migrate diff`; both
// work against a throw-away in-memory PGlite. Migrations are *applied* by
// scripts/db-migrate.ts, which speaks to PGlite or PostgreSQL directly.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  adapter: async () => new PrismaPGlite(new PGlite()),
});
