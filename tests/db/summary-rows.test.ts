import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { createActivity, deleteActivity, setActivityArchived, updateActivity } from "~/models/activity.server";
import { setAgreementArchived } from "~/models/agreement.server";
import { ctxFor } from "~/models/ctx.server";
import { deleteDeliverable, setDeliverableArchived } from "~/models/deliverable.server";
import { setOutcomeArchived } from "~/models/outcome.server";
import { loadPortfolio, loadPortfolioRecount, type PortfolioFilters } from "~/models/portfolio.server";
import { portfolioSummary, portfolioSummaryRecount } from "~/models/programme.server";
import { ActivityFormSchema, type ActivityForm } from "~/schemas/activity";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser, ensureCountries, uid } from "../factories";
import { createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme } from "../factories/multi-country";
import { createFundingLine } from "../factories/results";

// The home pages' figures come from summary rows the database keeps per
// programme and per set of countries the records name ("ProgrammeFigures",
// kept by triggers: prisma/migrations/20261205100001_programme_figures).
// After every write of a varied series, through the model functions where
// there is one, portfolioSummary must equal a full recount from the base
// tables (portfolioSummaryRecount, the definitions the home pages had before
// the summary rows) for staff, for partners of each country and of several,
// and for donors.

const now = new Date("2031-03-15T10:00:00Z");
let actor: { id: string; email: string };
let scopes: [string, Scope][] = [];
let kz: { id: string };
let by: { id: string };
let kr: { id: string };
let multi: Awaited<ReturnType<typeof createMultiCountryProgramme>>;
let byOnly: { id: string };
let byAgreement: { id: string };

beforeAll(async () => {
  await ensureCountries(prisma, ["KZ", "BY", "KR"]);
  actor = (await createUser(prisma, { role: "STAFF" })).user;
  kz = await createOrganisation(prisma, { shortName: `SR-KZ-${uid()}`, countryCode: "KZ" });
  by = await createOrganisation(prisma, { shortName: `SR-BY-${uid()}`, countryCode: "BY" });
  kr = await createOrganisation(prisma, { shortName: `SR-KR-${uid()}`, countryCode: "KR" });
  const fundA = await createOrganisation(prisma, { shortName: `SR-FA-${uid()}` });
  const fundB = await createOrganisation(prisma, { shortName: `SR-FB-${uid()}` });
  multi = await createMultiCountryProgramme(prisma, { fund: fundA });
  byOnly = await createProgramme(prisma, { countries: ["BY"], funders: [fundB.id], title: "Belarus only" });
  byAgreement = await createAgreementRecord(prisma, byOnly.id, { title: "BY agreement" });
  await prisma.agreementParty.create({ data: { agreementId: byAgreement.id, organisationId: by.id, role: "SIGNATORY" } });
  scopes = [
    ["staff", { kind: "staff" }],
    ["partner BY", { kind: "partner", countries: ["BY"] }],
    ["partner KZ", { kind: "partner", countries: ["KZ"] }],
    ["partner BY+KZ", { kind: "partner", countries: ["BY", "KZ"] }],
    ["partner KR", { kind: "partner", countries: ["KR"] }],
    ["partner of no country", { kind: "partner", countries: [] }],
    ["donor A", { kind: "donor", organisationIds: [fundA.id] }],
    ["donor B", { kind: "donor", organisationIds: [fundB.id] }],
    ["donor A+B", { kind: "donor", organisationIds: [fundA.id, fundB.id] }],
  ];
});

// The portfolio page's filters: everything, a range, one end of a range, one programme.
const FILTERS: PortfolioFilters[] = [
  { from: null, to: null, programme: null },
  { from: 2029, to: 2030, programme: null },
  { from: null, to: 2029, programme: null },
  { from: 2031, to: null, programme: null },
];

/** The home figures and the portfolio page equal their recounts for every scope. */
async function expectSummaryRowsRight() {
  for (const [name, scope] of scopes) {
    const [summary, recount] = await Promise.all([portfolioSummary(scope, now), portfolioSummaryRecount(scope, now)]);
    expect(summary, name).toEqual(recount);
    if (scope.kind === "partner") continue; // the portfolio page is for staff and donors
    const byProgramme = [...FILTERS, { from: null, to: null, programme: (await prisma.programme.findUniqueOrThrow({ where: { id: byOnly.id } })).code }];
    for (const filters of byProgramme) {
      const [page, full] = await Promise.all([loadPortfolio(scope, filters, now), loadPortfolioRecount(scope, filters, now)]);
      expect(page, `${name} portfolio ${JSON.stringify(filters)}`).toEqual(full);
    }
  }
}

