// Checks the seed itself (the one test allowed to rely on the demo data).
import type { PrismaClient } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { getPortalProgramme, participantsByYear } from "~/models/portal.server";
import { portfolioSummary } from "~/models/programme.server";
import { seedCountries } from "../../prisma/seed/countries";
import { seedDemo, type SeedDemoUser } from "../../prisma/seed/demo";
import { seedSynthetic } from "../../prisma/seed/synthetic";
import { isIllustrativeOrgId, orgIdProblem } from "~/utils/iati-org-id";

// The shared per-file test database (tests/support/setup-db.ts): PGlite or
// PostgreSQL. The describes below build on each other in order.
async function createTestDatabase(): Promise<{ prisma: PrismaClient; close: () => Promise<void> }> {
  return { prisma, close: async () => undefined };
}

const USERS: SeedDemoUser[] = [
  { email: "Admin@Demo.Example", name: "Demo admin", role: "ADMIN", passwordHash: "hash-a" },
  { email: "staff@demo.example", name: "Demo staff", role: "STAFF", passwordHash: "hash-s" },
  {
    email: "partner.by@demo.example",
    name: "Demo partner (Belarus)",
    role: "PARTNER",
    passwordHash: "hash-p",
    countries: ["BY"],
  },
  {
    email: "donor@demo.example",
    name: "Demo donor (KWPF)",
    role: "DONOR",
    passwordHash: "hash-d",
    organisationShortNames: ["KWPF", "GOV-JP"],
  },
];

type Db = Awaited<ReturnType<typeof createTestDatabase>>;

async function rowCounts(prisma: PrismaClient) {
  const [
    country, organisation, programme, programmeOrganisation, programmeCountry, programmeSector,
    agreement, agreementParty, activity, activityAgreement, activityOrganisation,
    participantGroup, deliverable, outcome, indicator, indicatorPeriod, fundingLine,
    user, userCountry, userOrganisation,
  ] = await Promise.all([
    prisma.country.count(), prisma.organisation.count(), prisma.programme.count(),
    prisma.programmeOrganisation.count(), prisma.programmeCountry.count(), prisma.programmeSector.count(),
    prisma.agreement.count(), prisma.agreementParty.count(), prisma.activity.count(),
    prisma.activityAgreement.count(), prisma.activityOrganisation.count(),
    prisma.activityParticipantGroup.count(), prisma.deliverable.count(), prisma.outcome.count(),
    prisma.indicator.count(), prisma.indicatorPeriod.count(), prisma.fundingLine.count(),
    prisma.user.count(), prisma.userCountry.count(), prisma.userOrganisation.count(),
  ]);
  return {
    country, organisation, programme, programmeOrganisation, programmeCountry, programmeSector,
    agreement, agreementParty, activity, activityAgreement, activityOrganisation,
    participantGroup, deliverable, outcome, indicator, indicatorPeriod, fundingLine,
    user, userCountry, userOrganisation,
  };
}

describe("seedCountries", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("loads every ISO 3166-1 country with English, Russian and Korean names, once", async () => {
    const first = await seedCountries(db.prisma);
    expect(first).toBeGreaterThanOrEqual(249);
    expect(await seedCountries(db.prisma)).toBe(0);
    const by = await db.prisma.country.findUniqueOrThrow({ where: { code: "BY" } });
    expect(by).toEqual({ code: "BY", nameEn: "Belarus", nameRu: "Беларусь", nameKo: "벨라루스" });
    const kr = await db.prisma.country.findUniqueOrThrow({ where: { code: "KR" } });
    expect(kr.nameKo).toBe("대한민국");
  });
});

