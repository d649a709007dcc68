import { z } from "zod";
import { ROLES } from "~/auth/permissions";

// Admin forms for users: inviting someone, and changing a user's role and
// scope. Client-safe. Scope is what a partner or donor may see: partner users
// get one or more countries, donor users one or more funding organisations;
// administrators and staff see everything, so their scope is dropped.

/** A checkbox group arrives as nothing, one string or several. */
const list = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().trim().min(1).max(40)).max(max, `Choose at most ${max}.`),
  );

const role = z.enum(ROLES, {
  errorMap: () => ({ message: "Choose a role." }),
});

const scopeFields = {
  role,
  countries: list(250).pipe(z.array(z.string().regex(/^[A-Z]{2}$/, "Choose countries from the list."))),
  organisationIds: list(500),
};

type ScopeValues = { role: (typeof ROLES)[number]; countries: string[]; organisationIds: string[] };

function scopeRules(value: ScopeValues, ctx: z.RefinementCtx) {
  if (value.role === "PARTNER" && value.countries.length === 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["countries"], message: "Choose at least one country for a partner user." });
  }
  if (value.role === "DONOR" && value.organisationIds.length === 0) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["organisationIds"],
      message: "Choose at least one funding organisation for a donor user.",
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

export const InviteUserFormSchema = z
  .object({
    email: z
      .string({ required_error: "Enter the e-mail address.", invalid_type_error: "Enter the e-mail address." })
      .trim()
      .min(1, "Enter the e-mail address.")
      .max(254, "That e-mail address is too long.")
      .email("Enter an e-mail address like name@agency.org.")
      .transform((s) => s.toLowerCase()),
    name: z
      .string({ required_error: "Enter the person's name.", invalid_type_error: "Enter the person's name." })
      .trim()
      .min(1, "Enter the person's name.")
      .max(120, "Keep the name under 120 characters."),
    ...scopeFields,
  })
  .superRefine(scopeRules)
  .transform(scopeForRole);
export type InviteUserForm = z.infer<typeof InviteUserFormSchema>;

export const UserAccessFormSchema = z
  .object({ version: z.coerce.number().int().min(1).optional(), ...scopeFields })
  .superRefine(scopeRules)
  .transform(scopeForRole);
export type UserAccessForm = z.infer<typeof UserAccessFormSchema>;

export const USER_ACCESS_FIELD_LABELS: Record<string, string> = {
  role: "Role",
  scope: "Scope",
  countries: "Countries",
  organisationIds: "Funding organisations",
};
