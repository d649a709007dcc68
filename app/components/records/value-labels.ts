import type { Translator } from "~/i18n/translate";

// Coded values of records (statuses, kinds) as their labels in the reader's
// language, for the audit trail and every record page's history. Kept apart
// from field-labels.ts, which pulls in the form schemas: record pages (the
// portal's too) import this one, and their bundles stay small.

/** Fields whose stored value is a code of a fixed list, with the list that names it. */
const ENUM_FIELDS: Record<string, Record<string, Parameters<Translator["label"]>[0]>> = {
  Programme: { status: "programmeStatus" },
  Agreement: { type: "agreementType", status: "agreementStatus", signedPrecision: "datePrecision" },
  Activity: { kind: "activityKind", status: "activityStatus", datePrecision: "datePrecision" },
  Deliverable: { status: "deliverableStatus" },
  Outcome: { type: "outcomeType", followUpStatus: "followUpStatus" },
  Indicator: { resultType: "resultType", measure: "indicatorMeasure" },
  FundingLine: { kind: "fundingKind" },
  Document: { categoryCode: "documentCategory", languageCode: "documentLanguage" },
  Organisation: { iatiTypeCode: "organisationType" },
};

/**
 * A recorded value as a reader reads it: a code of a fixed list ("STUDY_VISIT")
 * as its label in the reader's language ("Study visit"); anything else as it is.
 */
export function recordValueLabel(entityType: string | null | undefined, field: string, value: unknown, t: Translator): unknown {
  const group = entityType ? ENUM_FIELDS[entityType]?.[field] : undefined;
  return group && typeof value === "string" && value !== "" ? t.label(group, value) : value;
}
