// npm run db:migrate — applies pending migrations to the configured database
// (embedded by default, or DATABASE_URL). Safe to run again.
import { seedCountries } from "../prisma/seed/countries";
import { databaseKind, prisma } from "../app/utils/db.server";
import { migrateDatabase } from "../app/utils/migrate.server";
import { runTask } from "./lifecycle";

runTask("db:migrate", async () => {
  const { applied, alreadyApplied } = await migrateDatabase();
  // Countries are reference data (ISO 3166-1 from i18n-iso-countries): every database needs them.
  await seedCountries(prisma);
  const where = databaseKind() === "postgres" ? "PostgreSQL" : "the embedded database";
  return applied.length
    ? `Applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
    : `${where}: up to date (${alreadyApplied} migration(s) applied earlier)`;
});
