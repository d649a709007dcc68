import { beforeAll, describe, expect, it } from "vitest";
import { nearestActivityMonth } from "~/models/dashboard.server";
import { demoSignInAccounts } from "~/models/seed.server";
import { getPortalProgramme, listPortalProgrammes } from "~/models/portal.server";
import { getProgramme, listProgrammes } from "~/models/programme.server";
import { prisma } from "~/utils/db.server";
import { createProgramme } from "../factories";
import { createActivityRecord, createAgreementRecord } from "../factories/document";

// Issue 14, item 20: a programme's dates and budget come from its records when
// it has none stored, saying so; an empty calendar month offers the nearest
// month with activities; the sign-in page lists demo accounts in demo mode only.

const day = (s: string) => new Date(`${s}T00:00:00Z`);

async function fundingLine(programmeId: string, kind: "BUDGET" | "COMMITMENT" | "DISBURSEMENT", amount: string, currency: string, valueDate: string) {
  return prisma.fundingLine.create({ data: { programmeId, kind, amount, currency, valueDate: day(valueDate) } });
}

describe("programme dates and budget", () => {
  let undated: { id: string; code: string };
  let committed: { id: string; code: string };
  let stored: { id: string; code: string };

  beforeAll(async () => {
    undated = await createProgramme(prisma, { countries: ["BY"], title: "Undated programme" });
    await prisma.programme.update({ where: { id: undated.id }, data: { plannedStart: null, plannedEnd: null } });
    await createActivityRecord(prisma, undated.id, { actualStart: "2019-01-17", actualEnd: "2019-01-18" });
    await createAgreementRecord(prisma, undated.id, { status: "SIGNED", expiresOn: "2022-11-30" });
    await fundingLine(undated.id, "BUDGET", "1000000000.00", "KRW", "2022-01-01");
    await fundingLine(undated.id, "BUDGET", "165700000.00", "KRW", "2022-06-01");
    await fundingLine(undated.id, "DISBURSEMENT", "15000000.00", "KRW", "2023-12-27");

    committed = await createProgramme(prisma, { countries: ["BY"], title: "Only commitments" });
    await prisma.programme.update({ where: { id: committed.id }, data: { plannedEnd: null } });
    await fundingLine(committed.id, "COMMITMENT", "500.00", "USD", "2024-05-01");
    await fundingLine(committed.id, "COMMITMENT", "250.50", "USD", "2024-07-01");
    await fundingLine(committed.id, "COMMITMENT", "100.00", "EUR", "2024-07-01");

    stored = await createProgramme(prisma, { countries: ["BY"], title: "Stored figures" });
    await prisma.programme.update({ where: { id: stored.id }, data: { budgetAmount: "300000.00", budgetCurrency: "USD" } });
    await fundingLine(stored.id, "BUDGET", "1.00", "USD", "2030-01-01");
  });

  it("takes missing dates from the records and a missing budget from the budget lines", async () => {
    const p = await getProgramme({ kind: "staff" }, undated.code);
    expect(p!.facts).toEqual({
      start: day("2019-01-17"),
      end: day("2023-12-27"),
      datesFromRecords: true,
      budgets: [{ amount: "1165700000.00", currency: "KRW" }],
      budgetFromFunding: true,
    });
  });

  it("falls back to commitments, each currency apart, and fills only the missing end", async () => {
    const [p] = (await listProgrammes({ kind: "staff" })).filter((x) => x.id === committed.id);
    expect(p!.facts).toEqual({
      start: day("2024-01-01"),
      end: day("2024-07-01"),
      datesFromRecords: true,
      budgets: [
        { amount: "100.00", currency: "EUR" },
        { amount: "750.50", currency: "USD" },
      ],
      budgetFromFunding: true,
    });
  });

  it("keeps stored dates and budget as they are", async () => {
    const p = await getProgramme({ kind: "staff" }, stored.code);
    expect(p!.facts).toEqual({
      start: day("2024-01-01"),
      end: day("2026-12-31"),
      datesFromRecords: false,
      budgets: [{ amount: "300000", currency: "USD" }],
      budgetFromFunding: false,
    });
  });

  it("gives the portal the same figures", async () => {
    const partner = { kind: "partner" as const, countries: ["BY"] };
    const card = (await listPortalProgrammes(partner)).find((x) => x.id === undated.id);
    const page = await getPortalProgramme(partner, undated.code);
    const fromPage = (await getProgramme({ kind: "staff" }, undated.code))!.facts;
    expect(card!.facts).toEqual(fromPage);
    expect(page!.programme.facts).toEqual(fromPage);
  });
});

describe("the calendar's nearest month with activities", () => {
  it("finds the closest month before or after an empty one, and none outside the scope", async () => {
    const p = await createProgramme(prisma, { countries: ["TM"], title: "Calendar jump" });
    await createActivityRecord(prisma, p.id, { plannedStart: "2019-03-10" });
    await createActivityRecord(prisma, p.id, { actualStart: "2022-11-02" });
    await createActivityRecord(prisma, p.id, { plannedStart: "2024-01-01", datePrecision: "YEAR" });
    const tm = { kind: "partner" as const, countries: ["TM"] };
    expect(await nearestActivityMonth(tm, { year: 2026, month: 12 })).toEqual({ year: 2022, month: 11 });
    expect(await nearestActivityMonth(tm, { year: 2019, month: 1 })).toEqual({ year: 2019, month: 3 });
    expect(await nearestActivityMonth(tm, { year: 2020, month: 6 })).toEqual({ year: 2019, month: 3 });
    expect(await nearestActivityMonth(tm, { year: 2021, month: 6 })).toEqual({ year: 2022, month: 11 });
    expect(await nearestActivityMonth({ kind: "partner", countries: ["UZ"] }, { year: 2026, month: 12 })).toBeNull();
  });
});

describe("demo accounts on the sign-in page", () => {
  it("are never listed outside demo mode", async () => {
    expect(await demoSignInAccounts()).toEqual([]);
  });
});
