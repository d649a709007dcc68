import type { ActivityKind, ActivityStatus, AgreementType, PrismaClient } from "@prisma/client";
import { ensureCountries, uid } from "./index";

// Factories for activities and the agreements they serve. Like the shared
// ones, they take the Prisma client to write with and make unique names.

export async function createTestAgreement(
  db: PrismaClient,
  opts: { programmeId: string; title?: string; type?: AgreementType; archived?: boolean },
) {
  return db.agreement.create({
    data: {
      programmeId: opts.programmeId,
      type: opts.type ?? "MOU",
      title: opts.title ?? `Test agreement ${uid()}`,
      status: "SIGNED",
      signedOn: new Date("2024-03-01"),
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createActivity(
  db: PrismaClient,
  opts: {
    programmeId: string;
    title?: string;
    kind?: ActivityKind;
    status?: ActivityStatus;
    countryCode?: string | null;
    city?: string | null;
    description?: string | null;
    plannedStart?: Date | null;
    actualStart?: Date | null;
    participants?: { total: number; female?: number; male?: number; other?: number };
    agreementIds?: string[];
    organisations?: { organisationId: string; role: "HOST" | "ORGANISER" | "PARTICIPANT" | "FUNDER" }[];
    archived?: boolean;
  },
) {
  if (opts.countryCode) await ensureCountries(db, [opts.countryCode]);
  return db.activity.create({
    data: {
      programmeId: opts.programmeId,
      title: opts.title ?? `Test activity ${uid()}`,
      kind: opts.kind ?? "WORKSHOP",
      status: opts.status ?? "PLANNED",
      countryCode: opts.countryCode ?? null,
      city: opts.city ?? null,
      description: opts.description ?? null,
      plannedStart: opts.plannedStart === undefined ? new Date("2025-05-12") : opts.plannedStart,
      actualStart: opts.actualStart ?? null,
      participantsTotal: opts.participants?.total ?? null,
      participantsFemale: opts.participants?.female ?? null,
      participantsMale: opts.participants?.male ?? null,
      participantsOther: opts.participants?.other ?? null,
      archivedAt: opts.archived ? new Date() : null,
      agreements: { create: (opts.agreementIds ?? []).map((agreementId) => ({ agreementId })) },
      organisations: { create: opts.organisations ?? [] },
    },
  });
}
