import { describe, expect, it } from "vitest";
import { getPortalProgramme } from "~/models/portal.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createActivityRecord, createOutcomeRecord } from "../factories/document";

// The portal programme page sorts its outcomes itself (by their activity's
// actual start, undated last, then as created) instead of having Prisma join
// Activity for the sort key: the order must be the one the database gives
// (outcomes created at the same instant: by id).
describe("portal programme page: outcomes' order", () => {
  it("is by the activity's actual start, undated last, then by creation and id, as the database orders them", async () => {
    const programme = await createProgramme(prisma, { countries: ["BY"] });
    const march = await createActivityRecord(prisma, programme.id, { actualStart: "2024-03-10" });
    const january = await createActivityRecord(prisma, programme.id, { actualStart: "2024-01-20" });
    const undated = await createActivityRecord(prisma, programme.id, { actualStart: null });
    const created = [march, undated, january, march, undated, january];
    for (const [i, a] of created.entries()) {
      const o = await createOutcomeRecord(prisma, a.id);
      await prisma.outcome.update({ where: { id: o.id }, data: { createdAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 4))) } });
    }
    const page = (await getPortalProgramme({ kind: "partner", countries: ["BY"] }, programme.code))!;
    const byDatabase = await prisma.outcome.findMany({
      where: { activity: { programmeId: programme.id } },
      orderBy: [{ activity: { actualStart: { sort: "asc", nulls: "last" } } }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, activityId: true },
    });
    expect(page.outcomes.map((o) => o.id)).toEqual(byDatabase.map((o) => o.id));
    expect(byDatabase.map((o) => o.activityId)).toEqual([january.id, january.id, march.id, march.id, undated.id, undated.id]);
  });
});
