import type { PrismaClient } from "@prisma/client";
import { createProgramme, ensureCountries, uid } from "./index";

// A programme with one of everything a programme report shows, some of it
// inside the reporting period 2025-01-01..2025-12-31 and some outside, with
// organisation names in Russian and Korean. Used by the report tests.

const day = (s: string) => new Date(`${s}T00:00:00Z`);

export const REPORT_PERIOD = { from: "2025-01-01", to: "2025-12-31" } as const;

export async function createReportProgramme(db: PrismaClient, opts: { countries?: string[]; tag?: string } = {}) {
  const tag = opts.tag ?? uid();
  const countries = opts.countries ?? ["BY"];
  await ensureCountries(db, [...countries, "KR"]);
  const fund = await db.organisation.create({
    data: {
      shortName: `MZ-RB-${tag}`,
      fullName: `Министерство здравоохранения Республики Беларусь ${tag}`,
      iatiTypeCode: "10",
      countryCode: "BY",
    },
  });
  const hira = await db.organisation.create({
    data: { shortName: `HIRA-${tag}`, fullName: `건강보험심사평가원 ${tag}`, iatiTypeCode: "10", countryCode: "KR" },
  });
  const programme = await createProgramme(db, {
    title: `Drug regulation capacity ${tag}`,
    countries,
    funders: [fund.id],
  });
  await db.programmeOrganisation.create({ data: { programmeId: programme.id, organisationId: hira.id, role: "IMPLEMENTING" } });

  const agreement = await db.agreement.create({
    data: {
      programmeId: programme.id,
      type: "MOU",
      title: `Memorandum on pharmaceutical regulation ${tag}`,
      status: "ACTIVE",
      signedOn: day("2024-03-01"),
      expiresOn: day("2027-03-01"),
      value: "250000.00",
      currency: "USD",
      parties: { create: [{ organisationId: fund.id, role: "SIGNATORY" }, { organisationId: hira.id, role: "SIGNATORY" }] },
    },
  });
  const expired = await db.agreement.create({
    data: { programmeId: programme.id, type: "LETTER_OF_INTENT", title: `Old letter ${tag}`, status: "EXPIRED", signedOn: day("2020-01-01"), expiresOn: day("2021-01-01") },
  });

  const workshop = await db.activity.create({
    data: {
      programmeId: programme.id,
      kind: "WORKSHOP",
      title: `Workshop on drug pricing ${tag}`,
      status: "COMPLETED",
      countryCode: "BY",
      city: "Minsk",
      plannedStart: day("2025-05-10"),
      actualStart: day("2025-05-12"),
      actualEnd: day("2025-05-14"),
      participantsTotal: 40,
      participantsFemale: 25,
      participantsMale: 14,
      participantsOther: 1,
      agreements: { create: [{ agreementId: agreement.id }] },
      participantGroups: {
        create: [
          { organisationId: fund.id, total: 30, female: 20, male: 10, other: 0 },
          { organisationId: hira.id, total: 10, female: 5, male: 4, other: 1 },
        ],
      },
    },
  });
  const visit = await db.activity.create({
    data: {
      programmeId: programme.id,
      kind: "STUDY_VISIT",
      title: `Study visit to Seoul ${tag}`,
      status: "PLANNED",
      countryCode: "KR",
      city: "Seoul",
      plannedStart: day("2025-10-01"),
      plannedEnd: day("2025-10-05"),
      participantsTotal: 12,
    },
  });
  const before = await db.activity.create({
    data: { programmeId: programme.id, kind: "CONSULTANCY", title: `Scoping mission ${tag}`, status: "COMPLETED", actualStart: day("2024-06-01") },
  });
  await db.activity.create({
    data: { programmeId: programme.id, kind: "WORKSHOP", title: `Archived workshop ${tag}`, actualStart: day("2025-06-01"), archivedAt: new Date() },
  });

  const overdue = await db.deliverable.create({
    data: { programmeId: programme.id, agreementId: agreement.id, title: `Pricing roadmap ${tag}`, dueDate: day("2025-08-01"), status: "IN_PROGRESS", responsibleOrgId: fund.id },
  });
  await db.deliverable.create({
    data: { programmeId: programme.id, activityId: workshop.id, title: `Workshop report ${tag}`, dueDate: day("2025-06-30"), status: "ACCEPTED", acceptedAt: new Date("2025-07-02T10:00:00Z") },
  });
  await db.deliverable.create({ data: { programmeId: programme.id, title: `Old deliverable ${tag}`, dueDate: day("2024-05-01"), status: "ACCEPTED" } });

  await db.outcome.create({
    data: {
      activityId: workshop.id,
      type: "AGREED_NEXT_STEP",
      text: `Draft a reference-pricing roadmap ${tag}`,
      responsibleOrgId: fund.id,
      followUpStatus: "IN_PROGRESS",
      followUpNote: "First draft circulated",
      deliverableId: overdue.id,
    },
  });
  await db.outcome.create({ data: { activityId: before.id, type: "RECOMMENDATION", text: `Scoping recommendation ${tag}` } });

  await db.indicator.create({
    data: {
      programmeId: programme.id,
      resultType: "OUTPUT",
      title: `Officials trained ${tag}`,
      unitLabel: "people",
      baselineValue: "0",
      baselineYear: 2024,
      periods: {
        create: [
          { periodStart: day("2024-01-01"), periodEnd: day("2024-12-31"), targetValue: "20", actualValue: "18" },
          { periodStart: day("2025-01-01"), periodEnd: day("2025-12-31"), targetValue: "60", actualValue: "40" },
        ],
      },
    },
  });

  const line = (kind: "COMMITMENT" | "DISBURSEMENT" | "BUDGET", amount: string, currency: string, date: string, extra: { archived?: boolean; valueOnly?: boolean } = {}) =>
    db.fundingLine.create({
      data: {
        programmeId: programme.id,
        kind,
        amount,
        currency,
        valueDate: day(date),
        transactionDate: extra.valueOnly ? null : day(date),
        providerOrgId: fund.id,
        archivedAt: extra.archived ? new Date() : null,
      },
    });
  await line("COMMITMENT", "100000.00", "USD", "2025-02-01");
  await line("COMMITMENT", "50000.50", "USD", "2025-03-01");
  await line("DISBURSEMENT", "40000.25", "USD", "2025-04-01");
  await line("DISBURSEMENT", "1000000", "KRW", "2025-06-01", { valueOnly: true });
  await line("DISBURSEMENT", "999.00", "USD", "2025-05-01", { archived: true });
  await line("BUDGET", "77777.00", "USD", "2025-01-01");
  await line("COMMITMENT", "20000.00", "USD", "2024-02-01");

  const document = (title: string, shareable: boolean) =>
    db.document.create({
      data: {
        programmeId: programme.id,
        sha256: "0".repeat(64),
        originalName: `${title}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: 10,
        categoryCode: "A09",
        title,
        shareable,
      },
    });
  await document(`Shareable minutes ${tag}`, true);
  await document(`Internal note ${tag}`, false);

  return { tag, programme, fund, hira, agreement, expired, workshop, visit, before };
}
