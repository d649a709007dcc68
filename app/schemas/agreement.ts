import { z } from "zod";
import {
  afterOrSame,
  currencyCode,
  enumField,
  id,
  optionalAmount,
  optionalDate,
  optionalId,
  optionalText,
  requiredText,
  rows,
} from "./fields";

export const AGREEMENT_TYPES = ["MOU", "IMPLEMENTATION_PLAN", "CONTRACT", "CC_DESIGNATION", "LETTER_OF_INTENT", "AMENDMENT"] as const;
export const AGREEMENT_STATUSES = ["DRAFT", "UNDER_NEGOTIATION", "SIGNED", "ACTIVE", "EXPIRED", "TERMINATED"] as const;
export const PARTY_ROLES = ["SIGNATORY", "COUNTERPART", "DESIGNATING_BODY", "DESIGNATED_INSTITUTION", "CONTRACTOR", "CLIENT", "WITNESS"] as const;
export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR"] as const;

const PartyRow = z.object({
  organisationId: id("an organisation"),
  role: enumField(PARTY_ROLES, "Choose the party's role."),
});

export const AgreementFormSchema = z
  .object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("the programme"),
    parentId: optionalId(),
    type: enumField(AGREEMENT_TYPES, "Choose the type of agreement."),
    title: requiredText("a title", 300),
    reference: optionalText("the reference", 120),
    description: optionalText("the description", 5000),
    status: enumField(AGREEMENT_STATUSES, "Choose a status."),
    signedOn: optionalDate("the signature date"),
    signedPrecision: enumField(DATE_PRECISIONS, "Choose how precisely the signature date is known."),
    effectiveOn: optionalDate("the effective date"),
    expiresOn: optionalDate("the expiry date"),
    value: optionalAmount("the value"),
    currency: currencyCode(),
    parties: rows(PartyRow, (r) => !r.organisationId && !r.role),
  })
  .superRefine((a, ctx) => {
    if (a.signedOn && a.expiresOn && a.expiresOn.getTime() <= a.signedOn.getTime()) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry date must be after the signature date." });
    }
    if (!afterOrSame(a.effectiveOn, a.expiresOn)) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry date cannot be before the effective date." });
    }
    if (a.value && !a.currency) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "Give the currency of the value." });
    }
    if (a.type === "AMENDMENT" && !a.parentId) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "Choose the agreement this amends." });
    }
    if (a.type !== "AMENDMENT" && a.parentId) {
      ctx.addIssue({ code: "custom", path: ["type"], message: "Only an amendment can have a parent agreement." });
    }
    const seen = new Set<string>();
    a.parties.forEach((p, i) => {
      const key = `${p.organisationId}:${p.role}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["parties", i, "organisationId"], message: "This party is listed twice with the same role." });
      seen.add(key);
    });
  });

export type AgreementForm = z.infer<typeof AgreementFormSchema>;

/** Field names as people read them (history, conflicts). Client-safe: record pages render them. */
export const AGREEMENT_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", parentId: "Amends", type: "Type", title: "Title", reference: "Reference",
  description: "Description", status: "Status", signedOn: "Signed", signedPrecision: "Signature date precision",
  effectiveOn: "Effective", expiresOn: "Expires", value: "Value", currency: "Currency", parties: "Parties",
};
