import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { checkbox, requiredText } from "./fields";

// The "new personal access token" form on /account/tokens (issue 19, point 6).
// Client-safe: the browser and the action check it alike.

/** How long a token may live, in days: a token always expires, at most in a year. */
export const API_TOKEN_LIFETIMES = ["7", "30", "90", "365"] as const;
export const API_TOKEN_NAME_MAX = 100;

export const ApiTokenFormSchema = z.object({
  name: requiredText("api.v.name", API_TOKEN_NAME_MAX),
  expiresInDays: z.enum(API_TOKEN_LIFETIMES, { errorMap: () => ({ message: m("api.v.expiry") }) }),
  readOnly: checkbox(),
});

export type ApiTokenForm = z.infer<typeof ApiTokenFormSchema>;
