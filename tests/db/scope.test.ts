import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { loadScope, programmeScopeSql, programmeWhere } from "~/auth/scope.server";
import { Prisma } from "@prisma/client";
import { getProgramme, listProgrammes, portfolioSummary } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser } from "../factories";

let by: { code: string };
let kz: { code: string };
let archived: { code: string };
let fund: { id: string };
let otherFund: { id: string };

beforeAll(async () => {
  fund = await createOrganisation(prisma, { shortName: "FUND-A" });
  otherFund = await createOrganisation(prisma, { shortName: "FUND-B" });
  by = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], title: "Belarus programme" });
  kz = await createProgramme(prisma, { countries: ["KZ"], funders: [otherFund.id], title: "Kazakhstan programme" });
  archived = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id], archived: true });
});

const codes = async (scope: Scope) => (await listProgrammes(scope)).map((p) => p.code).sort();

describe("scope", () => {
  it("lets staff see every active programme and open archived ones by URL", async () => {
    const scope: Scope = { kind: "staff" };
    expect(await codes(scope)).toEqual([by.code, kz.code].sort());
    expect(await getProgramme(scope, archived.code)).not.toBeNull();
  });

  it("shows a partner only its own countries' programmes; others are not found", async () => {
    const { user } = await createUser(prisma, { role: "PARTNER", countries: ["BY"] });
    const scope = await loadScope(user);
    expect(scope).toEqual({ kind: "partner", countries: ["BY"] });
    expect(await codes(scope)).toEqual([by.code]);
    expect(await getProgramme(scope, kz.code)).toBeNull();
    expect(await getProgramme(scope, archived.code)).toBeNull();
    expect((await portfolioSummary(scope)).programmes).toBe(1);
  });

  it("shows a donor only the programmes its organisations fund", async () => {
    const { user } = await createUser(prisma, { role: "DONOR", organisationIds: [otherFund.id] });
    const scope = await loadScope(user);
    expect(await codes(scope)).toEqual([kz.code]);
    expect(await getProgramme(scope, by.code)).toBeNull();
  });

  it("gives a partner without countries nothing", async () => {
    expect(await codes({ kind: "partner", countries: [] })).toEqual([]);
  });

  it("says in SQL exactly what it says to Prisma, for every kind of scope", async () => {
    const scopes: Scope[] = [
      { kind: "staff" },
      { kind: "partner", countries: ["BY"] },
      { kind: "partner", countries: ["BY", "KZ"] },
      { kind: "partner", countries: [] },
      { kind: "donor", organisationIds: [fund.id] },
      { kind: "donor", organisationIds: [otherFund.id, fund.id] },
      { kind: "donor", organisationIds: [] },
    ];
    for (const scope of scopes) {
      const viaPrisma = (await prisma.programme.findMany({ where: programmeWhere(scope), select: { id: true } })).map((p) => p.id).sort();
      const viaSql = (
        await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT p.id FROM "Programme" p WHERE ${programmeScopeSql(scope, "p")}`)
      )
        .map((p) => p.id)
        .sort();
      expect(viaSql, JSON.stringify(scope)).toEqual(viaPrisma);
    }
    // Not vacuous: the scopes differ from each other on this data.
    const partner = await prisma.$queryRaw<unknown[]>(Prisma.sql`SELECT 1 FROM "Programme" p WHERE ${programmeScopeSql({ kind: "partner", countries: ["BY"] }, "p")}`);
    expect(partner.length).toBe(1);
  });
});

