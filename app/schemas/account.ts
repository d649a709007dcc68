import { z } from "zod";

// Account forms: accepting an invitation, forgotten and reset passwords,
// changing one's password. Client-safe: the browser checks the length rules
// as the user types; the server adds the common-password check
// (app/auth/password-policy.server.ts) and shows its message at the field.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters. Spaces and any characters are allowed; a few unrelated words make a good password.`;

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function passwordLength(password: string): string | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (n > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return null;
}

const newPassword = z
  .string({ required_error: "Choose a password.", invalid_type_error: "Choose a password." })
  .min(1, "Choose a password.")
  .superRefine((value, ctx) => {
    const problem = passwordLength(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const confirmation = z.string({ required_error: "Type the password again.", invalid_type_error: "Type the password again." });

function matching<T extends { password: string; confirm: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.confirm === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "Type the password again." });
  else if (value.password !== value.confirm) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "The two passwords are not the same." });
  }
}

const email = z
  .string({ required_error: "Enter your e-mail address.", invalid_type_error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .email("Enter an e-mail address like name@agency.org.");

export const NewPasswordFormSchema = z.object({ password: newPassword, confirm: confirmation }).superRefine(matching);
export type NewPasswordForm = z.infer<typeof NewPasswordFormSchema>;

export const AcceptInvitationFormSchema = z
  .object({
    name: z
      .string({ required_error: "Enter your name.", invalid_type_error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(120, "Keep your name under 120 characters."),
    password: newPassword,
    confirm: confirmation,
  })
  .superRefine(matching);
export type AcceptInvitationForm = z.infer<typeof AcceptInvitationFormSchema>;

export const ForgotPasswordFormSchema = z.object({ email });
export type ForgotPasswordForm = z.infer<typeof ForgotPasswordFormSchema>;

export const ChangePasswordFormSchema = z
  .object({
    current: z
      .string({ required_error: "Enter your current password.", invalid_type_error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(1000, "Enter your current password."),
    password: newPassword,
    confirm: confirmation,
  })
  .superRefine(matching)
  .superRefine((value, ctx) => {
    if (value.current && value.password && value.current === value.password) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: "Choose a password different from your current one." });
    }
  });
export type ChangePasswordForm = z.infer<typeof ChangePasswordFormSchema>;

/** Password fields never travel back to the page (they would end up in its HTML). */
export function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  const { password: _p, confirm: _c, current: _k, ...rest } = values;
  return rest;
}
