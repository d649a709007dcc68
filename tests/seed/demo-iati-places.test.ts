import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/demo";

// Issue 17: the demo's activities in a named city carry its centre's
// coordinates; the others (a region, no place) carry none.
describe("the demo's activity places", () => {
  it("gives Wonju's and Busan's activities their city centre, and nothing else any", async () => {
    await seedDemo(prisma, { users: [] });
    const placed = await prisma.activity.findMany({
      where: { programme: { code: { in: ["HIRA-WHOCC", "BUSAN-MEDAID", "BY-QOC", "BY-DRG", "KR-CA-HEALTH"] } } },
      select: { city: true, latitude: true, longitude: true },
    });
    const byCity = (city: string | null) => placed.filter((a) => a.city === city).map((a) => `${a.latitude?.toString()} ${a.longitude?.toString()}`);
    expect(byCity("Wonju")).toEqual(["37.3422 127.9202"]);
    expect(byCity("Busan")).toEqual(["35.1796 129.0756", "35.1796 129.0756"]);
    expect(placed.filter((a) => a.city !== "Wonju" && a.city !== "Busan" && a.latitude !== null)).toEqual([]);
  });
});
