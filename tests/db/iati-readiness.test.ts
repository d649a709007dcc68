import { describe, expect, it } from "vitest";
import { ctxFor } from "~/models/ctx.server";
import { iatiReadiness, READINESS_PER_PAGE } from "~/iati/readiness.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, uid } from "../factories";
import { ensurePublisher } from "../factories/publisher";

// The IATI readiness page's model: the IATI Validator's checks on each
// programme's export, errors handed back to their programme.

const staff = ctxFor({ id: "staff", email: "staff@test.concord" });
const ORIGIN = "https://concord.example.org";

async function programmeWithSector(code: string) {
  const p = await createProgramme(prisma, { countries: ["KZ"], code });
  await prisma.programme.update({ where: { id: p.id }, data: { sectors: { create: [{ sectorCode: "12110", percentage: "100" }] } } });
  return p;
}

describe("IATI readiness", () => {
  it("says the publisher settings are missing, and which programmes break which rule", async () => {
    await prisma.publisherSettings.deleteMany();
    const code = `A-${uid()}`.toUpperCase();
    const noSector = await createProgramme(prisma, { countries: ["KZ"], code: `${code}-1` });
    const good = await programmeWithSector(`${code}-2`);
    await prisma.programme.update({ where: { id: good.id }, data: { iatiPublished: true } });

    // Without publisher settings no file can be built: that is the one problem shown.
    const missing = await iatiReadiness(staff);
    expect(missing.publisherMissing).toBe(true);
    expect(missing.programmes.flatMap((p) => p.errors)).toEqual([]);

    await ensurePublisher(prisma);
    const checked = await iatiReadiness(staff);
    expect(checked.publisherMissing).toBe(false);
    const byId = new Map(checked.programmes.map((p) => [p.id, p]));
    // Marked for publication first.
    expect(checked.programmes[0].id).toBe(good.id);
    expect(byId.get(good.id)).toMatchObject({ published: true, errors: [] });
    expect(byId.get(noSector.id)!.errors).toEqual([
      expect.objectContaining({
        id: "6.2.2",
        message: "Each activity must have a specified sector, either at activity level OR for all transactions.",
        where: "/iati-activity",
      }),
    ]);
    expect(checked.blocked).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("refuses a partner or a donor", async () => {
    await expect(iatiReadiness(ctxFor({ id: "p", email: "p@test.concord" }, { kind: "partner", countries: ["KZ"] }))).rejects.toThrow();
  });

  it("checks one page of programmes at a time", async () => {
    const total = await prisma.programme.count({ where: { archivedAt: null } });
    const result = await iatiReadiness(staff, { page: 999 });
    expect(result.total).toBe(total);
    expect(result.programmes.length).toBeLessThanOrEqual(READINESS_PER_PAGE);
    expect(result.page).toBe(Math.max(1, Math.ceil(total / READINESS_PER_PAGE)));
  });

  it("warns of an active programme without a budget, and of a budget over 12 months left out of the file", async () => {
    await ensurePublisher(prisma);
    const code = `B-${uid()}`.toUpperCase();
    const none = await programmeWithSector(`${code}-1`);
    const long = await programmeWithSector(`${code}-2`);
    await prisma.programme.updateMany({ where: { id: { in: [none.id, long.id] } }, data: { status: "IMPLEMENTATION", iatiPublished: true } });
    await prisma.fundingLine.create({
      data: { programmeId: long.id, kind: "BUDGET", amount: "500000", currency: "USD", valueDate: new Date("2025-01-01"), periodStart: new Date("2025-01-01"), periodEnd: new Date("2026-12-31") },
    });
    try {
      const result = await iatiReadiness(staff);
      const byId = new Map(result.programmes.map((p) => [p.id, p]));
      expect(byId.get(none.id)!.warnings.map((w) => w.id)).toContain("budget");
      expect(byId.get(long.id)!.warnings.map((w) => w.id)).toContain("budget-period");
      expect(byId.get(long.id)!.warnings.map((w) => w.id)).not.toContain("budget");
      expect(byId.get(long.id)!.errors).toEqual([]);
    } finally {
      await prisma.programme.updateMany({ where: { id: { in: [none.id, long.id] } }, data: { iatiPublished: false } });
    }
  });
});
