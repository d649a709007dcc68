import { beforeAll, describe, expect, it } from "vitest";
import { listDonorProgrammes } from "~/models/donor.server";
import { portfolioSummary } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";

// The donor home reads its programme cards in one SQL statement (issue 16):
// the scope is programmeScopeSql's, so a programme is on it only when one of
// the donor's organisations funds it and it is not archived.

let mine: { id: string; shortName: string };
let partnerOrg: { id: string; shortName: string };
let other: { id: string; shortName: string };
let funded: { code: string };
let coFunded: { code: string };

beforeAll(async () => {
  mine = await createOrganisation(prisma, { shortName: `ZZ-MINE-${Date.now()}` });
  partnerOrg = await createOrganisation(prisma, { shortName: `AA-CO-${Date.now()}` });
  other = await createOrganisation(prisma, { shortName: `OTHER-${Date.now()}` });
  funded = await createProgramme(prisma, { countries: ["UZ", "BY"], funders: [mine.id], title: "Funded by mine" });
  coFunded = await createProgramme(prisma, { countries: ["KZ"], funders: [mine.id, partnerOrg.id], title: "Co-funded" });
  await createProgramme(prisma, { countries: ["BY"], funders: [other.id], title: "Funded by another" });
  await createProgramme(prisma, { countries: ["BY"], funders: [mine.id], archived: true, title: "Archived" });
  // Implementing, not funding: not the donor's.
  const implemented = await createProgramme(prisma, { countries: ["BY"], funders: [other.id], title: "Implemented by mine" });
  await prisma.programmeOrganisation.create({ data: { programmeId: implemented.id, organisationId: mine.id, role: "IMPLEMENTING" } });
});

describe("donor home", () => {
  it("lists the live programmes the donor's organisations fund, each with its countries and funders in order", async () => {
    const rows = await listDonorProgrammes({ kind: "donor", organisationIds: [mine.id] });
    expect(rows.map((r) => r.code).sort()).toEqual([funded.code, coFunded.code].sort());
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get(funded.code)).toMatchObject({ title: "Funded by mine", status: "IMPLEMENTATION", countries: ["BY", "UZ"], funders: [mine.shortName] });
    expect(byCode.get(coFunded.code)!.funders).toEqual([partnerOrg.shortName, mine.shortName]);
  });

  it("shows another organisation's donor only its own, and a donor of no organisation nothing", async () => {
    const rows = await listDonorProgrammes({ kind: "donor", organisationIds: [other.id] });
    expect(rows.map((r) => r.code)).not.toContain(funded.code);
    expect(rows.every((r) => r.funders.includes(other.shortName))).toBe(true);
    expect(await listDonorProgrammes({ kind: "donor", organisationIds: [] })).toEqual([]);
  });

  it("pages its cards: the pages together are the whole list, in its order, each programme once, as many as the summary counts", async () => {
    const fund = await createOrganisation(prisma, { shortName: `PAGED-${Date.now()}` });
    // Ties on start and title (settled by id) and an undated programme, which comes last.
    for (const title of ["Same", "Same", "Same", "Other"]) await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title });
    await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: "Undated", plannedStart: null });
    await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: "Archived", archived: true });
    const scope = { kind: "donor" as const, organisationIds: [fund.id] };
    const all = await listDonorProgrammes(scope);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listDonorProgrammes(scope, undefined, { page, perPage: 2 })));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flat().map((p) => p.code)).toEqual(all.map((p) => p.code));
    expect(new Set(all.map((p) => p.code)).size).toBe(5);
    expect(all.at(-1)!.title).toBe("Undated");
    expect((await portfolioSummary(scope)).programmes).toBe(all.length);
    // A card on a later page has its own funding, results and span, as on the whole list.
    expect(pages[1]![0]).toEqual(all[2]);
  });
});
