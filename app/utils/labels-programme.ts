// Labels for programme and organisation records (client-safe: record pages
// pass them to the history list, which also renders in the browser).

export const PROGRAMME_FIELD_LABELS: Record<string, string> = {
  code: "Code",
  title: "Title",
  description: "Description",
  objectives: "Objectives",
  status: "Status",
  plannedStart: "Planned start",
  plannedEnd: "Planned end",
  actualStart: "Actual start",
  actualEnd: "Actual end",
  budgetAmount: "Budget",
  budgetCurrency: "Budget currency",
  iatiIdentifier: "IATI identifier",
  sourceNote: "Source",
  translations: "Other languages",
  organisations: "Organisations",
  countries: "Partner countries",
  sectors: "Sectors",
  archivedAt: "Archived",
};

export const ORGANISATION_FIELD_LABELS: Record<string, string> = {
  shortName: "Short name",
  fullName: "Full name",
  countryCode: "Country",
  iatiTypeCode: "Organisation type",
  iatiRef: "IATI identifier",
  description: "Description",
  translations: "Other languages",
  archivedAt: "Archived",
};

/** What each IATI organisation role means, for the form's hint. */
export const ORGANISATION_ROLE_HINTS: Record<string, string> = {
  FUNDING: "provides the money",
  ACCOUNTABLE: "answers for the programme, e.g. the partner ministry",
  EXTENDING: "manages the funds on the funder's behalf",
  IMPLEMENTING: "carries the work out",
};
