import type { PrismaClient, Role } from "@prisma/client";
import { randomBytes } from "node:crypto";

// The app's own modules, loaded into the bench process against the bench
// database: the seeds, Prisma, and lucia's session store. They read
// DATABASE_URL once, when first imported, so everything here is imported
// dynamically, after the harness has set DATABASE_URL to the bench database.

export type BenchApp = {
  prisma: PrismaClient;
  seedDemo(): Promise<Record<string, number>>;
  seedSynthetic(programmes: number): Promise<Record<string, number>>;
  /** A user with a live session, as its Cookie header value. */
  signedIn(role: Role, scope?: { countries?: string[]; organisationShortNames?: string[] }): Promise<Persona>;
  close(): Promise<void>;
};

export type Persona = { userId: string; email: string; role: Role; cookie: string };

export async function openApp(databaseUrl: string): Promise<BenchApp> {
  const { env } = await import("../../app/utils/env.server");
  if (env().DATABASE_URL !== databaseUrl) {
    throw new Error("the app's modules were loaded before the bench database was chosen (set DATABASE_URL before importing any of them)");
  }
  const { prisma, closeDatabase } = await import("../../app/utils/db.server");
  const { seedDemoPortfolio, seedSyntheticPortfolio } = await import("../../app/models/seed.server");
  const { startSession } = await import("../../app/auth/session.server");

  return {
    prisma,
    seedDemo: seedDemoPortfolio,
    seedSynthetic: seedSyntheticPortfolio,
    async signedIn(role, scope = {}) {
      const organisations = scope.organisationShortNames?.length
        ? await prisma.organisation.findMany({ where: { shortName: { in: scope.organisationShortNames } }, select: { id: true, shortName: true } })
        : [];
      const missing = (scope.organisationShortNames ?? []).filter((s) => !organisations.some((o) => o.shortName === s));
      if (missing.length) throw new Error(`bench users: no organisation ${missing.join(", ")} in the seeded data`);
      const staff = role === "ADMIN" || role === "STAFF";
      // No password: bench accounts cannot be signed into through the form.
      // Staff have MFA set up (required for their role) and their session has
      // passed it, as a real staff session would after the second factor.
      const user = await prisma.user.create({
        data: {
          email: `bench-${role.toLowerCase()}-${randomBytes(4).toString("hex")}@bench.concord`,
          name: `Bench ${role.toLowerCase()}`,
          role,
          passwordHash: null,
          ...(staff ? { totpSecret: randomBytes(20).toString("hex"), totpEnabledAt: new Date() } : {}),
          countries: { create: (scope.countries ?? []).map((countryCode) => ({ countryCode })) },
          organisations: { create: organisations.map((o) => ({ organisationId: o.id })) },
        },
      });
      const setCookie = await startSession(user.id, { ip: "127.0.0.1", userAgent: "concord-bench" });
      const cookie = setCookie.split(";")[0]!;
      const sessionId = cookie.slice(cookie.indexOf("=") + 1);
      await prisma.session.update({ where: { id: sessionId }, data: { mfaVerified: true } });
      return { userId: user.id, email: user.email, role, cookie };
    },
    close: closeDatabase,
  };
}
