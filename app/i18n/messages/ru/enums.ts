import type { enums as en } from "../en/enums";

/**
 * Every stored value's name in this language, group by group (the same
 * groups and values as English; tests/unit/i18n-catalogues.test.ts checks).
 */
export const enums: { [G in keyof typeof en]: Record<string, string> } = {
  programmeStatus: {},
  organisationRole: {},
  organisationRoleHint: {},
  agreementType: {},
  agreementStatus: {},
  partyRole: {},
  activityKind: {},
  activityStatus: {},
  activityOrganisationRole: {},
  activityOutcomeType: {},
  activityFollowUp: {},
  datePrecision: {},
  deliverableStatus: {},
  deliverableDue: {},
  outcomeType: {},
  followUp: {},
  followUpStatus: {},
  outcomeFollowUpFilter: {},
  resultType: {},
  indicatorMeasure: {},
  indicatorMeasureShort: {},
  fundingKind: {},
  role: {},
  userStatus: {},
  auditAction: {},
  entityType: {},
  documentLanguage: {},
  documentCategory: {},
  organisationType: {},
  sector: {},
  programmeField: {},
  organisationField: {},
  activityField: {},
  deliverableField: {},
  outcomeField: {},
};
