import type { Translator } from "~/i18n/translate";
import { agreementFieldLabels } from "~/components/agreements/field-labels";
import { organisationFieldLabels } from "~/components/organisations/field-labels";
import { programmeFieldLabels } from "~/components/programme-admin/field-labels";
import { documentFieldLabels } from "~/schemas/document";
import { fundingFieldLabels } from "~/schemas/funding";
import { indicatorFieldLabels } from "~/schemas/indicator";

// A record type's field names in the reader's language, as its page's history
// shows them: the audit trail names the fields of a change the same way.

const fromGroup = (t: Translator, group: "activityField" | "deliverableField" | "outcomeField") =>
  Object.fromEntries(t.options(group).map((o) => [o.value, o.label]));

const BY_TYPE: Record<string, (t: Translator) => Record<string, string>> = {
  Programme: programmeFieldLabels,
  Agreement: agreementFieldLabels,
  Activity: (t) => fromGroup(t, "activityField"),
  Deliverable: (t) => fromGroup(t, "deliverableField"),
  Outcome: (t) => fromGroup(t, "outcomeField"),
  Indicator: indicatorFieldLabels,
  FundingLine: fundingFieldLabels,
  Document: documentFieldLabels,
  Organisation: organisationFieldLabels,
};

/** The field names of a record type (empty for types whose changes are not record fields). */
export function recordFieldLabels(entityType: string | null | undefined, t: Translator): Record<string, string> {
  const labels = entityType ? BY_TYPE[entityType] : undefined;
  return labels ? labels(t) : {};
}

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
