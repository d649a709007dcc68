// Labels for workshop outcomes and the deliverable list's filters (client-safe).

export const OUTCOME_TYPE_LABELS: Record<string, string> = {
  DECISION: "Decision",
  AGREED_NEXT_STEP: "Agreed next step",
  RECOMMENDATION: "Recommendation",
  CONSENSUS: "Consensus",
  ACTION_ITEM: "Action item",
};

export const FOLLOW_UP_STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  NOT_PURSUED: "Not pursued",
};

/** The deliverable list's `due` filter (the staff dashboard links to both). */
export const DELIVERABLE_DUE_LABELS: Record<string, string> = {
  overdue: "Overdue",
  next30: "Due in the next 30 days",
};

/** The outcome list's `followUp` filter (the staff dashboard links to it). */
export const OUTCOME_FOLLOW_UP_FILTER_LABELS: Record<string, string> = {
  missing: "No follow-up yet (not started, no deliverable)",
  overdue: "A follow-up action is overdue",
};

/** Field names as the history and edit-conflict messages show them. */
export const DELIVERABLE_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", agreementId: "Agreement", activityId: "Activity", responsibleOrgId: "Responsible organisation",
  title: "Title", description: "Description", translations: "Other languages", dueDate: "Due date", status: "Status", submittedAt: "Submitted",
  acceptedAt: "Accepted", evidenceDocumentId: "Evidence document", outcomeId: "Outcome",
};

export const OUTCOME_FIELD_LABELS: Record<string, string> = {
  activityId: "Activity", type: "Type", text: "What was agreed", translations: "Other languages", responsibleOrgId: "Responsible organisation",
  dueDate: "Due date", followUpStatus: "Follow-up status", followUpNote: "Follow-up note", deliverableId: "Deliverable",
  followUps: "Follow-up actions",
};

