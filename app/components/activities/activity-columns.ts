import { formatDateRange, type Precision } from "~/utils/format";
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS } from "~/utils/labels";
import type { Column } from "~/utils/list-query";

export type ActivityListRow = {
  id: string;
  title: string;
  kind: string;
  status: string;
  city: string | null;
  plannedStart: string | Date | null;
  plannedEnd: string | Date | null;
  actualStart: string | Date | null;
  actualEnd: string | Date | null;
  datePrecision: string;
  participantsTotal: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  participantsOther: number | null;
  archivedAt: string | Date | null;
  programme: { code: string; title: string };
  country: { nameEn: string } | null;
};

/** The dates an activity is known by: actual ones once it has them, planned ones until then (marked so). */
export function activityDates(r: Pick<ActivityListRow, "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd" | "datePrecision">): string {
  const precision = r.datePrecision as Precision;
  if (r.actualStart || r.actualEnd) return formatDateRange(r.actualStart, r.actualEnd, precision);
  if (r.plannedStart || r.plannedEnd) return `${formatDateRange(r.plannedStart, r.plannedEnd, precision)} (planned)`;
  return "";
}

export function activityPlace(r: { city: string | null; country: { nameEn: string } | null }): string {
  return [r.city, r.country?.nameEn].filter(Boolean).join(", ");
}

const count = (n: number | null) => (n === null || n === undefined ? "" : String(n));

/** The activity list's columns: the table shows them and the CSV holds exactly them. */
export const ACTIVITY_COLUMNS: Column<ActivityListRow>[] = [
  { key: "title", header: "Activity", text: (r) => r.title, sortKey: "title" },
  { key: "kind", header: "Kind", text: (r) => ACTIVITY_KIND_LABELS[r.kind] ?? r.kind, sortKey: "kind" },
  // The programme's code keeps rows short; the table shows its title on hover.
  { key: "programme", header: "Programme", text: (r) => r.programme.code, sortKey: "programme" },
  { key: "place", header: "Place", text: activityPlace },
  { key: "dates", header: "Dates", text: activityDates, sortKey: "start" },
  { key: "status", header: "Status", text: (r) => ACTIVITY_STATUS_LABELS[r.status] ?? r.status, sortKey: "status" },
  { key: "participants", header: "Participants", text: (r) => count(r.participantsTotal), align: "right" },
  { key: "female", header: "Female", text: (r) => count(r.participantsFemale), align: "right" },
  { key: "male", header: "Male", text: (r) => count(r.participantsMale), align: "right" },
  { key: "other", header: "Other or not recorded", text: (r) => count(r.participantsOther), align: "right" },
];
