import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "~/auth/scope.server";
import { createActivity, deleteActivity, setActivityArchived, updateActivity } from "~/models/activity.server";
import { setAgreementArchived } from "~/models/agreement.server";
import { ctxFor } from "~/models/ctx.server";
import { deleteDeliverable, setDeliverableArchived } from "~/models/deliverable.server";
import { setOutcomeArchived } from "~/models/outcome.server";
import { loadPortfolio, loadPortfolioRecount, type PortfolioFilters } from "~/models/portfolio.server";
import { portfolioSummary, portfolioSummaryRecount, recordSpans, recordSpansRecount } from "~/models/programme.server";
import { ActivityFormSchema, type ActivityForm } from "~/schemas/activity";
import { prisma } from "~/utils/db.server";
import { createOrganisation, createProgramme, createUser, ensureCountries, uid } from "../factories";
import { createAgreementRecord, createDeliverableRecord, createOutcomeRecord } from "../factories/document";
import { createMultiCountryProgramme } from "../factories/multi-country";
import { createFundingLine, createIndicator } from "../factories/results";

// The home pages' figures come from summary rows the database keeps per
// programme and per set of countries the records name ("ProgrammeFigures",
// kept by triggers: prisma/migrations/20261205100001_programme_figures).
// After every write of a varied series, through the model functions where
// there is one, portfolioSummary must equal a full recount from the base
// tables (portfolioSummaryRecount, the definitions the home pages had before
// the summary rows) for staff, for partners of each country and of several,
// and for donors. Each programme's record span ("ProgrammeRecordSpan",
// 20261205140001_programme_record_spans) must equal recordSpansRecount.

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

/** Every programme's stored record span equals its live recount (no row where nothing is dated). */
async function expectSpansRight() {
  const ids = (await prisma.programme.findMany({ select: { id: true } })).map((p) => p.id);
  const [spans, recount] = await Promise.all([recordSpans(ids), recordSpansRecount(ids)]);
  expect(spans).toEqual(recount);
}

