import type { OrganisationRole, PrismaClient, Role } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../app/auth/password.server";

// Factories make exactly the data a test needs, with unique names so tests
// never collide. They take the Prisma client to write with: the app's own
// (database tests) or one pointed at the end-to-end server's database.

export const uid = () => randomBytes(4).toString("hex");

/** Country rows are reference data; factories add the few they use. */
export async function ensureCountries(db: PrismaClient, codes: string[]) {
  const names: Record<string, [string, string, string]> = {
    BY: ["Belarus", "Беларусь", "벨라루스"],
    KZ: ["Kazakhstan", "Казахстан", "카자흐스탄"],
    KR: ["Korea, Republic of", "Республика Корея", "대한민국"],
    UZ: ["Uzbekistan", "Узбекистан", "우즈베키스탄"],
  };
  await db.country.createMany({
    data: codes.map((code) => {
      const [nameEn, nameRu, nameKo] = names[code] ?? [code, code, code];
      return { code, nameEn, nameRu, nameKo };
    }),
    skipDuplicates: true,
  });
}

export async function createOrganisation(db: PrismaClient, overrides: { shortName?: string; countryCode?: string | null } = {}) {
  const shortName = overrides.shortName ?? `ORG-${uid()}`;
  if (overrides.countryCode) await ensureCountries(db, [overrides.countryCode]);
  return db.organisation.create({
    data: { shortName, fullName: `${shortName} full name`, iatiTypeCode: "10", countryCode: overrides.countryCode ?? null },
  });
}

export async function createProgramme(
  db: PrismaClient,
  opts: { title?: string; countries?: string[]; funders?: string[]; code?: string; archived?: boolean; plannedStart?: Date | null } = {},
) {
  const countries = opts.countries ?? [];
  await ensureCountries(db, countries);
  const code = opts.code ?? `T-${uid()}`.toUpperCase();
  const roles: { organisationId: string; role: OrganisationRole }[] = (opts.funders ?? []).map((organisationId) => ({
    organisationId,
    role: "FUNDING",
  }));
  return db.programme.create({
    data: {
      code,
      title: opts.title ?? `Test programme ${code}`,
      status: "IMPLEMENTATION",
      plannedStart: opts.plannedStart === undefined ? new Date("2024-01-01") : opts.plannedStart,
      plannedEnd: new Date("2026-12-31"),
      archivedAt: opts.archived ? new Date() : null,
      countries: { create: countries.map((countryCode) => ({ countryCode })) },
      organisations: { create: roles },
    },
  });
}

export async function createUser(
  db: PrismaClient,
  opts: {
    role: Role;
    password?: string;
    email?: string;
    countries?: string[];
    organisationIds?: string[];
    isDemo?: boolean;
    deactivated?: boolean;
  },
) {
  const password = opts.password ?? `pw-${uid()}-${uid()}`;
  if (opts.countries) await ensureCountries(db, opts.countries);
  const user = await db.user.create({
    data: {
      email: opts.email ?? `${opts.role.toLowerCase()}-${uid()}@test.concord`,
      name: `Test ${opts.role.toLowerCase()}`,
      role: opts.role,
      passwordHash: await hashPassword(password),
      isDemo: opts.isDemo ?? false,
      deactivatedAt: opts.deactivated ? new Date() : null,
      countries: { create: (opts.countries ?? []).map((countryCode) => ({ countryCode })) },
      organisations: { create: (opts.organisationIds ?? []).map((organisationId) => ({ organisationId })) },
    },
  });
  return { user, password };
}
