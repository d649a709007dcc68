import { describe, expect, it } from "vitest";
import { listFilterOptions } from "~/models/reference.server";
import { prisma } from "~/utils/db.server";
import { createProgramme, ensureCountries } from "../factories";
import { createActivity } from "../factories/activity";

// The lists' country filter offers the countries records name: a programme's
// partner countries and an activity's own country, archived records included,
// and no country nothing names (app/models/reference.server.ts, countriesInUse).
describe("list filter options", () => {
  it("offer every country a programme or an activity names, once, and no other", async () => {
    // Countries no other test uses, so what the shared database holds cannot hide a mistake.
    await ensureCountries(prisma, ["IS", "MT", "LU"]);
    const codes = async () => (await listFilterOptions("en")).countries.map((c) => c.value);
    const before = await codes();
    expect(before).not.toContain("IS");
    expect(before).not.toContain("MT");
    expect(before).not.toContain("LU");
    expect(new Set(before).size).toBe(before.length);

    const programme = await createProgramme(prisma, { countries: ["IS"] });
    await createActivity(prisma, { programmeId: programme.id, countryCode: "MT" });
    const archived = await createActivity(prisma, { programmeId: programme.id, countryCode: "LU" });
    await prisma.activity.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    // A second activity in the same country: still one entry.
    await createActivity(prisma, { programmeId: programme.id, countryCode: "MT" });

    const after = await codes();
    expect(after).toEqual(expect.arrayContaining(["IS", "MT", "LU", ...before]));
    expect(after).toHaveLength(before.length + 3);
  });
});