describe("seedDemo", () => {
  let db: Db;
  let first: Record<string, number>;

  beforeAll(async () => {
    db = await createTestDatabase();
    first = (await seedDemo(db.prisma, { users: USERS })).created;
  });
  afterAll(() => db.close());

  it("loads the five programmes and 27 organisations", async () => {
    expect(first.programme).toBe(5);
    expect(first.organisation).toBe(27);
    const codes = (await db.prisma.programme.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map(
      (p) => p.code,
    );
    expect(codes).toEqual(["BUSAN-MEDAID", "BY-DRG", "BY-QOC", "HIRA-WHOCC", "KR-CA-HEALTH"]);
    expect(await db.prisma.organisation.count()).toBe(27);
    const wb = await db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "WB" } });
    expect(wb).toMatchObject({ countryCode: null, iatiTypeCode: "40", description: "multilateral" });
  });

  it("creates the agreements, activities and their links", async () => {
    const counts = await rowCounts(db.prisma);
    expect(counts).toMatchObject({
      agreement: 8,
      activity: 21,
      deliverable: 10,
      outcome: 11,
      indicator: 4,
      indicatorPeriod: 4,
      fundingLine: 4,
    });
    // what seedDemo reports is what the database holds (countries came from the describe above)
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) {
      if (k !== "participantGroup" && k !== "country") expect(first[k], k).toBe(counts[k]);
    }
  });

  it("links the NHIS–MOH-BY MoU (Nov 2019, month precision) to the study visit", async () => {
    const mou = await db.prisma.agreement.findFirstOrThrow({
      where: { programme: { code: "BY-DRG" }, type: "MOU" },
      include: {
        parties: { include: { organisation: true } },
        activities: { include: { activity: true } },
      },
    });
    expect(mou.signedOn?.toISOString().slice(0, 10)).toBe("2019-11-01");
    expect(mou.signedPrecision).toBe("MONTH");
    expect(mou.parties.map((p) => p.organisation.shortName).sort()).toEqual(["MOH-BY", "NHIS"]);
    expect(mou.activities).toHaveLength(1);
    const visit = mou.activities[0]!.activity;
    expect(visit.kind).toBe("STUDY_VISIT");
    expect(visit.actualStart?.toISOString().slice(0, 10)).toBe("2019-11-25");
    expect(visit.actualEnd?.toISOString().slice(0, 10)).toBe("2019-11-29");
    const recommendation = await db.prisma.outcome.findFirstOrThrow({
      where: { activityId: visit.id, type: "RECOMMENDATION" },
    });
    expect(recommendation.text).toMatch(/group exercise/);
  });

  it("records the Brest workshop with 80 participants and its outcomes", async () => {
    const brest = await db.prisma.activity.findFirstOrThrow({
      where: { programme: { code: "BY-QOC" }, kind: "WORKSHOP" },
      include: { outcomes: true },
    });
    expect(brest.participantsTotal).toBe(80);
    expect(brest.participantsNote).toMatch(/^more than 80/);
    expect(brest.plannedStart?.toISOString().slice(0, 10)).toBe("2019-01-17");
    expect(brest.outcomes.map((o) => o.type).sort()).toEqual(["AGREED_NEXT_STEP", "CONSENSUS", "RECOMMENDATION"]);
    expect(brest.translations).toMatchObject({ ru: { title: expect.stringMatching(/[А-Яа-я]/) } });
  });

  it("keeps dates known only to the year, and the planned Ecuador consultancy", async () => {
    const ecuador = await db.prisma.activity.findFirstOrThrow({ where: { countryCode: "EC" } });
    expect(ecuador).toMatchObject({ status: "PLANNED", datePrecision: "YEAR", actualStart: null });
    expect(ecuador.plannedStart?.toISOString().slice(0, 10)).toBe("2022-01-01");
  });

  it("loads sectors summing to 100% and the Busan results framework", async () => {
    for (const p of await db.prisma.programme.findMany({ include: { sectors: true } })) {
      expect(p.sectors.reduce((s, x) => s + Number(x.percentage), 0), p.code).toBe(100);
      expect(p.sourceNote, p.code).toMatch(/news release/i);
    }
    const share = await db.prisma.indicator.findFirstOrThrow({
      where: { programme: { code: "BUSAN-MEDAID" }, measure: "PERCENTAGE", title: { contains: "65" } },
      include: { periods: true },
    });
    expect(Number(share.periods[0]!.actualValue)).toBe(44.4);
    expect(share.baselineValue).toBeNull();
    const sehati = await db.prisma.agreement.findFirstOrThrow({ where: { title: { contains: "SEHATI" } } });
    expect(sehati.value?.toString()).toBe("32000000000");
    expect(sehati.currency).toBe("KRW");
  });

  it("creates the users with lower-case e-mail and their scope", async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.example" } });
    expect(admin).toMatchObject({ role: "ADMIN", isDemo: true, passwordHash: "hash-a" });
    const donor = await db.prisma.user.findUniqueOrThrow({
      where: { email: "donor@demo.example" },
      include: { organisations: { include: { organisation: true } } },
    });
    expect(donor.organisations.map((o) => o.organisation.shortName).sort()).toEqual(["GOV-JP", "KWPF"]);
    const partner = await db.prisma.user.findUniqueOrThrow({
      where: { email: "partner.by@demo.example" },
      include: { countries: true },
    });
    expect(partner.countries.map((c) => c.countryCode)).toEqual(["BY"]);
  });

  it("shows the Kazakhstan partner Kazakhstan's and the shared records of KR-CA-HEALTH, not Uzbekistan's or Turkmenistan's (issue 14, point 13)", async () => {
    const KZ: Scope = { kind: "partner", countries: ["KZ"] };
    const page = (await getPortalProgramme(KZ, "KR-CA-HEALTH"))!;
    const titles = [...page.agreements, ...page.activities].map((r) => r.title);
    for (const hidden of [
      "MoU with the Ministry of Health of Uzbekistan on a health cooperation centre",
      "Implementation plan for health cooperation with Turkmenistan",
      "MoU on medical cooperation between KNUH and Samarkand State Medical Institute hospital",
      "Policy forum at the opening of the Korea–Uzbekistan health cooperation centre",
    ]) {
      expect(titles).not.toContain(hidden);
    }
    expect(titles).toContain("Implementation plan for health cooperation with Kazakhstan");
    expect(titles).toContain("State visit to Central Asia: high-level health cooperation meetings");
    expect(titles).toContain("HIRA discussion on training with Kazakhstan's health-insurance officers");
    // The forum's 150 participants are Uzbekistan's: neither the card nor the chart counts them for Kazakhstan.
    const chart = (await participantsByYear(KZ, page.programme.id)).reduce((n, r) => n + r.total, 0);
    expect(chart).toBe((await portfolioSummary(KZ)).participants);
    expect(chart).not.toBe(150);
    // A partner of all three countries sees every agreement.
    const all = (await getPortalProgramme({ kind: "partner", countries: ["KZ", "TM", "UZ"] }, "KR-CA-HEALTH"))!;
    expect(all.agreements).toHaveLength(5);
  });

  it("creates nothing on a second run", async () => {
    const before = await rowCounts(db.prisma);
    const second = (await seedDemo(db.prisma, { users: USERS })).created;
    expect(Object.values(second).every((n) => n === 0), JSON.stringify(second)).toBe(true);
    expect(await rowCounts(db.prisma)).toEqual(before);
  });

  it("never overwrites or duplicates records a user has edited", async () => {
    const programme = await db.prisma.programme.findUniqueOrThrow({ where: { code: "BY-QOC" } });
    await db.prisma.programme.update({
      where: { id: programme.id },
      data: { title: "Quality of care strategy (edited)", version: { increment: 1 } },
    });
    const brest = await db.prisma.activity.findFirstOrThrow({ where: { programmeId: programme.id, kind: "WORKSHOP" } });
    await db.prisma.activity.update({ where: { id: brest.id }, data: { title: "Brest workshop (edited)" } });
    const sector = await db.prisma.programmeSector.findFirstOrThrow({ where: { programmeId: programme.id, sectorCode: "12281" } });
    await db.prisma.programmeSector.delete({
      where: { programmeId_sectorCode: { programmeId: sector.programmeId, sectorCode: sector.sectorCode } },
    });
    await db.prisma.user.update({ where: { email: "staff@demo.example" }, data: { name: "Renamed" } });
    const before = await rowCounts(db.prisma);

    const again = (await seedDemo(db.prisma, { users: USERS })).created;

    expect(Object.values(again).every((n) => n === 0), JSON.stringify(again)).toBe(true);
    expect(await rowCounts(db.prisma)).toEqual(before);
    expect((await db.prisma.programme.findUniqueOrThrow({ where: { id: programme.id } })).title).toBe(
      "Quality of care strategy (edited)",
    );
    expect((await db.prisma.activity.findUniqueOrThrow({ where: { id: brest.id } })).title).toBe("Brest workshop (edited)");
    expect(await db.prisma.programmeSector.count({ where: { programmeId: programme.id, sectorCode: "12281" } })).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: "staff@demo.example" } })).name).toBe("Renamed");
  });

  it("makes HIRA the IATI publisher under a visibly illustrative identifier, and gives organisations only valid identifiers (issue 17)", async () => {
    const publisher = await db.prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(publisher).toMatchObject({ orgRef: "KR-BRN-EXAMPLE-HIRA", name: "Health Insurance Review & Assessment Service", defaultCurrency: "KRW" });
    expect(orgIdProblem(publisher.orgRef)).toBeNull();
    expect(isIllustrativeOrgId(publisher.orgRef)).toBe(true);
    const refs = await db.prisma.organisation.findMany({ where: { iatiRef: { not: null } }, select: { shortName: true, iatiRef: true }, orderBy: { shortName: "asc" } });
    expect(Object.fromEntries(refs.map((o) => [o.shortName, o.iatiRef]))).toMatchObject({ "GOV-JP": "XM-DAC-701", KWPF: "XI-IATI-WBTF", WB: "XM-DAC-44000", WHO: "XM-DAC-928" });
    for (const o of refs) expect(orgIdProblem(o.iatiRef!), o.shortName).toBeNull();
    // No programme carries an identifier minted in someone else's namespace.
    expect(await db.prisma.programme.count({ where: { iatiIdentifier: { not: null }, NOT: { iatiIdentifier: { startsWith: `${publisher.orgRef}-` } } } })).toBe(0);
    // An administrator's settings are kept on the next run.
    await db.prisma.publisherSettings.update({ where: { id: 1 }, data: { orgRef: "KR-BRN-1234567890" } });
    await seedDemo(db.prisma, { users: USERS });
    expect((await db.prisma.publisherSettings.findUniqueOrThrow({ where: { id: 1 } })).orgRef).toBe("KR-BRN-1234567890");
  });

  it("adds Cyrillic and Hangul titles", async () => {
    const drg = await db.prisma.programme.findUniqueOrThrow({ where: { code: "BY-DRG" } });
    expect(drg.translations).toMatchObject({ ru: { title: expect.stringMatching(/[А-Яа-я]/) } });
    const busan = await db.prisma.programme.findUniqueOrThrow({ where: { code: "BUSAN-MEDAID" } });
    expect(busan.translations).toMatchObject({ ko: { title: expect.stringMatching(/[가-힣]/) } });
  });
});

