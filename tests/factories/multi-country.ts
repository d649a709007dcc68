import type { PrismaClient } from "@prisma/client";
import { createOrganisation, createProgramme, uid } from "./index";
import { createActivityRecord, createAgreementRecord, createDeliverableRecord, createDocumentRecord, createOutcomeRecord } from "./document";
import { createFundingLine, createIndicator } from "./results";

// A programme shared by Belarus and Kazakhstan (docs/decisions/0011-partner-
// country-visibility.md), with records of every kind that concern only
// Kazakhstan ("kz"), only Belarus ("by"), and no country at all ("shared").
// A Belarus partner must not see the "kz" records, a Kazakhstan partner not
// the "by" ones; both see the "shared" ones and the programme itself.

export type CountryRecords = {
  agreement: string;
  activity: string;
  deliverable: string;
  outcome: string;
  indicator: string;
  funding: string;
  document: string;
};

export type MultiCountryProgramme = {
  programme: { id: string; code: string };
  fund: { id: string };
  kz: CountryRecords;
  by: CountryRecords;
  shared: CountryRecords;
  /** A KZ-only activity's headline participants, and the BY one's. */
  participants: { kz: number; by: number; shared: number };
};

export async function createMultiCountryProgramme(
  db: PrismaClient,
  opts: { fund?: { id: string }; title?: string } = {},
): Promise<MultiCountryProgramme> {
  const fund = opts.fund ?? (await createOrganisation(db, { shortName: `MC-FUND-${uid()}`, countryCode: "KR" }));
  const programme = await createProgramme(db, { countries: ["BY", "KZ"], funders: [fund.id], title: opts.title ?? `Belarus and Kazakhstan ${uid()}` });
  const korean = await createOrganisation(db, { shortName: `MC-KR-${uid()}`, countryCode: "KR" });
  const participants = { kz: 150, by: 40, shared: 12 };

  const side = async (country: "BY" | "KZ" | null, total: number): Promise<CountryRecords> => {
    const label = country ?? "shared";
    const local = country ? await createOrganisation(db, { shortName: `MC-${country}-${uid()}`, countryCode: country }) : null;
    const agreement = await createAgreementRecord(db, programme.id, { title: `Agreement ${label} ${uid()}` });
    // A Korean signatory beside the country's own: the partner's country
    // decides. The shared agreement names no organisation with a country.
    const parties = local ? [korean, local] : [];
    await db.agreementParty.createMany({ data: parties.map((o) => ({ agreementId: agreement.id, organisationId: o.id, role: "SIGNATORY" as const })) });
    // The KZ activity is located in Kazakhstan; the BY one only has a Belarusian participant group.
    const activity = await createActivityRecord(db, programme.id, { title: `Activity ${label} ${uid()}`, actualStart: "2024-05-10" });
    await db.activity.update({
      where: { id: activity.id },
      data: {
        status: "COMPLETED",
        participantsTotal: total,
        countryCode: country === "KZ" ? "KZ" : null,
        ...(country === "BY" && local ? { participantGroups: { create: { organisationId: local.id, total: 5 } } } : {}),
      },
    });
    const deliverable = await createDeliverableRecord(db, programme.id, { title: `Deliverable ${label} ${uid()}`, dueDate: "2021-12-31" });
    // Concerns its country through its activity (the shared one has neither).
    if (country) await db.deliverable.update({ where: { id: deliverable.id }, data: { activityId: activity.id } });
    const outcome = await createOutcomeRecord(db, activity.id, { text: `Outcome ${label} ${uid()}` });
    const indicator = await createIndicator(db, { programmeId: programme.id, agreementId: country ? agreement.id : null, title: `Indicator ${label} ${uid()}` });
    const funding = await createFundingLine(db, { programmeId: programme.id, providerOrgId: fund.id, receiverOrgId: local?.id ?? null });
    const document = await createDocumentRecord(db, {
      programmeId: programme.id,
      shareable: true,
      title: `Document ${label} ${uid()}`,
      ...(country ? { agreementId: agreement.id } : {}),
    });
    return {
      agreement: agreement.id,
      activity: activity.id,
      deliverable: deliverable.id,
      outcome: outcome.id,
      indicator: indicator.id,
      funding: funding.id,
      document: document.id,
    };
  };

  const kz = await side("KZ", participants.kz);
  const by = await side("BY", participants.by);
  const shared = await side(null, participants.shared);
  return { programme: { id: programme.id, code: programme.code }, fund, kz, by, shared, participants };
}
