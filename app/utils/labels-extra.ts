// Labels for enums introduced by the workspace forms (client-safe).

export const PARTY_ROLE_LABELS: Record<string, string> = {
  SIGNATORY: "Signatory",
  COUNTERPART: "Counterpart",
  DESIGNATING_BODY: "Designating body",
  DESIGNATED_INSTITUTION: "Designated institution",
  CONTRACTOR: "Contractor",
  CLIENT: "Client",
  WITNESS: "Witness",
};

export const DATE_PRECISION_LABELS: Record<string, string> = {
  DAY: "Exact day",
  MONTH: "Month only",
  YEAR: "Year only",
};

export function optionsFrom(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
