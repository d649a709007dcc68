import { z } from "zod";
import { message as m } from "~/i18n/translate";

export const SignInFormSchema = z.object({
  email: z
    .string({ required_error: m("auth.v.enterEmail") })
    .trim()
    .min(1, m("auth.v.enterEmail"))
    .max(254, m("auth.v.emailTooLong"))
    .email(m("auth.v.emailFormat")),
  password: z
    .string({ required_error: m("auth.v.enterPassword") })
    .min(1, m("auth.v.enterPassword"))
    .max(200, m("auth.v.passwordTooLong")),
  redirectTo: z.string().max(2000).optional(),
});

export type SignInForm = z.infer<typeof SignInFormSchema>;
