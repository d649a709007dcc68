import { z } from "zod";
import { message as m } from "~/i18n/translate";
import { isOrganisationTypeCode } from "~/utils/codelists";
import { countryCode, narratives, optionalText, requiredText } from "./fields";
import { iatiOrgRef } from "./publisher";

// An organisation: funders, ministries, institutes, multilaterals. The short
// name is unique (the model checks it); the type comes from the IATI
// OrganisationType codelist.

export const OrganisationFormSchema = z.object({
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  shortName: requiredText("organisations.v.shortName", 80),
  fullName: requiredText("organisations.v.fullName", 300),
  countryCode: countryCode(),
  iatiTypeCode: z
    .string({ required_error: m("organisations.v.chooseType"), invalid_type_error: m("organisations.v.chooseType") })
    .trim()
    .min(1, m("organisations.v.chooseType"))
    .refine(isOrganisationTypeCode, m("organisations.v.unknownType")),
  /**
   * Optional; when given, an IATI organisation identifier whose prefix is an
   * active OrganisationRegistrationAgency code (the same check as the publisher's).
   */
  iatiRef: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), iatiOrgRef().optional()),
  description: optionalText("organisations.v.description", 2000),
  /** The full name in Russian and Korean (IATI narratives); the short name stays as it is. */
  translations: narratives(0, 0, { fullName: 300 }),
});

export type OrganisationForm = z.infer<typeof OrganisationFormSchema>;
