import { beforeAll, describe, expect, it } from "vitest";
import { getPublisher, type Publisher } from "~/models/publisher.server";
import { buildIatiXml } from "~/reports/iati.server";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/demo";
import { ensurePublisher } from "../factories/publisher";
import { expectValidIati } from "../support/iati-check";

// The demo portfolio as one IATI file (issue 17, ADR 0032): the hierarchy,
// links both ways, every live agreement, activity, deliverable and indicator
// represented exactly where the ADR puts it, no invented figures, and the
// centre as reporting-org in every activity.

type Block = { xml: string; identifier: string; hierarchy: string; parents: string[]; children: string[] };

function blocks(xml: string): Block[] {
  return xml
    .split("<iati-activity ")
    .slice(1)
    .map((b) => {
      const block = b.split("</iati-activity>")[0];
      const related = (type: string) => [...block.matchAll(new RegExp(`<related-activity ref="([^"]+)" type="${type}"/>`, "g"))].map((m) => m[1]);
      return {
        xml: block,
        identifier: block.match(/<iati-identifier>([^<]+)<\/iati-identifier>/)![1],
        hierarchy: block.match(/hierarchy="(\d)"/)![1],
        parents: related("1"),
        children: related("2"),
      };
    });
}

describe("the demo portfolio as an IATI file", () => {
  let xml: string;
  let all: Block[];
  let publisher: Publisher;
  const now = new Date();

  beforeAll(async () => {
    await seedDemo(prisma, { users: [] });
    // The demo's own publisher row when the seed writes one, else the test publisher.
    if (!(await getPublisher())) await ensurePublisher(prisma);
    publisher = (await getPublisher())!;
    xml = await buildIatiXml({ kind: "staff" }, { now });
    all = blocks(xml);
  }, 120_000);

  it("validates against the 2.03 schema, with the centre as reporting-org in every activity", async () => {
    await expectValidIati(xml);
    const reporting = [...xml.matchAll(/<reporting-org ref="([^"]+)"/g)].map((m) => m[1]);
    expect(reporting).toHaveLength(all.length);
    expect(new Set(reporting)).toEqual(new Set([publisher.ref]));
    expect(new Set(all.map((b) => b.identifier)).size).toBe(all.length);
  });

  it("has a level-1 activity per programme and a level-2 one per live agreement (not an amendment) and live, non-cancelled activity", async () => {
    const programmes = await prisma.programme.count({ where: { archivedAt: null } });
    const live = { archivedAt: null, programme: { archivedAt: null } };
    const agreements = await prisma.agreement.count({ where: { ...live, parentId: null } });
    const activities = await prisma.activity.count({ where: { ...live, status: { not: "CANCELLED" } } });
    expect(agreements).toBeGreaterThan(0);
    expect(activities).toBeGreaterThan(0);
    expect(all.filter((b) => b.hierarchy === "1")).toHaveLength(programmes);
    expect(all.filter((b) => b.hierarchy === "2")).toHaveLength(agreements + activities);
    expect(all.filter((b) => /-AG-[^<]+<\/iati-identifier>/.test(b.xml))).toHaveLength(agreements);
    expect(all.filter((b) => /-AC-[^<]+<\/iati-identifier>/.test(b.xml))).toHaveLength(activities);
  });

  it("links parents and children both ways", () => {
    const byId = new Map(all.map((b) => [b.identifier, b]));
    for (const b of all.filter((x) => x.hierarchy === "2")) {
      expect(b.parents).toHaveLength(1);
      const parent = byId.get(b.parents[0]);
      expect(parent?.hierarchy).toBe("1");
      expect(parent!.children).toContain(b.identifier);
    }
    for (const p of all.filter((x) => x.hierarchy === "1")) {
      expect(p.parents).toEqual([]);
      for (const c of p.children) expect(byId.get(c)?.parents).toEqual([p.identifier]);
    }
  });

  it("represents every live deliverable and indicator once, and every amendment in the agreement it amends", async () => {
    const deliverables = await prisma.deliverable.findMany({ where: { archivedAt: null, programme: { archivedAt: null } }, select: { id: true } });
    const indicators = await prisma.indicator.findMany({ where: { archivedAt: null, programme: { archivedAt: null } }, select: { id: true } });
    expect(deliverables.length).toBeGreaterThan(0);
    expect(indicators.length).toBeGreaterThan(0);
    for (const d of deliverables) expect(xml.split(`code="DEL-${d.id}"`).length - 1, d.id).toBe(1);
    for (const i of indicators) expect(xml.split(`code="IND-${i.id}"`).length - 1, i.id).toBe(1);
    const amendments = await prisma.agreement.findMany({
      where: { archivedAt: null, parentId: { not: null }, programme: { archivedAt: null } },
      select: { title: true, parentId: true },
    });
    for (const a of amendments) {
      const parent = all.find((b) => b.identifier.endsWith(`-AG-${a.parentId}`));
      expect(parent?.xml ?? xml).toContain(`Amendment: ${a.title.trim().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`);
    }
  });

  it("reports no actual value for a period that has not started, and no participants for an activity not yet held", () => {
    for (const period of xml.split("<period>").slice(1)) {
      const start = period.match(/<period-start iso-date="([^"]+)"/)![1];
      if (new Date(`${start}T00:00:00Z`).getTime() > now.getTime()) expect(period.split("</period>")[0]).not.toContain("<actual");
    }
    expect(xml).not.toMatch(/<dimension name="sex" value="[12]"/);
  });

  it("invents no country percentages: each programme's are the recorded ones", async () => {
    const programmes = await prisma.programme.findMany({
      where: { archivedAt: null },
      include: { countries: { orderBy: { countryCode: "asc" } }, regions: true },
    });
    for (const p of programmes) {
      const own = all.find((b) => b.hierarchy === "1" && (b.identifier === p.iatiIdentifier || b.identifier.endsWith(`-${p.code}`)));
      expect(own, p.code).toBeDefined();
      const shares = [...own!.xml.matchAll(/<recipient-country code="[A-Z]{2}"(?: percentage="([^"]+)")?\/>/g)].map((m) => (m[1] == null ? null : Number(m[1])));
      // Several countries without a split and a recorded region: the region goes out instead (ADR 0032).
      const regionsOnly = p.regions.length > 0 && p.countries.some((c) => c.percentage == null);
      expect(shares, p.code).toEqual(regionsOnly ? [] : p.countries.map((c) => (c.percentage == null ? null : Number(c.percentage))));
      if (regionsOnly) expect(own!.xml, p.code).toMatch(/<recipient-region code="\d+" vocabulary="1"\/>/);
    }
  });
});
