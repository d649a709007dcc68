import { z } from "zod";
import { message as m } from "~/i18n/translate";
import {
  afterOrSame,
  currencyCode,
  enumField,
  id,
  narratives,
  optionalAmount,
  optionalDate,
  optionalId,
  optionalText,
  requiredText,
  rows,
  withRules,
} from "./fields";

export const AGREEMENT_TYPES = ["MOU", "IMPLEMENTATION_PLAN", "CONTRACT", "CC_DESIGNATION", "LETTER_OF_INTENT", "AMENDMENT"] as const;
export const AGREEMENT_STATUSES = ["DRAFT", "UNDER_NEGOTIATION", "SIGNED", "ACTIVE", "EXPIRED", "TERMINATED"] as const;
export const PARTY_ROLES = ["SIGNATORY", "COUNTERPART", "DESIGNATING_BODY", "DESIGNATED_INSTITUTION", "CONTRACTOR", "CLIENT", "WITNESS"] as const;
export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR"] as const;

const PartyRow = z.object({
  organisationId: id("agreements.v.organisation"),
  role: enumField(PARTY_ROLES, m("agreements.v.choosePartyRole")),
});

export const AgreementFormSchema = withRules(
  z.object({
    /** The version the user loaded; present on edits (optimistic locking). */
    version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
    programmeId: id("agreements.v.programme"),
    parentId: optionalId(),
    type: enumField(AGREEMENT_TYPES, m("agreements.v.chooseType")),
    title: requiredText("agreements.v.title", 300),
    reference: optionalText("agreements.v.reference", 120),
    description: optionalText("agreements.v.description", 5000),
    /** The title and description in Russian and Korean (IATI narratives). */
    translations: narratives(300, 5000),
    status: enumField(AGREEMENT_STATUSES, m("agreements.v.chooseStatus")),
    signedOn: optionalDate("agreements.v.signedOn"),
    signedPrecision: enumField(DATE_PRECISIONS, m("agreements.v.choosePrecision")),
    effectiveOn: optionalDate("agreements.v.effectiveOn"),
    expiresOn: optionalDate("agreements.v.expiresOn"),
    value: optionalAmount("agreements.v.value"),
    currency: currencyCode(),
    parties: rows(PartyRow, (r) => !r.organisationId && !r.role),
  }),
  (a, ctx) => {
    if (a.signedOn && a.expiresOn && a.expiresOn.getTime() <= a.signedOn.getTime()) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: m("agreements.v.expiresBeforeSigned") });
    }
    if (!afterOrSame(a.effectiveOn, a.expiresOn)) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: m("agreements.v.expiresBeforeEffective") });
    }
    if (a.value && !a.currency) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: m("agreements.v.valueCurrency") });
    }
    if (a.type === "AMENDMENT" && !a.parentId) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: m("agreements.v.chooseParent") });
    }
    if (a.type !== "AMENDMENT" && a.parentId) {
      ctx.addIssue({ code: "custom", path: ["type"], message: m("agreements.v.parentOnlyForAmendment") });
    }
    const seen = new Set<string>();
    // Rows in their form positions (null: blank or not yet valid), so the message lands on the row seen.
    (a.parties ?? []).forEach((p, i) => {
      if (!p) return;
      const key = `${p.organisationId}:${p.role}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["parties", i, "organisationId"], message: m("agreements.v.partyTwice") });
      seen.add(key);
    });
  },
);

export type AgreementForm = z.infer<typeof AgreementFormSchema>;

/** Field names as people read them (history, conflicts). Client-safe: record pages render them. */
export const AGREEMENT_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", parentId: "Amends", type: "Type", title: "Title", reference: "Reference",
  description: "Description", status: "Status", signedOn: "Signed", signedPrecision: "Signature date precision",
  effectiveOn: "Effective", expiresOn: "Expires", value: "Value", currency: "Currency", parties: "Parties",
  translations: "Other languages",
};
