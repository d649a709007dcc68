import { Prisma } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { partnerOwnsProgrammeSql, partnerRecordProbeSql } from "~/auth/scope-probe.server";
import { programmeChildWhere, programmeScopeSql, programmeWhere, type Scope } from "~/auth/scope.server";
import { overdueDeliverable, openDeliverable } from "~/models/deliverable-rules.server";
import { startOfToday } from "~/models/agreement.server";
import { getPortalProgramme, listPortalProgrammes } from "~/models/portal.server";
import { portfolioSummary } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme } from "../factories/multi-country";

// The bounded pages' form of the partner rule (app/auth/scope-probe.server.ts:
// the programme decided once, each record probed on its own), used by the
// portal's cards, its programme page and the partner's home figures, must say
// exactly what programmeChildWhere says. Compared here record by record and
// through the model functions, on programmes of one country, of several, of
// none of the partner's, archived ones, archived records, records naming a
// country through each kind of link, and a deliverable carrying out another
// programme's activity.

// Filled in once its organisation exists (the tables are built before the data).
const donor: Scope & { kind: "donor" } = { kind: "donor", organisationIds: [] };

const scopes: [string, Scope][] = [
  ["partner BY", { kind: "partner", countries: ["BY"] }],
  ["partner KZ", { kind: "partner", countries: ["KZ"] }],
  ["partner BY+KZ", { kind: "partner", countries: ["BY", "KZ"] }],
  ["partner KR", { kind: "partner", countries: ["KR"] }],
  ["partner of no country", { kind: "partner", countries: [] }],
  ["staff", { kind: "staff" }],
  ["donor", donor],
];

let programmeIds: string[] = [];

beforeAll(async () => {
  const fund = await createOrganisation(prisma, { shortName: "PROBE-FUND", countryCode: "KR" });
  donor.organisationIds.push(fund.id);
  const mc = await createMultiCountryProgramme(prisma, { fund });
  const mc2 = await createMultiCountryProgramme(prisma, { fund });
  const byOnly = await createProgramme(prisma, { countries: ["BY"], funders: [fund.id] });
  const byKr = await createProgramme(prisma, { countries: ["BY", "KR"], funders: [fund.id] });
  const archived = await createProgramme(prisma, { countries: ["BY", "KZ"], archived: true, funders: [fund.id] });
  const noCountry = await createProgramme(prisma, { countries: [], funders: [fund.id] });
  programmeIds = [mc.programme.id, mc2.programme.id, byOnly.id, byKr.id, archived.id, noCountry.id];

  const by = await createOrganisation(prisma, { countryCode: "BY" });
  const kr = await createOrganisation(prisma, { countryCode: "KR" });
  const stateless = await createOrganisation(prisma, { countryCode: null });
  for (const pid of [byOnly.id, byKr.id, archived.id, noCountry.id]) {
    // An activity per way of naming a country, and one naming none.
    const located = await createActivityRecord(prisma, pid);
    await prisma.activity.update({ where: { id: located.id }, data: { countryCode: "KR" } });
    const byOrg = await createActivityRecord(prisma, pid);
    await prisma.activityOrganisation.create({ data: { activityId: byOrg.id, organisationId: by.id, role: "HOST" } });
    const krGroup = await createActivityRecord(prisma, pid);
    await prisma.activityParticipantGroup.create({ data: { activityId: krGroup.id, organisationId: kr.id, total: 3 } });
    const krAgreement = await createAgreementRecord(prisma, pid);
    await prisma.agreementParty.create({ data: { agreementId: krAgreement.id, organisationId: kr.id, role: "SIGNATORY" } });
    const byAgreement = await createAgreementRecord(prisma, pid);
    await prisma.agreementParty.createMany({ data: [by, kr].map((o) => ({ agreementId: byAgreement.id, organisationId: o.id, role: "SIGNATORY" as const })) });
    await createAgreementRecord(prisma, pid); // no party: names no country
    await createAgreementRecord(prisma, pid, { archived: true });
    const viaAgreement = await createActivityRecord(prisma, pid);
    await prisma.activityAgreement.create({ data: { activityId: viaAgreement.id, agreementId: byAgreement.id } });
    const none = await createActivityRecord(prisma, pid);
    await prisma.activityOrganisation.create({ data: { activityId: none.id, organisationId: stateless.id, role: "HOST" } });
    await createActivityRecord(prisma, pid, { archived: true });
    // Deliverables: overdue and not, open and done, through an activity, an
    // agreement, another programme's activity, none; one archived.
    const due = { dueDate: "2022-03-01" };
    for (const activityId of [located.id, byOrg.id, krGroup.id, viaAgreement.id, none.id, mc.kz.activity, mc.by.activity]) {
      const d = await createDeliverableRecord(prisma, pid, due);
      await prisma.deliverable.update({ where: { id: d.id }, data: { activityId } });
    }
    await createDeliverableRecord(prisma, pid, { ...due, agreementId: krAgreement.id });
    await createDeliverableRecord(prisma, pid, { ...due, agreementId: byAgreement.id, status: "IN_PROGRESS" });
    await createDeliverableRecord(prisma, pid, { ...due, agreementId: byAgreement.id, status: "SUBMITTED" });
    await createDeliverableRecord(prisma, pid, { dueDate: "2999-01-01", agreementId: krAgreement.id });
    await createDeliverableRecord(prisma, pid, { ...due, archived: true });
    await createDeliverableRecord(prisma, pid);
    for (const a of [located, byOrg, krGroup, viaAgreement, none]) {
      await createOutcomeRecord(prisma, a.id);
      await createOutcomeRecord(prisma, a.id, { archived: true });
    }
  }
  // Acknowledged outcomes are counted apart on the cards.
  await prisma.outcome.update({ where: { id: mc.by.outcome }, data: { acknowledgedAt: new Date() } });
});

