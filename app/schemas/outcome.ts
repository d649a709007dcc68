import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { indexedRows, isEmpty, present } from "./activity";
import { enumField, id, narratives, optionalDate, optionalId, optionalText, requiredText, withRules } from "./fields";

export const OUTCOME_TYPES = ["DECISION", "AGREED_NEXT_STEP", "RECOMMENDATION", "CONSENSUS", "ACTION_ITEM"] as const;
export const FOLLOW_UP_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "NOT_PURSUED"] as const;

export const OUTCOME_TEXT_MAX = 2000;

/** Follow-up statuses still open: with a due date passed, the action is overdue. */
export const OPEN_FOLLOW_UP_STATUSES = ["NOT_STARTED", "IN_PROGRESS"] as const;

/** Overdue: open and due before today (calendar dates, as stored). The model's filters say the same in SQL. */
export function isFollowUpOverdue(a: { status: string; dueDate: Date | string | null }, today: Date | string): boolean {
  if (!a.dueDate || !(OPEN_FOLLOW_UP_STATUSES as readonly string[]).includes(a.status)) return false;
  const day = (d: Date | string) => (typeof d === "string" ? d : d.toISOString()).slice(0, 10);
  return day(a.dueDate) < day(today);
}

/** One follow-up action: who does what by when, how far it got, and the deliverable it produced. */
const FollowUpRow = z.object({
  description: requiredText("outcomes.v.actionDescription", 1000),
  ownerOrgId: optionalId(),
  dueDate: optionalDate("outcomes.v.actionDueDate"),
  status: enumField(FOLLOW_UP_STATUSES, m("outcomes.v.chooseActionStatus")),
  deliverableId: optionalId(),
});

export const FOLLOW_UP_FIELDS = ["description", "ownerOrgId", "dueDate", "status", "deliverableId"] as const;

export const OutcomeFormSchema = withRules(
  z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    activityId: id("outcomes.v.activity"),
    type: enumField(OUTCOME_TYPES, m("outcomes.v.chooseType")),
    text: requiredText("outcomes.v.text", OUTCOME_TEXT_MAX),
    /** What was agreed, in Russian and Korean (IATI narratives). */
    translations: narratives(0, 0, { text: OUTCOME_TEXT_MAX }),
    responsibleOrgId: optionalId(),
    dueDate: optionalDate("outcomes.v.dueDate"),
    followUpStatus: enumField(FOLLOW_UP_STATUSES, m("outcomes.v.chooseFollowUp")),
    followUpNote: optionalText("outcomes.v.followUpNote", 2000),
    deliverableId: optionalId(),
    /** The follow-up actions, as repeatable rows (blank rows ignored). */
    followUps: indexedRows(FollowUpRow, (r) => FOLLOW_UP_FIELDS.every((k) => isEmpty(r[k]))),
  }),
  (o, ctx) => {
    // A decision not to act on an outcome is itself worth recording: say why.
    if (o.followUpStatus === "NOT_PURSUED" && !o.followUpNote) {
      ctx.addIssue({ code: "custom", path: ["followUpNote"], message: m("outcomes.v.whyNotPursued") });
    }
  },
).transform((o) => ({ ...o, followUps: o.followUps.filter(present) }));

export type OutcomeForm = z.infer<typeof OutcomeFormSchema>;
