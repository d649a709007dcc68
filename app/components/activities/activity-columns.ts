import type { Formatter } from "~/i18n/format";
import type { Translator } from "~/i18n/translate";
import type { Precision } from "~/utils/format";
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
  country: { code: string } | null;
};

/** The dates an activity is known by: actual ones once it has them, planned ones until then (marked so). */
export function activityDates(
  t: Translator,
  fmt: Formatter,
  r: Pick<ActivityListRow, "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd" | "datePrecision">,
): string {
  const precision = r.datePrecision as Precision;
  if (r.actualStart || r.actualEnd) return fmt.dateRange(r.actualStart, r.actualEnd, precision);
  if (r.plannedStart || r.plannedEnd) return t("activities.dates.planned", { dates: fmt.dateRange(r.plannedStart, r.plannedEnd, precision) });
  return "";
}

export function activityPlace(t: Translator, r: { city: string | null; country: { code: string } | null }): string {
  return [r.city, r.country ? t.label("country", r.country.code) : null].filter(Boolean).join(", ");
}

// Head counts stay plain digits (no grouping) in the table and the files alike.
const count = (n: number | null) => (n === null || n === undefined ? "" : String(n));

/** The activity list's columns: the table shows them and the CSV holds exactly them. */
export function activityColumns(t: Translator, fmt: Formatter): Column<ActivityListRow>[] {
  return [
    { key: "title", header: t("activities.col.title"), text: (r) => r.title, sortKey: "title" },
    { key: "kind", header: t("activities.col.kind"), text: (r) => t.label("activityKind", r.kind), sortKey: "kind" },
    // The programme's code keeps rows short; the table shows its title on hover.
    { key: "programme", header: t("activities.col.programme"), text: (r) => r.programme.code, sortKey: "programme" },
    { key: "place", header: t("activities.col.place"), text: (r) => activityPlace(t, r) },
    { key: "dates", header: t("activities.col.dates"), text: (r) => activityDates(t, fmt, r), sortKey: "start" },
    { key: "status", header: t("activities.col.status"), text: (r) => t.label("activityStatus", r.status), sortKey: "status" },
    { key: "participants", header: t("activities.col.participants"), text: (r) => count(r.participantsTotal), align: "right" },
    { key: "female", header: t("activities.col.female"), text: (r) => count(r.participantsFemale), align: "right" },
    { key: "male", header: t("activities.col.male"), text: (r) => count(r.participantsMale), align: "right" },
    { key: "other", header: t("activities.col.other"), text: (r) => count(r.participantsOther), align: "right" },
  ];
}
