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
