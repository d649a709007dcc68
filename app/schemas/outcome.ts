import { z } from "zod";
import { message as m } from "~/i18n/translate";
import {
  enumField,
  id,
  indexedRows,
  isEmpty,
  narratives,
  optionalDate,
  optionalId,
  optionalText,
  present,
  requiredText,
  withRules,
  type RuleInput,
} from "./fields";

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

const isBlankFollowUp = (r: Record<string, unknown>) => FOLLOW_UP_FIELDS.every((k) => isEmpty(r[k]));

const OutcomeFields = z.object({
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
  followUps: indexedRows(FollowUpRow, isBlankFollowUp),
});

/** The rules across an outcome's fields, wherever the outcome is recorded. */
function outcomeRules(o: RuleInput<{ followUpStatus: string; followUpNote?: string }>, ctx: z.RefinementCtx) {
  // A decision not to act on an outcome is itself worth recording: say why.
  if (o.followUpStatus === "NOT_PURSUED" && !o.followUpNote) {
    ctx.addIssue({ code: "custom", path: ["followUpNote"], message: m("outcomes.v.whyNotPursued") });
  }
}

export const OutcomeFormSchema = withRules(OutcomeFields, outcomeRules).transform((o) => ({ ...o, followUps: o.followUps.filter(present) }));

export type OutcomeForm = z.infer<typeof OutcomeFormSchema>;

// An outcome recorded on the new-activity form, with its activity (issue 20:
// offline the activity has no id yet, so its outcomes travel in the same
// submission). The outcome form's fields and rules, without the activity (the
// one being created), the translations and the deliverables (linked later on
// the outcome's own page, once the activity's programme holds them).

const ActivityFollowUpRow = FollowUpRow.omit({ deliverableId: true });

export const ACTIVITY_OUTCOME_FIELDS = ["type", "text", "responsibleOrgId", "dueDate", "followUpStatus", "followUpNote"] as const;

export const ActivityOutcomeRow = withRules(
  OutcomeFields.pick({ type: true, text: true, responsibleOrgId: true, dueDate: true, followUpStatus: true, followUpNote: true }).extend({
    followUps: indexedRows(ActivityFollowUpRow, isBlankFollowUp),
  }),
  outcomeRules,
).transform((o) => ({ ...o, followUps: placed(o.followUps) }));

export type ActivityOutcome = z.infer<typeof ActivityOutcomeRow>;

/**
 * The filled rows, each with its place on the form (`place`), so a refusal
 * the model finds after the blank rows are dropped still names the row the
 * person filled ("outcomes.2.followUps.1.ownerOrgId").
 */
export const placed = <T extends object>(rows: (T | null)[]) => rows.flatMap((r, place) => (r ? [{ ...r, place }] : []));

/** A blank outcome row: nothing typed, the follow-up status at its default, no follow-up action. */
export function isBlankActivityOutcome(r: Record<string, unknown>): boolean {
  const actions = Array.isArray(r.followUps) ? (r.followUps as unknown[]) : [];
  return (
    ACTIVITY_OUTCOME_FIELDS.every((k) => isEmpty(r[k]) || (k === "followUpStatus" && r[k] === FOLLOW_UP_STATUSES[0])) &&
    actions.every((a) => !a || typeof a !== "object" || isBlankFollowUp(a as Record<string, unknown>))
  );
}

/** An outcome of the new-activity form as the outcome form posts it, for the activity once created. */
export function activityOutcomeForm(activityId: string, { place: _place, ...o }: ActivityOutcome & { place?: number }): OutcomeForm {
  return {
    ...o,
    activityId,
    version: undefined,
    translations: { ru: {}, ko: {} },
    deliverableId: undefined,
    followUps: o.followUps.map(({ place: _place, ...a }) => ({ ...a, deliverableId: undefined })),
  };
}