function activityForm(overrides: Partial<Record<string, unknown>> = {}): ActivityForm {
  return ActivityFormSchema.parse({
    programmeId: byOnly.id,
    kind: "WORKSHOP",
    title: `Workshop ${uid()}`,
    description: "",
    countryCode: "",
    city: "",
    status: "COMPLETED",
    plannedStart: "2029-12-30",
    plannedEnd: "2029-12-31",
    actualStart: "",
    actualEnd: "",
    datePrecision: "DAY",
    participantsTotal: "30",
    participantsFemale: "18",
    participantsMale: "11",
    participantsOther: "",
    participantsNote: "",
    agreementIds: [],
    organisations: [],
    participantGroups: [],
    ...overrides,
  });
}

// Each check recounts the whole (small) database for nine scopes: slow on
// the embedded database of a busy machine, so the tests get time.
describe("summary rows", { timeout: 180_000 }, () => {
  it("start right, and are not empty", async () => {
    await expectSummaryRowsRight();
    const staff = await portfolioSummary({ kind: "staff" }, now);
    expect(staff.activities).toBeGreaterThan(0);
    expect(staff.participants).toBeGreaterThan(0);
    const rows = await prisma.programmeFigures.count();
    expect(rows).toBeGreaterThan(1);
  });

  it("follow activities created, edited, archived, restored and deleted, and their participant groups", async () => {
    const ctx = ctxFor(actor);
    // In the shared programme: named through a participant group only.
    const shared = await createActivity(
      ctx,
      activityForm({
        programmeId: multi.programme.id,
        participantGroups: [{ organisationId: kz.id, label: "", total: "12", female: "5", male: "7", other: "" }],
      }),
    );
    await expectSummaryRowsRight();
    // Edited: another year, more participants, a BY host and a KR group, an agreement with a BY party.
    await updateActivity(
      ctx,
      shared.id,
      1,
      activityForm({
        programmeId: multi.programme.id,
        title: "Moved to 2031",
        plannedStart: "2031-01-10",
        plannedEnd: "2031-01-12",
        status: "ONGOING",
        participantsTotal: "50",
        participantsFemale: "40",
        participantsMale: "2",
        organisations: [{ organisationId: by.id, role: "HOST" }],
        participantGroups: [{ organisationId: kr.id, label: "", total: "3", female: "", male: "", other: "" }],
        agreementIds: [multi.by.agreement],
      }),
    );
    await expectSummaryRowsRight();
    // Moved to the other programme, planned (its participants stop counting).
    await updateActivity(ctx, shared.id, 2, activityForm({ programmeId: byOnly.id, status: "PLANNED", countryCode: "BY" }));
    await expectSummaryRowsRight();
    await setActivityArchived(ctx, shared.id, true);
    await expectSummaryRowsRight();
    await setActivityArchived(ctx, shared.id, false);
    await expectSummaryRowsRight();
    await deleteActivity(ctx, shared.id);
    await expectSummaryRowsRight();
  });

  it("follow agreements, deliverables and outcomes, archived, restored and deleted", async () => {
    const ctx = ctxFor(actor);
    const activity = await createActivity(ctx, activityForm({ programmeId: multi.programme.id, countryCode: "KZ" }));
    const outcome = await createOutcomeRecord(prisma, activity.id, { text: "An outcome" });
    const overdue = await createDeliverableRecord(prisma, multi.programme.id, { title: "Overdue", dueDate: "2030-01-01", agreementId: multi.kz.agreement });
    await prisma.deliverable.update({ where: { id: overdue.id }, data: { activityId: activity.id } });
    const later = await createDeliverableRecord(prisma, byOnly.id, { title: "Later", dueDate: "2032-01-01", agreementId: byAgreement.id });
    await expectSummaryRowsRight();
    await setOutcomeArchived(ctx, outcome.id, true);
    await setDeliverableArchived(ctx, overdue.id, true);
    await setAgreementArchived(ctx, byAgreement.id, true);
    await expectSummaryRowsRight();
    await setOutcomeArchived(ctx, outcome.id, false);
    await setDeliverableArchived(ctx, overdue.id, false);
    await setAgreementArchived(ctx, byAgreement.id, false);
    await expectSummaryRowsRight();
    await prisma.deliverable.update({ where: { id: later.id }, data: { status: "ACCEPTED" } });
    await expectSummaryRowsRight();
    await deleteDeliverable(ctx, later.id);
    await expectSummaryRowsRight();
  });

  it("follow what changes the countries a record names: parties, an organisation's country, programme countries", async () => {
    await prisma.agreementParty.create({ data: { agreementId: multi.shared.agreement, organisationId: kz.id, role: "SIGNATORY" } });
    await expectSummaryRowsRight();
    await prisma.organisation.update({ where: { id: kz.id }, data: { countryCode: "BY" } });
    await expectSummaryRowsRight();
    await prisma.organisation.update({ where: { id: kz.id }, data: { countryCode: null } });
    await expectSummaryRowsRight();
    await prisma.agreementParty.deleteMany({ where: { agreementId: multi.shared.agreement } });
    await expectSummaryRowsRight();
    // Programme-level changes are read live (the rows are per programme).
    await prisma.programmeCountry.create({ data: { programmeId: byOnly.id, countryCode: "KR" } });
    await expectSummaryRowsRight();
    await prisma.programme.update({ where: { id: multi.programme.id }, data: { archivedAt: new Date() } });
    await expectSummaryRowsRight();
    await prisma.programme.update({ where: { id: multi.programme.id }, data: { archivedAt: null } });
    await expectSummaryRowsRight();
  });

  it("follow funding lines of several kinds, currencies and years, edited, archived and deleted", async () => {
    const provider = (await prisma.programmeOrganisation.findFirstOrThrow({ where: { programmeId: byOnly.id, role: "FUNDING" } })).organisationId;
    const line = (kind: "COMMITMENT" | "DISBURSEMENT" | "BUDGET", amount: string, currency: string, year: { fiscalYear?: number; transactionDate?: string; valueDate: string }) =>
      prisma.fundingLine.create({
        data: {
          programmeId: byOnly.id, kind, providerOrgId: provider, amount, currency,
          fiscalYear: year.fiscalYear ?? null,
          transactionDate: year.transactionDate ? new Date(year.transactionDate) : null,
          valueDate: new Date(year.valueDate),
        },
      });
    const eur = await line("COMMITMENT", "1000.50", "EUR", { fiscalYear: 2029, valueDate: "2028-12-01" });
    await line("DISBURSEMENT", "250.25", "EUR", { transactionDate: "2030-02-01", valueDate: "2030-02-01" });
    await line("DISBURSEMENT", "99.99", "USD", { valueDate: "2031-01-01" });
    await line("BUDGET", "5000.00", "USD", { fiscalYear: 2030, valueDate: "2030-01-01" });
    await createFundingLine(prisma, { programmeId: multi.programme.id, providerOrgId: null, receiverOrgId: null });
    await expectSummaryRowsRight();
    await prisma.fundingLine.update({ where: { id: eur.id }, data: { fiscalYear: 2031, currency: "KRW", amount: "7" } });
    await expectSummaryRowsRight();
    await prisma.fundingLine.update({ where: { id: eur.id }, data: { archivedAt: new Date() } });
    await expectSummaryRowsRight();
    await prisma.fundingLine.delete({ where: { id: eur.id } });
    await expectSummaryRowsRight();
  });

  it("follow several writes in one transaction, a bulk insert and a programme deleted", async () => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: "Bulk" });
    await prisma.$transaction(async (tx) => {
      await tx.activity.createMany({
        data: [2028, 2029, 2030].map((year) => ({
          programmeId: programme.id,
          kind: "TRAINING_COURSE" as const,
          title: `Course ${year}`,
          status: "COMPLETED" as const,
          plannedStart: new Date(`${year}-06-01`),
          participantsTotal: year - 2000,
        })),
      });
      await tx.activity.updateMany({ where: { programmeId: programme.id, title: "Course 2030" }, data: { participantsTotal: null, participantsMale: 100 } });
    });
    await expectSummaryRowsRight();
    expect(await prisma.programmeFiguresStale.count()).toBe(0);
    await prisma.$transaction([
      prisma.activity.deleteMany({ where: { programmeId: programme.id } }),
      prisma.programme.delete({ where: { id: programme.id } }),
    ]);
    await expectSummaryRowsRight();
    expect(await prisma.programmeFigures.count({ where: { programmeId: programme.id } })).toBe(0);
  });
});