/** The home figures, the portfolio page and the record spans equal their recounts for every scope. */
async function expectSummaryRowsRight() {
  await expectSpansRight();
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

  // Each write below moves one end of the programme's span (its dates lie
  // outside every other record's), so a span left stale shows.
  it("keep each programme's record span through the dates of every kind of record, archived, restored, moved and deleted", async () => {
    const programme = await createProgramme(prisma, { countries: ["KZ"], title: "Spans" });
    const other = await createProgramme(prisma, { countries: ["KZ"], title: "Spans, other" });
    const spanOf = async (id: string) => (await recordSpans([id])).get(id);
    const day = (s: string) => new Date(`${s}T00:00:00Z`);
    expect(await spanOf(programme.id)).toBeUndefined();

    // Indicator periods: added, re-dated, a value recorded, moved to another indicator, deleted; the indicator archived, moved, deleted.
    const indicator = await createIndicator(prisma, { programmeId: programme.id, periods: [{ start: "2001-01-01", end: "2001-12-31" }] });
    expect(await spanOf(programme.id)).toEqual({ from: day("2001-01-01"), to: day("2001-12-31") });
    await expectSpansRight();
    const period = indicator.periods[0]!;
    await prisma.indicatorPeriod.update({ where: { id: period.id }, data: { periodStart: day("2002-01-01"), periodEnd: day("2052-12-31") } });
    await expectSpansRight();
    await prisma.indicatorPeriod.update({ where: { id: period.id }, data: { actualValue: "12" } });
    await expectSpansRight();
    await prisma.indicator.update({ where: { id: indicator.id }, data: { archivedAt: new Date() } });
    expect(await spanOf(programme.id)).toBeUndefined();
    await expectSpansRight();
    await prisma.indicator.update({ where: { id: indicator.id }, data: { archivedAt: null } });
    await expectSpansRight();
    const elsewhere = await createIndicator(prisma, { programmeId: other.id, periods: [{ start: "2010-01-01", end: "2010-12-31" }] });
    await prisma.indicatorPeriod.update({ where: { id: period.id }, data: { indicatorId: elsewhere.id } });
    await expectSpansRight();
    await prisma.indicatorPeriod.update({ where: { id: period.id }, data: { indicatorId: indicator.id } });
    await prisma.indicator.update({ where: { id: elsewhere.id }, data: { programmeId: programme.id } });
    await expectSpansRight();
    await prisma.indicatorPeriod.delete({ where: { id: period.id } });
    await expectSpansRight();
    await prisma.indicator.delete({ where: { id: elsewhere.id } });
    expect(await spanOf(programme.id)).toBeUndefined();
    await expectSpansRight();

    // Agreements: signed, effective and expiry dates; archived and restored; deleted.
    const agreement = await createAgreementRecord(prisma, programme.id, { expiresOn: "2045-06-30" });
    await prisma.agreement.update({ where: { id: agreement.id }, data: { signedOn: day("2000-05-05"), effectiveOn: day("2000-06-01") } });
    expect(await spanOf(programme.id)).toEqual({ from: day("2000-05-05"), to: day("2045-06-30") });
    await expectSpansRight();
    await setAgreementArchived(ctxFor(actor), agreement.id, true);
    await expectSpansRight();
    await setAgreementArchived(ctxFor(actor), agreement.id, false);
    await expectSpansRight();

    // Activities and their outcomes: an outcome counts while it and its activity are live.
    const ctx = ctxFor(actor);
    const activity = await createActivity(ctx, activityForm({ programmeId: programme.id, plannedStart: "2030-01-01", plannedEnd: "2030-01-02", actualEnd: "2046-01-01" }));
    await expectSpansRight();
    const outcome = await createOutcomeRecord(prisma, activity.id, { dueDate: "2047-03-01" });
    expect((await spanOf(programme.id))?.to).toEqual(day("2047-03-01"));
    await expectSpansRight();
    await setActivityArchived(ctx, activity.id, true);
    await expectSpansRight();
    await setActivityArchived(ctx, activity.id, false);
    await setOutcomeArchived(ctx, outcome.id, true);
    await expectSpansRight();
    await setOutcomeArchived(ctx, outcome.id, false);
    await prisma.outcome.update({ where: { id: outcome.id }, data: { dueDate: day("1999-01-01") } });
    expect((await spanOf(programme.id))?.from).toEqual(day("1999-01-01"));
    await expectSpansRight();
    // The activity moves to the other programme with its outcome.
    await prisma.activity.update({ where: { id: activity.id }, data: { programmeId: other.id } });
    await expectSpansRight();
    await prisma.outcome.delete({ where: { id: outcome.id } });
    await expectSpansRight();

    // Deliverables: due date, archived, deleted.
    const deliverable = await createDeliverableRecord(prisma, programme.id, { dueDate: "2049-01-01" });
    await expectSpansRight();
    await setDeliverableArchived(ctx, deliverable.id, true);
    await expectSpansRight();
    await setDeliverableArchived(ctx, deliverable.id, false);
    await deleteDeliverable(ctx, deliverable.id);
    await expectSpansRight();

    // Funding lines: value, transaction and period dates; archived; deleted.
    const funding = await createFundingLine(prisma, { programmeId: programme.id, valueDate: "2031-01-01", periodStart: "1998-01-01", periodEnd: "2050-12-31" });
    expect(await spanOf(programme.id)).toEqual({ from: day("1998-01-01"), to: day("2050-12-31") });
    await expectSpansRight();
    await prisma.fundingLine.update({ where: { id: funding.id }, data: { transactionDate: day("2051-01-01") } });
    await expectSpansRight();
    await prisma.fundingLine.update({ where: { id: funding.id }, data: { archivedAt: new Date() } });
    await expectSpansRight();
    await prisma.fundingLine.delete({ where: { id: funding.id } });
    await prisma.agreement.delete({ where: { id: agreement.id } });
    await expectSpansRight();
    // Everything in one transaction, then the programme's remaining indicator deleted with its periods.
    await prisma.$transaction([
      prisma.indicatorPeriod.create({ data: { indicatorId: indicator.id, periodStart: day("2003-01-01"), periodEnd: day("2003-12-31") } }),
      prisma.deliverable.create({ data: { programmeId: programme.id, title: "Due late", dueDate: day("2060-01-01") } }),
    ]);
    expect(await spanOf(programme.id)).toEqual({ from: day("2003-01-01"), to: day("2060-01-01") });
    await prisma.indicator.delete({ where: { id: indicator.id } });
    await expectSummaryRowsRight();
  });
});
