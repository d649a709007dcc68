import { beforeAll, describe, expect, it } from "vitest";
import { programmeWhere, type Scope } from "~/auth/scope.server";
import { listProgrammes, programmeRecordCounts, withProgrammeFacts } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord } from "../factories/document";

// listProgrammes reads the programmes, their countries, organisations and
// record counts in one statement (issue 16, session 10). It must list what
// the Prisma form it replaced listed, for every scope: that form is here.

const listSelect = {
  id: true,
  code: true,
  title: true,
  status: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  lang: true,
  translations: true,
  countries: { select: { country: { select: { code: true, nameEn: true } } }, orderBy: { countryCode: "asc" as const } },
  organisations: { select: { role: true, organisation: { select: { id: true, shortName: true } } }, orderBy: [{ role: "asc" as const }, { organisation: { shortName: "asc" as const } }] },
};

async function simpleForm(scope: Scope, take?: number) {
  const rows = await prisma.programme.findMany({
    where: { ...programmeWhere(scope), archivedAt: null },
    select: listSelect,
    orderBy: [{ plannedStart: { sort: "desc", nulls: "last" } }, { title: "asc" }, { id: "asc" }],
    ...(take ? { take } : {}),
  });
  const [withFacts, counts] = await Promise.all([withProgrammeFacts(rows), programmeRecordCounts(rows.map((r) => r.id))]);
  return withFacts.map((r) => ({ ...r, _count: counts.get(r.id) ?? { agreements: 0, activities: 0, deliverables: 0 } }));
}

/** Decimals and dates as the page receives them. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

let funder: { id: string };

beforeAll(async () => {
  funder = await createOrganisation(prisma, { shortName: "LISTFUND" });
  const implementer = await createOrganisation(prisma, { shortName: "LISTIMPL" });
  const other = await createOrganisation(prisma, { shortName: "ALISTOTHER" });
  const a = await createProgramme(prisma, { countries: ["UZ", "BY"], funders: [funder.id, other.id], title: "List: two countries" });
  await prisma.programmeOrganisation.create({ data: { programmeId: a.id, organisationId: implementer.id, role: "IMPLEMENTING" } });
  await prisma.programme.update({ where: { id: a.id }, data: { budgetAmount: "1234.50", budgetCurrency: "EUR", translations: { ru: { title: "Список" } } } });
  await createActivityRecord(prisma, a.id, {});
  await createActivityRecord(prisma, a.id, { archived: true });
  await createAgreementRecord(prisma, a.id, { expiresOn: "2030-01-01" });
  await createDeliverableRecord(prisma, a.id, { title: "d", archived: true });
  const undated = await createProgramme(prisma, { countries: ["BY"], title: "List: undated", plannedStart: null });
  await createActivityRecord(prisma, undated.id, { plannedStart: "2018-02-01" });
  await createProgramme(prisma, { countries: ["BY"], title: "List: archived", archived: true, funders: [funder.id] });
  await createProgramme(prisma, { title: "List: no country, same start" });
  await createProgramme(prisma, { title: "List: no country, same start" });
  await createProgramme(prisma, { countries: ["KZ"], title: "List: other country", funders: [funder.id] });
});

describe("the programme list in one statement", () => {
  it("lists for staff, partners and donors what the Prisma form listed", async () => {
    const scopes: Scope[] = [
      { kind: "staff" },
      { kind: "partner", countries: ["BY"] },
      { kind: "partner", countries: [] },
      { kind: "donor", organisationIds: [funder.id] },
    ];
    for (const scope of scopes) {
      const listed = await listProgrammes(scope);
      expect(plain(listed)).toEqual(plain(await simpleForm(scope)));
      expect(plain(await listProgrammes(scope, 3))).toEqual(plain(await simpleForm(scope, 3)));
    }
    const staff = await listProgrammes({ kind: "staff" });
    expect(staff.some((p) => p.title === "List: archived")).toBe(false);
    const two = staff.find((p) => p.title === "List: two countries")!;
    expect(two.countries.map((c) => c.country.code)).toEqual(["BY", "UZ"]);
    expect(two._count).toEqual({ agreements: 1, activities: 2, deliverables: 1 });
    expect(two.facts.budgets).toEqual([{ amount: "1234.5", currency: "EUR" }]);
    const donor = await listProgrammes({ kind: "donor", organisationIds: [funder.id] });
    expect(donor.map((p) => p.title).sort()).toEqual(["List: other country", "List: two countries"]);
  });
});
