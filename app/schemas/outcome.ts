import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { enumField, id, narratives, optionalDate, optionalId, optionalText, requiredText, withRules } from "./fields";

export const OUTCOME_TYPES = ["DECISION", "AGREED_NEXT_STEP", "RECOMMENDATION", "CONSENSUS", "ACTION_ITEM"] as const;
export const FOLLOW_UP_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "NOT_PURSUED"] as const;

export const OUTCOME_TEXT_MAX = 2000;

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
  }),
  (o, ctx) => {
    // A decision not to act on an outcome is itself worth recording: say why.
    if (o.followUpStatus === "NOT_PURSUED" && !o.followUpNote) {
      ctx.addIssue({ code: "custom", path: ["followUpNote"], message: m("outcomes.v.whyNotPursued") });
    }
  },
);

export type OutcomeForm = z.infer<typeof OutcomeFormSchema>;
