import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { loadScope, programmeChildScopeSql, programmeChildWhere, programmeScopeSql, programmeWhere, type ChildKind } from "~/auth/scope.server";
import { Prisma } from "@prisma/client";
import { getProgramme, listProgrammes, portfolioSummary } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser } from "../factories";
import { createAgreementRecord } from "../factories/document";
import { createMultiCountryProgramme, type MultiCountryProgramme } from "../factories/multi-country";

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


// ---------------------------------------------------------------------------
// Partners in a programme shared by several countries (issue 14, point 13;
// docs/decisions/0011-partner-country-visibility.md)

describe("partner country visibility in a multi-country programme", () => {
  let mc: MultiCountryProgramme;
  let single: { id: string };
  let singleKorean: string;

  beforeAll(async () => {
    mc = await createMultiCountryProgramme(prisma);
    // A Belarus-only programme with an agreement that names only a Korean organisation: unchanged for the BY partner.
    single = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id] });
    const korean = await createOrganisation(prisma, { countryCode: "KR" });
    const agreement = await createAgreementRecord(prisma, single.id);
    await prisma.agreementParty.create({ data: { agreementId: agreement.id, organisationId: korean.id, role: "SIGNATORY" } });
    singleKorean = agreement.id;
  });

  const KINDS: ChildKind[] = ["agreement", "activity", "deliverable", "outcome", "indicator", "funding", "document"];
  const TABLE: Record<ChildKind, string> = {
    agreement: "Agreement", activity: "Activity", deliverable: "Deliverable", outcome: "Outcome",
    indicator: "Indicator", funding: "FundingLine", document: "Document",
  };

  /** The ids of a kind a scope sees among the test's programmes, through Prisma. */
  async function viaPrisma(scope: Scope, kind: ChildKind): Promise<string[]> {
    const programmes = [mc.programme.id, single.id];
    const ours = kind === "outcome" ? { activity: { programmeId: { in: programmes } } } : { programmeId: { in: programmes } };
    const where = { AND: [programmeChildWhere(scope, kind), ours] };
    const select = { id: true } as const;
    const rows: { id: string }[] = await (() => {
      switch (kind) {
        case "agreement": return prisma.agreement.findMany({ where: where as Prisma.AgreementWhereInput, select });
        case "activity": return prisma.activity.findMany({ where: where as Prisma.ActivityWhereInput, select });
        case "deliverable": return prisma.deliverable.findMany({ where: where as Prisma.DeliverableWhereInput, select });
        case "outcome": return prisma.outcome.findMany({ where: where as Prisma.OutcomeWhereInput, select });
        case "indicator": return prisma.indicator.findMany({ where: where as Prisma.IndicatorWhereInput, select });
        case "funding": return prisma.fundingLine.findMany({ where: where as Prisma.FundingLineWhereInput, select });
        case "document": return prisma.document.findMany({ where: where as Prisma.DocumentWhereInput, select });
      }
    })();
    return rows.map((r) => r.id).sort();
  }

  async function viaSql(scope: Scope, kind: ChildKind): Promise<string[]> {
    const programmes = Prisma.join([mc.programme.id, single.id]);
    const ours =
      kind === "outcome"
        ? Prisma.sql`EXISTS (SELECT 1 FROM "Activity" z WHERE z.id = x."activityId" AND z."programmeId" IN (${programmes}))`
        : Prisma.sql`x."programmeId" IN (${programmes})`;
    const rows = await prisma.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT x.id FROM ${Prisma.raw(`"${TABLE[kind]}"`)} x WHERE ${ours} AND ${programmeChildScopeSql(scope, kind, "x")}`,
    );
    return rows.map((r) => r.id).sort();
  }

  it("shows a partner the records of its countries and the shared ones, never the other country's", async () => {
    for (const kind of KINDS) {
      const by = await viaPrisma({ kind: "partner", countries: ["BY"] }, kind);
      expect(by, kind).toContain(mc.by[kind]);
      expect(by, kind).toContain(mc.shared[kind]);
      expect(by, kind).not.toContain(mc.kz[kind]);
      const kz = await viaPrisma({ kind: "partner", countries: ["KZ"] }, kind);
      expect(kz, kind).toContain(mc.kz[kind]);
      expect(kz, kind).toContain(mc.shared[kind]);
      expect(kz, kind).not.toContain(mc.by[kind]);
      // A partner of both countries, staff and the funding donor see all three.
      for (const scope of [{ kind: "partner", countries: ["BY", "KZ"] }, { kind: "staff" }, { kind: "donor", organisationIds: [mc.fund.id] }] as Scope[]) {
        const all = await viaPrisma(scope, kind);
        for (const id of [mc.by[kind], mc.kz[kind], mc.shared[kind]]) expect(all, `${kind} ${JSON.stringify(scope)}`).toContain(id);
      }
    }
  });

  it("leaves a single-country programme unchanged (a record naming only Korea stays visible)", async () => {
    expect(await viaPrisma({ kind: "partner", countries: ["BY"] }, "agreement")).toContain(singleKorean);
  });

  it("says in SQL exactly what it says to Prisma, for every kind and scope", async () => {
    const scopes: Scope[] = [
      { kind: "staff" },
      { kind: "partner", countries: ["BY"] },
      { kind: "partner", countries: ["KZ"] },
      { kind: "partner", countries: ["BY", "KZ"] },
      { kind: "partner", countries: [] },
      { kind: "donor", organisationIds: [mc.fund.id] },
      { kind: "donor", organisationIds: [] },
    ];
    for (const kind of KINDS) {
      for (const scope of scopes) {
        expect(await viaSql(scope, kind), `${kind} ${JSON.stringify(scope)}`).toEqual(await viaPrisma(scope, kind));
      }
    }
  });
});
