import type { FundingKind, IndicatorMeasure, PrismaClient, ResultType } from "@prisma/client";
import { uid } from "./index";

// Factories for the results framework and funding: indicators with their
// periods, and funding lines. Each makes exactly what a test asks for.

type PeriodInput = {
  start: string;
  end: string;
  target?: string | number | null;
  actual?: string | number | null;
  targetFemale?: string | number | null;
  targetMale?: string | number | null;
  actualFemale?: string | number | null;
  actualMale?: string | number | null;
};

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const dec = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

export async function createIndicator(
  db: PrismaClient,
  opts: {
    programmeId: string;
    agreementId?: string | null;
    title?: string;
    description?: string | null;
    resultType?: ResultType;
    measure?: IndicatorMeasure;
    unitLabel?: string | null;
    baselineValue?: string | number | null;
    baselineYear?: number | null;
    archived?: boolean;
    periods?: PeriodInput[];
  },
) {
  return db.indicator.create({
    data: {
      programmeId: opts.programmeId,
      agreementId: opts.agreementId ?? null,
      title: opts.title ?? `Indicator ${uid()}`,
      description: opts.description ?? null,
      resultType: opts.resultType ?? "OUTPUT",
      measure: opts.measure ?? "UNIT",
      unitLabel: opts.unitLabel === undefined ? "people" : opts.unitLabel,
      baselineValue: dec(opts.baselineValue),
      baselineYear: opts.baselineYear ?? null,
      archivedAt: opts.archived ? new Date() : null,
      periods: {
        create: (opts.periods ?? []).map((p) => ({
          periodStart: day(p.start),
          periodEnd: day(p.end),
          targetValue: dec(p.target),
          actualValue: dec(p.actual),
          targetFemale: dec(p.targetFemale),
          targetMale: dec(p.targetMale),
          actualFemale: dec(p.actualFemale),
          actualMale: dec(p.actualMale),
        })),
      },
    },
    include: { periods: true },
  });
}

export async function createFundingLine(
  db: PrismaClient,
  opts: {
    programmeId: string;
    kind?: FundingKind;
    amount?: string | number;
    currency?: string;
    valueDate?: string;
    transactionDate?: string | null;
    periodStart?: string | null;
    periodEnd?: string | null;
    fiscalYear?: number | null;
    providerOrgId?: string | null;
    receiverOrgId?: string | null;
    description?: string | null;
    archived?: boolean;
  },
) {
  const kind = opts.kind ?? "DISBURSEMENT";
  const valueDate = opts.valueDate ?? "2024-03-15";
  const budget = kind === "BUDGET";
  return db.fundingLine.create({
    data: {
      programmeId: opts.programmeId,
      kind,
      amount: String(opts.amount ?? "1000.00"),
      currency: opts.currency ?? "USD",
      valueDate: day(valueDate),
      transactionDate: opts.transactionDate === null || (budget && opts.transactionDate === undefined) ? null : day(opts.transactionDate ?? valueDate),
      periodStart: opts.periodStart ? day(opts.periodStart) : budget ? day(valueDate) : null,
      periodEnd: opts.periodEnd ? day(opts.periodEnd) : budget ? day(`${valueDate.slice(0, 4)}-12-31`) : null,
      fiscalYear: opts.fiscalYear ?? null,
      providerOrgId: opts.providerOrgId ?? null,
      receiverOrgId: opts.receiverOrgId ?? null,
      description: opts.description ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}
