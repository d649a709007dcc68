import { dictionary } from "@zxcvbn-ts/language-common";
import { message } from "~/i18n/translate";
import { passwordLength } from "~/schemas/account";

// The server's half of the password rules (ASVS 5.0 V6.2): the length rules
// are in app/schemas/account.ts so the browser shows them too; the list of
// ~49,000 common passwords stays here (it would weigh down every page).
// No composition rules (digits, symbols): they make passwords worse, not better.

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

// Messages for translation (shown at the field with t.text).
export const PASSWORD_MESSAGES = {
  common: message("auth.password.common"),
  email: message("auth.password.email"),
} as const;

/** The reason a new password is refused (a message for translation), or null when it is acceptable. */
export function passwordProblem(password: string, email?: string | null): string | null {
  const length = passwordLength(password);
  if (length) return length;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return PASSWORD_MESSAGES.common;
  if (email) {
    const address = email.trim().toLowerCase();
    const local = address.split("@")[0] ?? "";
    if (lower.includes(address) || (local.length >= 3 && lower.includes(local))) return PASSWORD_MESSAGES.email;
  }
  return null;
}
