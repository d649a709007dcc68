import type { ActivityKind, DeliverableStatus, FollowUpStatus, OutcomeType, PrismaClient } from "@prisma/client";
import { uid } from "./index";

// Factories for deliverables, workshop outcomes and the records they hang on
// (activities, agreements, documents). Dates are calendar dates (UTC midnight).

/** Today plus `days` as a calendar date (UTC midnight), the way due dates are stored. */
export function daysFromToday(days: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}

/** yyyy-mm-dd of daysFromToday, for forms and URLs. */
export function isoDaysFromToday(days: number): string {
  return daysFromToday(days).toISOString().slice(0, 10);
}

export async function createActivity(
  db: PrismaClient,
  opts: { programmeId: string; kind?: ActivityKind; title?: string; countryCode?: string | null; archived?: boolean },
) {
  return db.activity.create({
    data: {
      programmeId: opts.programmeId,
      kind: opts.kind ?? "WORKSHOP",
      title: opts.title ?? `Workshop ${uid()}`,
      countryCode: opts.countryCode ?? null,
      status: "COMPLETED",
      plannedStart: new Date("2025-03-10"),
      actualStart: new Date("2025-03-10"),
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createAgreement(db: PrismaClient, opts: { programmeId: string; title?: string }) {
  return db.agreement.create({
    data: { programmeId: opts.programmeId, type: "MOU", title: opts.title ?? `MoU ${uid()}`, status: "SIGNED", signedOn: new Date("2024-05-02") },
  });
}

export async function createDocument(
  db: PrismaClient,
  opts: { programmeId: string; title?: string; deliverableId?: string; outcomeId?: string; shareable?: boolean },
) {
  const title = opts.title ?? `Report ${uid()}`;
  return db.document.create({
    data: {
      programmeId: opts.programmeId,
      deliverableId: opts.deliverableId ?? null,
      outcomeId: opts.outcomeId ?? null,
      sha256: uid().repeat(8),
      originalName: `${title}.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 1024,
      categoryCode: "A07",
      title,
      shareable: opts.shareable ?? false,
    },
  });
}

export async function createDeliverable(
  db: PrismaClient,
  opts: {
    programmeId: string;
    title?: string;
    description?: string;
    dueDate?: Date | null;
    status?: DeliverableStatus;
    agreementId?: string;
    activityId?: string;
    responsibleOrgId?: string;
    archived?: boolean;
  },
) {
  return db.deliverable.create({
    data: {
      programmeId: opts.programmeId,
      title: opts.title ?? `Deliverable ${uid()}`,
      description: opts.description ?? null,
      dueDate: opts.dueDate === undefined ? daysFromToday(60) : opts.dueDate,
      status: opts.status ?? "NOT_STARTED",
      agreementId: opts.agreementId ?? null,
      activityId: opts.activityId ?? null,
      responsibleOrgId: opts.responsibleOrgId ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}

export async function createOutcome(
  db: PrismaClient,
  opts: {
    activityId: string;
    type?: OutcomeType;
    text?: string;
    followUpStatus?: FollowUpStatus;
    deliverableId?: string;
    responsibleOrgId?: string;
    dueDate?: Date | null;
    archived?: boolean;
  },
) {
  return db.outcome.create({
    data: {
      activityId: opts.activityId,
      type: opts.type ?? "AGREED_NEXT_STEP",
      text: opts.text ?? `Agreed to draft a roadmap ${uid()}`,
      followUpStatus: opts.followUpStatus ?? "NOT_STARTED",
      deliverableId: opts.deliverableId ?? null,
      responsibleOrgId: opts.responsibleOrgId ?? null,
      dueDate: opts.dueDate ?? null,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}
