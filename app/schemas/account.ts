import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { withRules, type RuleInput } from "./fields";

// Account forms: accepting an invitation, forgotten and reset passwords,
// changing one's password. Client-safe: the browser checks the length rules
// as the user types; the server adds the common-password check
// (app/auth/password-policy.server.ts) and shows its message at the field.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** The rules as a hint under the field (a message for translation: show it with t.text). */
export const PASSWORD_HINT = m("auth.password.hint", { min: PASSWORD_MIN });

/** Length in characters as a person counts them (code points, not UTF-16 units); the problem as a message for translation. */
export function passwordLength(password: string): string | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return m("auth.password.tooShort", { min: PASSWORD_MIN });
  if (n > PASSWORD_MAX) return m("auth.password.tooLong", { max: PASSWORD_MAX });
  return null;
}

const newPassword = z
  .string({ required_error: m("auth.v.choosePassword"), invalid_type_error: m("auth.v.choosePassword") })
  .min(1, m("auth.v.choosePassword"))
  .superRefine((value, ctx) => {
    const problem = passwordLength(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const confirmation = z.string({ required_error: m("auth.v.typeAgain"), invalid_type_error: m("auth.v.typeAgain") });

function matching(value: RuleInput<{ password: string; confirm: string }>, ctx: z.RefinementCtx) {
  if (value.confirm === undefined) return; // its own message asks for it
  if (value.confirm === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: m("auth.v.typeAgain") });
  else if (value.password !== value.confirm) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: m("auth.v.notSame") });
  }
}

const email = z
  .string({ required_error: m("auth.v.enterEmail"), invalid_type_error: m("auth.v.enterEmail") })
  .trim()
  .min(1, m("auth.v.enterEmail"))
  .max(254, m("auth.v.emailTooLong"))
  .email(m("auth.v.emailFormat"));

export const NewPasswordFormSchema = withRules(z.object({ password: newPassword, confirm: confirmation }), matching);
export type NewPasswordForm = z.infer<typeof NewPasswordFormSchema>;

export const AcceptInvitationFormSchema = withRules(
  z.object({
    name: z
      .string({ required_error: m("auth.v.enterName"), invalid_type_error: m("auth.v.enterName") })
      .trim()
      .min(1, m("auth.v.enterName"))
      .max(120, m("auth.v.nameTooLong", { max: 120 })),
    password: newPassword,
    confirm: confirmation,
  }),
  matching,
);
export type AcceptInvitationForm = z.infer<typeof AcceptInvitationFormSchema>;

export const ForgotPasswordFormSchema = z.object({ email });
export type ForgotPasswordForm = z.infer<typeof ForgotPasswordFormSchema>;

export const ChangePasswordFormSchema = withRules(
  z.object({
    current: z
      .string({ required_error: m("auth.v.enterCurrent"), invalid_type_error: m("auth.v.enterCurrent") })
      .min(1, m("auth.v.enterCurrent"))
      .max(1000, m("auth.v.enterCurrent")),
    password: newPassword,
    confirm: confirmation,
  }),
  (value, ctx) => {
    matching(value, ctx);
    if (value.current && value.password && value.current === value.password) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: m("auth.v.differentPassword") });
    }
  },
);
export type ChangePasswordForm = z.infer<typeof ChangePasswordFormSchema>;

/** Password fields never travel back to the page (they would end up in its HTML). */
export function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  const { password: _p, confirm: _c, current: _k, ...rest } = values;
  return rest;
}
