import { z } from "zod";
import { isOrganisationTypeCode } from "~/utils/codelists";
import { countryCode, optionalText, requiredText } from "./fields";

// An organisation: funders, ministries, institutes, multilaterals. The short
// name is unique (the model checks it); the type comes from the IATI
// OrganisationType codelist.

/** An IATI organisation identifier: registration agency prefix and the organisation's number, e.g. XM-DAC-41114, KR-GOV-010. */
export const IATI_ORG_REF_PATTERN = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/;

export const OrganisationFormSchema = z.object({
  /** The version the user loaded; present on edits (optimistic locking). */
  version: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).optional()),
  shortName: requiredText("a short name", 80),
  fullName: requiredText("the full name", 300),
  countryCode: countryCode(),
  iatiTypeCode: z
    .string({ required_error: "Choose the organisation type.", invalid_type_error: "Choose the organisation type." })
    .trim()
    .min(1, "Choose the organisation type.")
    .refine(isOrganisationTypeCode, "Choose an organisation type from the list (IATI OrganisationType)."),
  iatiRef: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .max(100, "Keep the IATI identifier under 100 characters.")
      .regex(IATI_ORG_REF_PATTERN, "Use an IATI organisation identifier such as XM-DAC-41114 or KR-GOV-010: letters and digits in parts joined by hyphens.")
      .optional(),
  ),
  description: optionalText("the description", 2000),
});

export type OrganisationForm = z.infer<typeof OrganisationFormSchema>;