/** The pair of helpers as the pages use them: the programme in the scope, the record live, then "own programme or the record qualifies". */
type Kind = "agreement" | "activity" | "deliverable";
const TABLES: Record<Kind, string> = { agreement: `"Agreement"`, activity: `"Activity"`, deliverable: `"Deliverable"` };

async function probed(scope: Scope, kind: Kind, programmeId: string): Promise<string[]> {
  const table = Prisma.raw(TABLES[kind]);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Programme" p JOIN ${table} r ON r."programmeId" = p.id
    WHERE p.id = ${programmeId} AND p."archivedAt" IS NULL AND ${programmeScopeSql(scope, "p")} AND r."archivedAt" IS NULL
      AND (${partnerOwnsProgrammeSql(scope, "p")} OR ${partnerRecordProbeSql(scope, kind, "r")})`;
  return rows.map((r) => r.id).sort();
}

async function expected(scope: Scope, kind: Kind, programmeId: string): Promise<string[]> {
  const where = { programmeId, archivedAt: null, programme: { archivedAt: null } };
  const rows =
    kind === "activity"
      ? await prisma.activity.findMany({ where: { AND: [programmeChildWhere(scope, "activity"), where] }, select: { id: true } })
      : kind === "agreement"
        ? await prisma.agreement.findMany({ where: { AND: [programmeChildWhere(scope, "agreement"), where] }, select: { id: true } })
        : await prisma.deliverable.findMany({ where: { AND: [programmeChildWhere(scope, "deliverable"), where] }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

describe("the partner rule for bounded sets (scope-probe)", () => {
  it.each(scopes.map(([name]) => [name]))("keeps programmeChildWhere's agreements, activities and deliverables, for %s", async (name) => {
    const scope = scopes.find(([n]) => n === name)![1];
    let seen = 0;
    for (const id of programmeIds) {
      for (const kind of ["agreement", "activity", "deliverable"] as const) {
        const want = await expected(scope, kind, id);
        expect(await probed(scope, kind, id), `${kind} of ${id}`).toEqual(want);
        seen += want.length;
      }
    }
    // Not vacuous: every scope but the empty one sees something, and the partners not everything.
    if (name !== "partner of no country") expect(seen).toBeGreaterThan(0);
  });

  it("sees a record differ between partners (the data has the cases the rule is about)", async () => {
    const [, by] = scopes[0]!;
    const [, kz] = scopes[1]!;
    const mc = programmeIds[0]!;
    expect(await probed(by, "activity", mc)).not.toEqual(await probed(kz, "activity", mc));
    expect(await probed(by, "deliverable", programmeIds[3]!)).not.toEqual(await probed(scopes[2]![1], "deliverable", programmeIds[3]!));
  });

  it.each(scopes.filter(([, s]) => s.kind === "partner").map(([name]) => [name]))(
    "gives the portal's cards, programme page and home figures the counts of programmeChildWhere, for %s",
    async (name) => {
      const scope = scopes.find(([n]) => n === name)![1];
      const today = startOfToday(new Date());
      const cards = await listPortalProgrammes(scope);
      const programmes = await prisma.programme.findMany({ where: { AND: [programmeWhere(scope), { archivedAt: null }] }, select: { id: true, code: true } });
      expect(cards.map((c) => c.id).sort()).toEqual(programmes.map((p) => p.id).sort());
      let overdue = 0;
      for (const card of cards) {
        const child = { programmeId: card.id, archivedAt: null };
        const activities = await prisma.activity.findMany({ where: { AND: [programmeChildWhere(scope, "activity"), child] }, select: { id: true } });
        const deliverables = { AND: [programmeChildWhere(scope, "deliverable"), child, openDeliverable.where()] };
        const outcomes = { archivedAt: null, activityId: { in: activities.map((a) => a.id) } };
        const cardOverdue = await prisma.deliverable.count({ where: { AND: [deliverables, overdueDeliverable.where(today)] } });
        overdue += cardOverdue;
        expect(card, card.code).toMatchObject({
          activities: activities.length,
          deliverablesOpen: await prisma.deliverable.count({ where: deliverables }),
          deliverablesOverdue: cardOverdue,
          outcomes: await prisma.outcome.count({ where: outcomes }),
          outcomesToAcknowledge: await prisma.outcome.count({ where: { ...outcomes, acknowledgedAt: null } }),
        });
        const page = (await getPortalProgramme(scope, card.code))!;
        expect(page.activities.map((a) => a.id).sort()).toEqual(activities.map((a) => a.id).sort());
        expect(page.deliverables.map((d) => d.id).sort()).toEqual(await expected(scope, "deliverable", card.id));
        expect(page.agreements.map((g) => g.id).sort()).toEqual(await expected(scope, "agreement", card.id));
      }
      const summary = await portfolioSummary(scope);
      expect(summary.programmes).toBe(programmes.length);
      expect(summary.deliverablesOverdue).toBe(overdue);
    },
  );
});
