import type { ActivityKind, ActivityStatus, PrismaClient } from "@prisma/client";
import { createOrganisation, createProgramme, ensureCountries, uid } from "./index";
import { createDeliverableRecord } from "./document";
import { createFundingLine } from "./results";

// A small portfolio with known numbers for the portfolio dashboard's tests
// (database and browser). Every figure the tests expect is derived from the
// rows below; the comments say which rows count where.

const day = (d: string) => new Date(`${d}T00:00:00Z`);

export async function createPortfolioActivity(
  db: PrismaClient,
  programmeId: string,
  opts: {
    kind?: ActivityKind;
    plannedStart?: string;
    actualStart?: string;
    countryCode?: string | null;
    total?: number | null;
    female?: number | null;
    male?: number | null;
    other?: number | null;
    archived?: boolean;
    title?: string;
    status?: ActivityStatus;
  } = {},
) {
  // Participants count for activities that have taken place: one that records them is completed unless told otherwise.
  const recorded = [opts.total, opts.female, opts.male, opts.other].some((v) => v !== undefined && v !== null);
  if (opts.countryCode) await ensureCountries(db, [opts.countryCode]);
  return db.activity.create({
    data: {
      programmeId,
      kind: opts.kind ?? "WORKSHOP",
      title: opts.title ?? `Portfolio activity ${uid()}`,
      status: opts.status ?? (recorded ? "COMPLETED" : "PLANNED"),
      plannedStart: opts.plannedStart ? day(opts.plannedStart) : null,
      actualStart: opts.actualStart ? day(opts.actualStart) : null,
      countryCode: opts.countryCode ?? null,
      participantsTotal: opts.total ?? null,
      participantsFemale: opts.female ?? null,
      participantsMale: opts.male ?? null,
      participantsOther: opts.other ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

/**
 * Funder A funds P1 (Belarus) and the archived P3; funder B funds P2
 * (Kazakhstan and Uzbekistan). Deliverable due dates are relative to `today`
 * (yyyy-mm-dd, UTC) so overdue counts are exact.
 */
export async function createKnownPortfolio(db: PrismaClient, today: string) {
  const tag = uid().toUpperCase();
  const funderA = await createOrganisation(db, { shortName: `KWPF-${tag}` });
  const funderB = await createOrganisation(db, { shortName: `GOVJP-${tag}` });
  const p1 = await createProgramme(db, { code: `P1-${tag}`, title: `Беларусь DRG ${tag}`, countries: ["BY"], funders: [funderA.id] });
  const p2 = await createProgramme(db, { code: `P2-${tag}`, title: `Central Asia ${tag}`, countries: ["KZ", "UZ"], funders: [funderB.id] });
  const p3 = await createProgramme(db, { code: `P3-${tag}`, title: `Archived ${tag}`, countries: ["BY"], funders: [funderA.id], archived: true });

  // P1: year 2023 (actual start wins over a 2024 planned start), country from the programme (BY).
  await createPortfolioActivity(db, p1.id, { kind: "WORKSHOP", actualStart: "2023-12-31", plannedStart: "2024-01-05", total: 20, female: 8, male: 10, other: 1 });
  // 2024, held in Korea.
  await createPortfolioActivity(db, p1.id, { kind: "WORKSHOP", plannedStart: "2024-01-01", countryCode: "KR", total: 30, female: 12, male: 10 });
  // 2024, held in Belarus, total only (15 not disaggregated).
  await createPortfolioActivity(db, p1.id, { kind: "STUDY_VISIT", plannedStart: "2024-12-31", countryCode: "BY", total: 15 });
  // No date; by-sex figures without a total (total 5); country from the programme (BY).
  await createPortfolioActivity(db, p1.id, { kind: "TRAINING_COURSE", female: 3, male: 2 });
  // Archived: counted nowhere.
  await createPortfolioActivity(db, p1.id, { kind: "SYMPOSIUM", plannedStart: "1978-06-01", countryCode: "BY", total: 100, archived: true });
  // Archived programme: counted nowhere.
  await createPortfolioActivity(db, p3.id, { kind: "SYMPOSIUM", plannedStart: "1977-06-01", countryCode: "BY", total: 100 });
  // P2: 2025, no country: counts for Kazakhstan and for Uzbekistan.
  await createPortfolioActivity(db, p2.id, { kind: "CONSULTANCY", plannedStart: "2025-01-01", total: 10, female: 5, male: 5 });

  const t = day(today).getTime();
  const shift = (days: number) => new Date(t + days * 86_400_000).toISOString().slice(0, 10);
  await createDeliverableRecord(db, p1.id, { status: "NOT_STARTED", dueDate: shift(-1) }); // overdue
  await createDeliverableRecord(db, p1.id, { status: "IN_PROGRESS", dueDate: today }); // due today: not overdue
  await createDeliverableRecord(db, p1.id, { status: "SUBMITTED", dueDate: "2024-01-01" }); // late but submitted
  await createDeliverableRecord(db, p1.id, { status: "ACCEPTED", dueDate: "2024-05-01" });
  await createDeliverableRecord(db, p1.id, { status: "NOT_STARTED" }); // no due date
  await createDeliverableRecord(db, p1.id, { status: "NOT_STARTED", dueDate: "2020-01-01", archived: true });
  await createDeliverableRecord(db, p2.id, { status: "IN_PROGRESS", dueDate: shift(-30) }); // P2: overdue

  const f = (opts: Parameters<typeof createFundingLine>[1]) => createFundingLine(db, opts);
  await f({ programmeId: p1.id, kind: "COMMITMENT", providerOrgId: funderA.id, amount: "32000000000.00", currency: "KRW", valueDate: "2023-03-01", fiscalYear: 2023 });
  await f({ programmeId: p1.id, kind: "DISBURSEMENT", providerOrgId: funderA.id, amount: "1000000.25", currency: "KRW", valueDate: "2023-12-31" });
  await f({ programmeId: p1.id, kind: "DISBURSEMENT", providerOrgId: funderA.id, amount: "500.00", currency: "KRW", valueDate: "2024-01-01" });
  await f({ programmeId: p1.id, kind: "COMMITMENT", providerOrgId: funderA.id, amount: "250.75", currency: "USD", valueDate: "2024-02-01" });
  await f({ programmeId: p1.id, kind: "EXPENDITURE", providerOrgId: funderA.id, amount: "999.00", currency: "KRW", valueDate: "2024-02-01" }); // not a commitment or disbursement
  await f({ programmeId: p1.id, kind: "DISBURSEMENT", providerOrgId: funderA.id, amount: "7.00", currency: "KRW", valueDate: "2024-02-01", archived: true });
  await f({ programmeId: p1.id, kind: "DISBURSEMENT", providerOrgId: null, amount: "10.00", currency: "USD", valueDate: "2024-06-01" });
  await f({ programmeId: p2.id, kind: "COMMITMENT", providerOrgId: funderB.id, amount: "5000.00", currency: "USD", valueDate: "2025-01-10" });

  return { tag, funderA, funderB, p1, p2, p3 };
}
