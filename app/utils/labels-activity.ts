// Labels for the enums activities use beyond those in labels.ts (client-safe).

export const ACTIVITY_ORGANISATION_ROLE_LABELS: Record<string, string> = {
  HOST: "Host",
  ORGANISER: "Organiser",
  PARTICIPANT: "Participant",
  FUNDER: "Funder",
};

/** Shown on the activity page's outcomes section (the outcome pages have their own copy). */
export const ACTIVITY_OUTCOME_TYPE_LABELS: Record<string, string> = {
  DECISION: "Decision",
  AGREED_NEXT_STEP: "Agreed next step",
  RECOMMENDATION: "Recommendation",
  CONSENSUS: "Consensus",
  ACTION_ITEM: "Action item",
};

export const ACTIVITY_FOLLOW_UP_LABELS: Record<string, string> = {
  NOT_STARTED: "Follow-up not started",
  IN_PROGRESS: "Follow-up in progress",
  DONE: "Done",
  NOT_PURSUED: "Not pursued",
};

/** Field names as the history and the edit-conflict notice show them. */
export const ACTIVITY_FIELD_LABELS: Record<string, string> = {
  programmeId: "Programme", kind: "Kind", title: "Title", description: "Description", translations: "Other languages",
  countryCode: "Country",
  city: "City", status: "Status", plannedStart: "Planned start", plannedEnd: "Planned end", actualStart: "Actual start",
  actualEnd: "Actual end", datePrecision: "Date precision", participantsTotal: "Participants",
  participantsFemale: "Female participants", participantsMale: "Male participants",
  participantsOther: "Other or not recorded", participantsNote: "Note on participants", agreements: "Agreements served",
  organisations: "Organisations", participantGroups: "Participant groups", archivedAt: "Archived",
  agreementIds: "Agreements served",
};
