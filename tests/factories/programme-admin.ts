import type { PrismaClient } from "@prisma/client";
import { createHash } from "node:crypto";
import { seedCountries } from "../../prisma/seed/countries";
import { uid } from "./index";

// Data for the programme and organisation tests: the full country list (the
// forms offer it), and one record of each kind that can depend on a
// programme or an organisation, so deletes can be refused.

/** Every ISO 3166-1 country with its English, Russian and Korean name (idempotent). */
export async function loadAllCountries(db: PrismaClient) {
  await seedCountries(db);
}

/** Form values for a valid programme; override any field. */
export function programmeValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: `PA-${uid()}`.toUpperCase(),
    title: "Strategic purchasing for primary care",
    status: "IMPLEMENTATION",
    plannedStart: "2024-01-01",
    plannedEnd: "2026-12-31",
    budgetAmount: "1500000",
    budgetCurrency: "USD",
    organisations: [],
    countries: [],
    sectors: [],
    ...overrides,
  };
}

/** One agreement, activity, deliverable, indicator, funding line and document in the programme. */
export async function addProgrammeDependents(db: PrismaClient, programmeId: string, tag = uid()) {
  const agreement = await db.agreement.create({ data: { programmeId, type: "MOU", title: `MoU ${tag}`, status: "SIGNED" } });
  const activity = await db.activity.create({ data: { programmeId, kind: "WORKSHOP", title: `Workshop ${tag}` } });
  const deliverable = await db.deliverable.create({ data: { programmeId, title: `Report ${tag}` } });
  const indicator = await db.indicator.create({ data: { programmeId, resultType: "OUTPUT", title: `Hospitals trained ${tag}` } });
  const funding = await db.fundingLine.create({
    data: { programmeId, kind: "DISBURSEMENT", valueDate: new Date("2024-05-01"), amount: "250000", currency: "USD", fiscalYear: 2024 },
  });
  const document = await db.document.create({
    data: {
      programmeId,
      sha256: createHash("sha256").update(tag).digest("hex"),
      originalName: `minutes-${tag}.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 1000,
      categoryCode: "A07",
      title: `Minutes ${tag}`,
    },
  });
  return { agreement, activity, deliverable, indicator, funding, document };
}

/** Links an organisation to one record of each kind that refers to organisations. */
export async function addOrganisationDependents(db: PrismaClient, organisationId: string, programmeId: string, tag = uid()) {
  await db.programmeOrganisation.create({ data: { programmeId, organisationId, role: "IMPLEMENTING" } });
  const agreement = await db.agreement.create({
    data: { programmeId, type: "CONTRACT", title: `Contract ${tag}`, status: "ACTIVE", parties: { create: { organisationId, role: "CONTRACTOR" } } },
  });
  const activity = await db.activity.create({
    data: { programmeId, kind: "STUDY_VISIT", title: `Study visit ${tag}`, organisations: { create: { organisationId, role: "HOST" } } },
  });
  const deliverable = await db.deliverable.create({ data: { programmeId, title: `Analysis ${tag}`, responsibleOrgId: organisationId } });
  const outcome = await db.outcome.create({
    data: { activityId: activity.id, type: "AGREED_NEXT_STEP", text: `Draft the payment rules ${tag}`, responsibleOrgId: organisationId },
  });
  const funding = await db.fundingLine.create({
    data: { programmeId, kind: "COMMITMENT", providerOrgId: organisationId, valueDate: new Date("2024-01-15"), amount: "1000000", currency: "KRW" },
  });
  return { agreement, activity, deliverable, outcome, funding };
}
