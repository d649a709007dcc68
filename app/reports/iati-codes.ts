import type {
  ActivityOrganisationRole,
  ActivityStatus,
  AgreementStatus,
  FundingKind,
  IndicatorMeasure,
  OrganisationRole,
  PartyRole,
  ProgrammeStatus,
  ResultType,
} from "@prisma/client";

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
 * <dimension name="sex"> on a target or actual. IATI leaves name and value
 * free text; its guidance and the standard's own example write them as words a
 * reader understands (name "sex", values "female"/"male"), not numeric codes.
 */
export const IATI_SEX_DIMENSION = { name: "sex", male: "male", female: "female" } as const;

/** DescriptionType 4 Other: what kind of cooperation activity, the agreement's amendments. */
export const IATI_DESCRIPTION_TYPE_OTHER = "4";

/** RelatedActivityType (embedded): 1 Parent, 2 Child. */
export const IATI_RELATED_ACTIVITY_TYPE = { parent: "1", child: "2" } as const;

/** IndicatorVocabulary (non-embedded) 99: the reporting organisation's own codes (Concord record ids). */
export const IATI_INDICATOR_VOCABULARY_REPORTING_ORG = "99";

/** AidTypeVocabulary (embedded) 1: OECD DAC. */
export const IATI_AID_TYPE_VOCABULARY_DAC = "1";

/** GeographicLocationReach 1 Activity (the activity happens there); GeographicExactness 1 Exact; GeographicLocationClass 2 Populated place. */
export const IATI_LOCATION = { reach: "1", exact: "1", classPopulatedPlace: "2" } as const;

/**
 * An agreement's status as the status of its level-2 IATI activity (ADR 0032):
 * until it is signed it is in the pipeline; signed or in force, in
 * implementation; expired, closed; terminated early, cancelled.
 */
export const IATI_AGREEMENT_STATUS: Record<AgreementStatus, string> = {
  DRAFT: "1",
  UNDER_NEGOTIATION: "1",
  SIGNED: "2",
  ACTIVE: "2",
  EXPIRED: "4",
  TERMINATED: "5",
};

/** A cooperation activity's status (cancelled ones are not published; postponed ones are still in the pipeline). */
export const IATI_COOPERATION_ACTIVITY_STATUS: Record<ActivityStatus, string> = {
  PLANNED: "1",
  ONGOING: "2",
  COMPLETED: "4",
  POSTPONED: "1",
  CANCELLED: "5",
};

/**
 * An agreement party's role as an IATI OrganisationRole: signatories and the
 * designating body answer for it (2 Accountable), the client pays for it
 * (1 Funding), counterparts, designated institutions and contractors carry it
 * out (4 Implementing). A witness takes no part and is not published.
 */
export const IATI_PARTY_ROLE: Record<PartyRole, string | null> = {
  SIGNATORY: "2",
  DESIGNATING_BODY: "2",
  CLIENT: "1",
  COUNTERPART: "4",
  DESIGNATED_INSTITUTION: "4",
  CONTRACTOR: "4",
  WITNESS: null,
};

/** A cooperation activity's organisations: the funder funds it, host and organiser carry it out; participants are not a role (they are the participants result). */
export const IATI_ACTIVITY_ORG_ROLE: Record<ActivityOrganisationRole, string | null> = {
  FUNDER: "1",
  HOST: "4",
  ORGANISER: "4",
  PARTICIPANT: null,
};

export const IATI_VERSION = "2.03";

/** RegionVocabulary (non-embedded): 1 = OECD DAC regions (the Region codelist). */
export const IATI_REGION_VOCABULARY_DAC = "1";
