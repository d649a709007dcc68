// Human labels for the domain's enums (client-safe).

export const PROGRAMME_STATUS_LABELS: Record<string, string> = {
  PIPELINE: "Pipeline",
  IMPLEMENTATION: "Implementation",
  FINALISATION: "Finalisation",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
  SUSPENDED: "Suspended",
};

export const ORGANISATION_ROLE_LABELS: Record<string, string> = {
  FUNDING: "Funding",
  ACCOUNTABLE: "Accountable",
  EXTENDING: "Extending",
  IMPLEMENTING: "Implementing",
};

export const AGREEMENT_TYPE_LABELS: Record<string, string> = {
  MOU: "Memorandum of understanding",
  IMPLEMENTATION_PLAN: "Implementation plan",
  CONTRACT: "Contract",
  CC_DESIGNATION: "Collaborating-centre designation",
  LETTER_OF_INTENT: "Letter of intent",
  AMENDMENT: "Amendment",
};

export const AGREEMENT_STATUS_LABELS: Record<string, string> = {
  DRAFT: "Draft",
  UNDER_NEGOTIATION: "Under negotiation",
  SIGNED: "Signed",
  ACTIVE: "Active",
  EXPIRED: "Expired",
  TERMINATED: "Terminated",
};

export const ACTIVITY_KIND_LABELS: Record<string, string> = {
  STUDY_VISIT: "Study visit",
  TRAINING_COURSE: "Training course",
  CONSULTANCY: "Consultancy",
  WORKSHOP: "Workshop",
  SYMPOSIUM: "Symposium or conference",
  POLICY_DIALOGUE: "Policy dialogue or forum",
  EXPERT_EXCHANGE: "Expert exchange",
  HIGH_LEVEL_MEETING: "High-level meeting",
};

export const ACTIVITY_STATUS_LABELS: Record<string, string> = {
  PLANNED: "Planned",
  ONGOING: "Ongoing",
  COMPLETED: "Completed",
  POSTPONED: "Postponed",
  CANCELLED: "Cancelled",
};

export const DELIVERABLE_STATUS_LABELS: Record<string, string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  SUBMITTED: "Submitted",
  ACCEPTED: "Accepted",
};

export const OUTCOME_TYPE_LABELS: Record<string, string> = {
  DECISION: "Decision",
  AGREED_NEXT_STEP: "Agreed next step",
  RECOMMENDATION: "Recommendation",
  CONSENSUS: "Consensus",
  ACTION_ITEM: "Action item",
};

export const FOLLOW_UP_LABELS: Record<string, string> = {
  NOT_STARTED: "No follow-up yet",
  IN_PROGRESS: "Follow-up in progress",
  DONE: "Followed up",
  NOT_PURSUED: "Not pursued",
};

export const RESULT_TYPE_LABELS: Record<string, string> = {
  OUTPUT: "Output",
  OUTCOME: "Outcome",
  IMPACT: "Impact",
  OTHER: "Other",
};

export const FUNDING_KIND_LABELS: Record<string, string> = {
  BUDGET: "Budget",
  INCOMING_FUNDS: "Incoming funds",
  INCOMING_COMMITMENT: "Incoming commitment",
  COMMITMENT: "Commitment",
  DISBURSEMENT: "Disbursement",
  EXPENDITURE: "Expenditure",
};
