// npm run db:migrate — applies pending migrations to the configured database
// (embedded by default, or DATABASE_URL). Safe to run again.
import { databaseKind } from "../app/utils/db.server";
import { migrateDatabase } from "../app/utils/migrate.server";
import { runTask } from "./lifecycle";

runTask("db:migrate", async () => {
  const { applied, alreadyApplied } = await migrateDatabase();
  const where = databaseKind() === "postgres" ? "PostgreSQL" : "the embedded database";
  return applied.length
    ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
    : `${where}: up to date (${alreadyApplied} migration(s) applied earlier)`;
});
