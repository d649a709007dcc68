import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { migrateDatabase, readMigrations } from "~/utils/migrate.server";

describe("migrations", () => {
  it("are recorded like Prisma records them and a second run applies nothing", async () => {
    const result = await migrateDatabase();
    expect(result.applied).toEqual([]);
    const local = readMigrations();
    expect(result.alreadyApplied).toBe(local.length);
    const rows = await prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(local.map((m) => m.checksum));
  });

  it("create the whole domain model with its integrity rules", async () => {
    const tables = await prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    const names = tables.map((t) => t.table_name);
    for (const t of [
      "Country", "Organisation", "Programme", "ProgrammeOrganisation", "ProgrammeCountry", "ProgrammeSector",
      "Agreement", "AgreementParty", "Activity", "ActivityAgreement", "ActivityOrganisation", "ActivityParticipantGroup",
      "Deliverable", "Outcome", "Indicator", "IndicatorPeriod", "FundingLine", "Document", "User", "Session",
      "UserCountry", "UserOrganisation", "AuditEvent", "Comment", "AuthToken", "RecoveryCode", "RateLimit",
    ]) {
      expect(names, t).toContain(t);
    }
    // By-sex participants may not exceed the total, even bypassing the forms.
    await prisma.country.create({ data: { code: "BY", nameEn: "Belarus", nameRu: "Беларусь", nameKo: "벨라루스" } });
    const programme = await prisma.programme.create({ data: { code: "CHK", title: "Check" } });
    await expect(
      prisma.activity.create({
        data: {
          programmeId: programme.id, kind: "WORKSHOP", title: "Too many",
          participantsTotal: 10, participantsFemale: 8, participantsMale: 5,
        },
      }),
    ).rejects.toThrow();
    // Money keeps its exact decimal value.
    const a = await prisma.agreement.create({
      data: { programmeId: programme.id, type: "CONTRACT", title: "KRW contract", value: "32000000000.00", currency: "KRW" },
    });
    expect(a.value?.toString()).toBe("32000000000");
    await expect(
      prisma.agreement.create({ data: { programmeId: programme.id, type: "CONTRACT", title: "bad", currency: "krw" } }),
    ).rejects.toThrow();
  });
});
