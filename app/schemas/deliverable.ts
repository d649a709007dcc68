import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { enumField, id, narratives, optionalDate, optionalId, optionalText, requiredText } from "./fields";

export const DELIVERABLE_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "ACCEPTED"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** Statuses in which a deliverable is still owed (and can therefore be overdue). */
export const OPEN_DELIVERABLE_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const satisfies readonly DeliverableStatus[];

export const DeliverableFormSchema = z.object({
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
   * Only when creating from a workshop outcome (/deliverables/new?outcome=):
   * the outcome this deliverable carries out. Ignored on edits.
   */
  outcomeId: optionalId(),
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
