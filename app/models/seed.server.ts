import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/utils/db.server";
import { seedCountries } from "../../prisma/seed/countries";
import { seedDemo } from "../../prisma/seed/demo";
import { DEMO_USERS } from "../../prisma/seed/demo-users";
import { seedSynthetic } from "../../prisma/seed/synthetic";

/** Loads the demo portfolio and the demo accounts; creates only what is missing. */
export async function seedDemoPortfolio(): Promise<Record<string, number>> {
  // seedDemo loads the countries itself (and counts them).
  const users = await Promise.all(
    DEMO_USERS.map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })),
  );
  const { created } = await seedDemo(prisma, { users });
  return created;
}

export async function seedSyntheticPortfolio(programmes: number): Promise<Record<string, number>> {
  await seedCountries(prisma);
  return seedSynthetic(prisma, { programmes });
}

export async function isPortfolioEmpty(): Promise<boolean> {
  return (await prisma.programme.count()) === 0;
}
