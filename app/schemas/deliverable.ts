import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { enumField, id, narratives, optionalDate, optionalId, optionalText, requiredText } from "./fields";

export const DELIVERABLE_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "ACCEPTED"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** Statuses in which a deliverable is still owed (and can therefore be overdue). */
export const OPEN_DELIVERABLE_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const satisfies readonly DeliverableStatus[];

/**
 * The last calendar day that is "today" somewhere on earth (UTC+14): an event
 * date after it is in the future for everyone, and one up to it is not
 * refused just because the server's clock is behind the user's time zone.
 */
export function latestToday(now = new Date()): Date {
  const ahead = new Date(now.getTime() + 14 * 60 * 60 * 1000);
  return new Date(Date.UTC(ahead.getUTCFullYear(), ahead.getUTCMonth(), ahead.getUTCDate()));
}

export const DeliverableFormSchema = z
  .object({
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  programmeId: id("deliverables.v.programme"),
  agreementId: optionalId(),
  activityId: optionalId(),
  responsibleOrgId: optionalId(),
  title: requiredText("deliverables.v.title", 300),
  description: optionalText("deliverables.v.description", 5000),
  /** The title and description in Russian and Korean (IATI narratives). */
  translations: narratives(300, 5000),
  dueDate: optionalDate("deliverables.v.dueDate"),
  status: enumField(DELIVERABLE_STATUSES, m("deliverables.v.chooseStatus")),
  evidenceDocumentId: optionalId(),
  /**
   * When it was submitted and accepted, as it happened (history recorded
   * later keeps its real dates). Blank: today, when the status gets there.
   * Used only in the statuses they belong to.
   */
  submittedOn: optionalDate("deliverables.v.submittedOn"),
  acceptedOn: optionalDate("deliverables.v.acceptedOn"),
  /**
   * Only when creating from a workshop outcome (/deliverables/new?outcome=):
   * the outcome this deliverable carries out. Ignored on edits.
   */
  outcomeId: optionalId(),
})
  .superRefine((d, ctx) => {
    const limit = latestToday().getTime();
    if (d.submittedOn && d.submittedOn.getTime() > limit) {
      ctx.addIssue({ code: "custom", path: ["submittedOn"], message: m("deliverables.v.submittedFuture") });
    }
    if (d.acceptedOn && d.acceptedOn.getTime() > limit) {
      ctx.addIssue({ code: "custom", path: ["acceptedOn"], message: m("deliverables.v.acceptedFuture") });
    }
    if (d.status === "ACCEPTED" && d.submittedOn && d.acceptedOn && d.acceptedOn.getTime() < d.submittedOn.getTime()) {
      ctx.addIssue({ code: "custom", path: ["acceptedOn"], message: m("deliverables.v.acceptedBeforeSubmitted") });
    }
  });

export type DeliverableForm = z.infer<typeof DeliverableFormSchema>;

/** Overdue is computed, never stored: due before today and still open. */
export function isDeliverableOverdue(
  d: { dueDate: Date | string | null; status: string },
  today: Date,
): boolean {
  if (!d.dueDate || !(OPEN_DELIVERABLE_STATUSES as readonly string[]).includes(d.status)) return false;
  const due = typeof d.dueDate === "string" ? new Date(d.dueDate) : d.dueDate;
  return due.getTime() < today.getTime();
}
