import type { FundingKind, IndicatorMeasure, OrganisationRole, ProgrammeStatus, ResultType } from "@prisma/client";

// Concord's enums as IATI Standard 2.03 codes (IATI Standard,
// http://iatistandard.org/, CC BY 4.0). Client-safe: no server imports, so a
// page can show "IATI code 2" next to a status. tests/db/iati.test.ts checks
// every code here against the codelist files in ../shared/iati/2.03/codelists.

/** ActivityStatus (embedded). */
export const IATI_ACTIVITY_STATUS: Record<ProgrammeStatus, string> = {
  PIPELINE: "1",
  IMPLEMENTATION: "2",
  FINALISATION: "3",
  CLOSED: "4",
  CANCELLED: "5",
  SUSPENDED: "6",
};

/** ActivityDateType (embedded). */
export const IATI_ACTIVITY_DATE_TYPE = {
  plannedStart: "1",
  actualStart: "2",
  plannedEnd: "3",
  actualEnd: "4",
} as const;

/** OrganisationRole (embedded). */
export const IATI_ORGANISATION_ROLE: Record<OrganisationRole, string> = {
  FUNDING: "1",
  ACCOUNTABLE: "2",
  EXTENDING: "3",
  IMPLEMENTING: "4",
};

/** TransactionType (embedded). BUDGET and PLANNED_DISBURSEMENT are not transactions: they become <budget> and <planned-disbursement>. */
export const IATI_TRANSACTION_TYPE: Record<Exclude<FundingKind, "BUDGET" | "PLANNED_DISBURSEMENT">, string> = {
  INCOMING_FUNDS: "1",
  COMMITMENT: "2",
  DISBURSEMENT: "3",
  EXPENDITURE: "4",
  INCOMING_COMMITMENT: "11",
};

/** ResultType (non-embedded). */
export const IATI_RESULT_TYPE: Record<ResultType, string> = {
  OUTPUT: "1",
  OUTCOME: "2",
  IMPACT: "3",
  OTHER: "9",
};

/** IndicatorMeasure (non-embedded). */
export const IATI_INDICATOR_MEASURE: Record<IndicatorMeasure, string> = {
  UNIT: "1",
  PERCENTAGE: "2",
  QUALITATIVE: "5",
};

/** DescriptionType (non-embedded): 1 General, 2 Objectives. */
export const IATI_DESCRIPTION_TYPE = { general: "1", objectives: "2" } as const;

/** BudgetType (embedded) 1 Original; BudgetStatus (embedded) 1 Indicative. */
export const IATI_BUDGET_TYPE_ORIGINAL = "1";
export const IATI_BUDGET_STATUS_INDICATIVE = "1";

/** SectorVocabulary (non-embedded): 1 = OECD DAC CRS purpose codes (5 digit). */
export const IATI_SECTOR_VOCABULARY_DAC5 = "1";

/**
 * Values of <dimension name="sex">. IATI leaves the value free; we use the
 * ISO/IEC 5218 codes (1 male, 2 female), which is what IATI's own guidance
 * and most publishers' tooling expect for a numeric sex dimension.
 */
export const IATI_SEX_DIMENSION = { name: "sex", male: "1", female: "2" } as const;

// IATI_PLACEHOLDER_REPORTING_ORG lives with the identifier rule, in ~/models/iati-identifier.server.
export const IATI_VERSION = "2.03";
