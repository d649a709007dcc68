import { z } from "zod";
import { requiredText } from "./fields";

// A partner's comment on an outcome or a deliverable. Shared by the browser
// form and the action, which re-checks it.

export const COMMENT_MAX = 2000;

export const CommentFormSchema = z.object({
  body: requiredText("portal.v.comment", COMMENT_MAX),
});

export type CommentForm = z.infer<typeof CommentFormSchema>;
