import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
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

export type DemoAccount = { email: string; password: string; role: string; countries: string[]; organisations: string[] };

/**
 * The demo accounts for the sign-in page (issue 14, item 20), so a visitor of
 * the demo can sign in: only in demo mode (CONCORD_DEMO=1, the only mode in
 * which they can sign in) and only those the database holds. Their passwords
 * are public (README); outside demo mode this is always empty.
 */
export async function demoSignInAccounts(): Promise<DemoAccount[]> {
  if (!env().CONCORD_DEMO) return [];
  const present = await prisma.user.findMany({
    where: { isDemo: true, deactivatedAt: null, email: { in: DEMO_USERS.map((u) => u.email) } },
    select: { email: true },
  });
  const have = new Set(present.map((u) => u.email));
  return DEMO_USERS.filter((u) => have.has(u.email)).map((u) => ({
    email: u.email,
    password: u.password,
    role: u.role,
    countries: u.countries ?? [],
    organisations: u.organisationShortNames ?? [],
  }));
}
