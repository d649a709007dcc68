import documentCategories from "~/data/iati-document-categories";
import organisationTypes from "~/data/iati-organisation-types";
import sectors from "~/data/iati-sectors";
import { ROLE_LABELS } from "~/auth/permissions";
import {
  ACTIVITY_FIELD_LABELS,
  ACTIVITY_FOLLOW_UP_LABELS,
  ACTIVITY_ORGANISATION_ROLE_LABELS,
  ACTIVITY_OUTCOME_TYPE_LABELS,
} from "~/utils/labels-activity";
import { AUDIT_ACTION_LABELS, ENTITY_TYPE_LABELS, USER_STATUS_LABELS } from "~/utils/labels-admin";
import { DOCUMENT_LANGUAGE_LABELS } from "~/utils/labels-document";
import { DATE_PRECISION_LABELS, PARTY_ROLE_LABELS } from "~/utils/labels-extra";
import {
  DELIVERABLE_DUE_LABELS,
  DELIVERABLE_FIELD_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  OUTCOME_FIELD_LABELS,
  OUTCOME_FOLLOW_UP_FILTER_LABELS,
  OUTCOME_TYPE_LABELS,
} from "~/utils/labels-outcome";
import { ORGANISATION_FIELD_LABELS, ORGANISATION_ROLE_HINTS, PROGRAMME_FIELD_LABELS } from "~/utils/labels-programme";
import { FUNDING_KIND_LABELS, INDICATOR_MEASURE_LABELS, INDICATOR_MEASURE_SHORT, RESULT_TYPE_LABELS } from "~/utils/labels-results";
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_TYPE_LABELS,
  DELIVERABLE_STATUS_LABELS,
  FOLLOW_UP_LABELS,
  ORGANISATION_ROLE_LABELS,
  PROGRAMME_STATUS_LABELS,
} from "~/utils/labels";

const byCode = (items: { code: string; name: string }[]) => Object.fromEntries(items.map((i) => [i.code, i.name]));

/**
 * The English names of stored values (statuses, kinds, roles, IATI codes,
 * field names), group by group. The label modules in app/utils stay the
 * English source; each other language names every value of every group
 * (tests/unit/i18n-catalogues.test.ts).
 */
export const enums = {
  programmeStatus: PROGRAMME_STATUS_LABELS,
  organisationRole: ORGANISATION_ROLE_LABELS,
  organisationRoleHint: ORGANISATION_ROLE_HINTS,
  agreementType: AGREEMENT_TYPE_LABELS,
  agreementStatus: AGREEMENT_STATUS_LABELS,
  partyRole: PARTY_ROLE_LABELS,
  activityKind: ACTIVITY_KIND_LABELS,
  activityStatus: ACTIVITY_STATUS_LABELS,
  activityOrganisationRole: ACTIVITY_ORGANISATION_ROLE_LABELS,
  activityOutcomeType: ACTIVITY_OUTCOME_TYPE_LABELS,
  activityFollowUp: ACTIVITY_FOLLOW_UP_LABELS,
  datePrecision: DATE_PRECISION_LABELS,
  deliverableStatus: DELIVERABLE_STATUS_LABELS,
  deliverableDue: DELIVERABLE_DUE_LABELS,
  outcomeType: OUTCOME_TYPE_LABELS,
  followUp: FOLLOW_UP_LABELS,
  followUpStatus: FOLLOW_UP_STATUS_LABELS,
  outcomeFollowUpFilter: OUTCOME_FOLLOW_UP_FILTER_LABELS,
  resultType: RESULT_TYPE_LABELS,
  indicatorMeasure: INDICATOR_MEASURE_LABELS,
  indicatorMeasureShort: INDICATOR_MEASURE_SHORT,
  fundingKind: FUNDING_KIND_LABELS,
  role: ROLE_LABELS,
  userStatus: USER_STATUS_LABELS,
  auditAction: AUDIT_ACTION_LABELS,
  entityType: ENTITY_TYPE_LABELS,
  documentLanguage: DOCUMENT_LANGUAGE_LABELS,
  documentCategory: byCode(documentCategories.items),
  organisationType: byCode(organisationTypes.items),
  sector: byCode(sectors.items),
  programmeField: PROGRAMME_FIELD_LABELS,
  organisationField: ORGANISATION_FIELD_LABELS,
  activityField: ACTIVITY_FIELD_LABELS,
  deliverableField: DELIVERABLE_FIELD_LABELS,
  outcomeField: OUTCOME_FIELD_LABELS,
} satisfies Record<string, Record<string, string>>;

export type EnumGroup = keyof typeof enums;
