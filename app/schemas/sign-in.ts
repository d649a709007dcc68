import { z } from "zod";

export const SignInFormSchema = z.object({
  email: z
    .string({ required_error: "Enter your e-mail address." })
    .trim()
    .min(1, "Enter your e-mail address.")
    .max(254, "That e-mail address is too long.")
    .email("Enter an e-mail address like name@agency.org."),
  password: z
    .string({ required_error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "That password is too long."),
  redirectTo: z.string().max(2000).optional(),
});

export type SignInForm = z.infer<typeof SignInFormSchema>;
