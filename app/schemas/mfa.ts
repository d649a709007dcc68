import { z } from "zod";
import { message as m, type Translator } from "~/i18n/translate";
import { formatUtcDateTime } from "~/utils/format";

// Forms of the second sign-in step and of /account/mfa. Shared by the browser
// (react-hook-form) and the actions; whether a code is *right* is decided on
// the server only.

const codeMessage = m("auth.v.totpCode");

export const TotpCodeSchema = z
  .string({ required_error: codeMessage })
  .trim()
  .max(20, codeMessage)
  .transform((v) => v.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, codeMessage));

const recoveryMessage = m("auth.v.recoveryCode");

export const RecoveryCodeSchema = z
  .string({ required_error: recoveryMessage })
  .trim()
  .max(40, recoveryMessage)
  .transform((v) => v.toLowerCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[a-z2-7]{16}$/, recoveryMessage));

const redirectTo = z.string().max(2000).optional();

/** /sign-in/mfa with an authenticator code. */
export const MfaCodeFormSchema = z.object({
  intent: z.literal("totp"),
  code: TotpCodeSchema,
  redirectTo,
});
export type MfaCodeForm = z.input<typeof MfaCodeFormSchema>;

/** /sign-in/mfa with a recovery code. */
export const MfaRecoveryFormSchema = z.object({
  intent: z.literal("recovery"),
  recoveryCode: RecoveryCodeSchema,
  redirectTo,
});
export type MfaRecoveryForm = z.input<typeof MfaRecoveryFormSchema>;

export const MfaStepFormSchema = z.discriminatedUnion("intent", [MfaCodeFormSchema, MfaRecoveryFormSchema]);

/** /account/mfa: confirming the enrolment with the first code. */
export const MfaEnrolFormSchema = z.object({
  intent: z.literal("enable"),
  code: TotpCodeSchema,
  redirectTo,
});
export type MfaEnrolForm = z.input<typeof MfaEnrolFormSchema>;

const proofMessage = m("auth.v.proof");

/** /account/mfa: regenerating recovery codes or turning MFA off needs the password or a current code. */
export const MfaProofFormSchema = z.object({
  intent: z.enum(["regenerate", "disable"]),
  proof: z.string({ required_error: proofMessage }).min(1, proofMessage).max(200, m("auth.v.proofTooLong")),
});
export type MfaProofForm = z.input<typeof MfaProofFormSchema>;

/** Starting the enrolment over with a new key (e.g. the first one was scanned into the wrong app). */
export const MfaRestartFormSchema = z.object({ intent: z.literal("restart") });

/** Recovery codes as a downloadable text file (built in the browser from the codes on the page), in the page's language. */
export function recoveryCodesText(t: Translator, email: string, codes: string[], createdAt: Date): string {
  return [
    t("auth.codes.fileTitle", { email }),
    t("auth.codes.fileCreated", { time: formatUtcDateTime(createdAt, t.locale) }),
    "",
    t("auth.codes.fileUse"),
    t("auth.codes.fileKeep"),
    "",
    ...codes,
    "",
  ].join("\n");
}
