// npm run db:seed                   — the demo portfolio and demo accounts (idempotent)
// npm run db:seed -- --synthetic N  — N synthetic programmes for benchmarks (idempotent)
import { parseArgs } from "node:util";
import { seedDemoPortfolio, seedSyntheticPortfolio } from "../app/models/seed.server";
import { migrateDatabase } from "../app/utils/migrate.server";
import { runTask } from "./lifecycle";

const { values } = parseArgs({ options: { synthetic: { type: "string" } } });

runTask("db:seed", async () => {
  await migrateDatabase();
  if (values.synthetic !== undefined) {
    const n = Number(values.synthetic);
    if (!Number.isInteger(n) || n < 1) throw new Error("--synthetic takes a whole number of programmes, e.g. --synthetic 100");
    const created = await seedSyntheticPortfolio(n);
    return `Synthetic portfolio: ${JSON.stringify(created)}`;
  }
  const created = await seedDemoPortfolio();
  const total = Object.values(created).reduce((a, b) => a + b, 0);
  return total ? `Demo portfolio loaded: ${JSON.stringify(created)}` : "Demo portfolio already loaded: nothing to add.";
});