describe("seedSynthetic", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.prisma, { users: [] });
  });
  afterAll(() => db.close());

  it("creates a realistic portfolio per programme, deterministically and once", async () => {
    const before = await rowCounts(db.prisma);
    const created = await seedSynthetic(db.prisma, { programmes: 2, seed: 42 });
    expect(created.programme).toBe(2);
    const after = await rowCounts(db.prisma);
    const added = (k: keyof typeof after) => after[k] - before[k];
    expect(added("agreement")).toBeGreaterThanOrEqual(30);
    expect(added("agreement")).toBeLessThanOrEqual(50);
    expect(added("activity")).toBe(400);
    expect(added("deliverable")).toBe(600);
    expect(added("outcome")).toBe(600);
    expect(added("participantGroup")).toBeGreaterThanOrEqual(3000);
    expect(added("participantGroup")).toBeLessThanOrEqual(5000);
    expect(added("indicator")).toBe(10);
    expect(added("indicatorPeriod")).toBe(40);
    expect(added("fundingLine")).toBe(40);
    for (const k of Object.keys(created)) {
      if (k in after) expect(created[k], k).toBe(added(k as keyof typeof after));
    }

    const kinds = await db.prisma.activity.groupBy({
      by: ["kind"],
      where: { programme: { code: { startsWith: "SYN-" } } },
      _count: true,
    });
    expect(kinds).toHaveLength(8);
    // statuses agree with the dates: nothing completed in the future
    const today = new Date();
    expect(
      await db.prisma.activity.count({
        where: { programme: { code: { startsWith: "SYN-" } }, status: "COMPLETED", actualEnd: { gt: today } },
      }),
    ).toBe(0);

    const again = await seedSynthetic(db.prisma, { programmes: 2, seed: 42 });
    expect(Object.values(again).every((n) => n === 0), JSON.stringify(again)).toBe(true);
    expect(await rowCounts(db.prisma)).toEqual(after);
  });
});
