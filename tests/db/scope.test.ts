import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { loadScope } from "~/auth/scope.server";
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
});
