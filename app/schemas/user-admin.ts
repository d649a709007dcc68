import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { message as m, type Translator } from "~/i18n/translate";
import { withRules, type RuleInput } from "./fields";

// Admin forms for users: inviting someone, and changing a user's role and
// scope. Client-safe. Scope is what a partner or donor may see: partner users
// get one or more countries, donor users one or more funding organisations;
// administrators and staff see everything, so their scope is dropped.

/** A checkbox group arrives as nothing, one string or several. */
const list = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().trim().min(1).max(40)).max(max, m("admin.v.atMost", { max })),
  );

const role = z.enum(ROLES, {
  errorMap: () => ({ message: m("admin.v.chooseRole") }),
});

const scopeFields = {
  role,
  countries: list(250).pipe(z.array(z.string().regex(/^[A-Z]{2}$/, m("admin.v.countriesFromList")))),
  organisationIds: list(500),
};

type ScopeValues = { role: (typeof ROLES)[number]; countries: string[]; organisationIds: string[] };

function scopeRules(value: RuleInput<ScopeValues>, ctx: z.RefinementCtx) {
  if (value.role === "PARTNER" && value.countries?.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["countries"], message: m("admin.v.countryForPartner") });
  }
  if (value.role === "DONOR" && value.organisationIds?.length === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["organisationIds"],
      message: m("admin.v.organisationForDonor"),
    });
  }
}

/** Only the scope that goes with the role is kept. */
function scopeForRole<T extends ScopeValues>(value: T): T {
  return {
    ...value,
    countries: value.role === "PARTNER" ? [...new Set(value.countries)].sort() : [],
    organisationIds: value.role === "DONOR" ? [...new Set(value.organisationIds)].sort() : [],
  };
}

export const InviteUserFormSchema = withRules(
  z.object({
    email: z
      .string({ required_error: m("admin.v.enterEmail"), invalid_type_error: m("admin.v.enterEmail") })
      .trim()
      .min(1, m("admin.v.enterEmail"))
      .max(254, m("admin.v.emailTooLong"))
      .email(m("admin.v.emailFormat"))
      .transform((s) => s.toLowerCase()),
    name: z
      .string({ required_error: m("admin.v.enterName"), invalid_type_error: m("admin.v.enterName") })
      .trim()
      .min(1, m("admin.v.enterName"))
      .max(120, m("admin.v.nameTooLong", { max: 120 })),
    ...scopeFields,
  }),
  scopeRules,
).transform(scopeForRole);
export type InviteUserForm = z.infer<typeof InviteUserFormSchema>;

export const UserAccessFormSchema = withRules(
  z.object({ version: z.coerce.number().int().min(1).optional(), ...scopeFields }),
  scopeRules,
).transform(scopeForRole);
export type UserAccessForm = z.infer<typeof UserAccessFormSchema>;

/** Field names for the "someone else changed this" notice, in the reader's language. */
export function userAccessFieldLabels(t: Translator): Record<string, string> {
  return {
    role: t("admin.field.role"),
    scope: t("admin.field.scope"),
    countries: t("admin.field.countries"),
    organisationIds: t("admin.field.organisationIds"),
  };
}
